package org.clearway.dispatch.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.clearway.dispatch.DispatchTestDb;
import org.clearway.dispatch.trucks.GeoDistance;
import org.clearway.testsupport.FakeClock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Trucks publish positions at QoS 0 through the real broker: the leader stores them, keeps each truck's newest on
 * {@code trucks.last_*}, and adds up the kilometres per shift day in the city's time zone.
 */
class TruckPositionsIT {

    /** 00:10 on 29 November in Shanghai. */
    private static final Instant NOW = Instant.parse("2026-11-28T16:10:00Z");
    private static final FakeClock CLOCK = FakeClock.at(NOW);
    private static DispatchHarness harness;
    private static DispatchService service;

    @BeforeAll
    static void start() throws Exception {
        harness = new DispatchHarness("dispatch_positions", CLOCK, Map.of(
                "CLEARWAY_DISPATCH_FLEET_FILE", Path.of("src/main/resources/demo-fleet.json").toAbsolutePath().toString(),
                "CLEARWAY_DISPATCH_TIME_ZONE", "Asia/Shanghai"));
        service = harness.startService();
        harness.awaitConsumer();
    }

    @AfterAll
    static void stop() {
        harness.close();
    }

    @Test
    void positionsAreStoredTheNewestIsTheTrucksAndTheShiftAddsUpItsLegs() throws Exception {
        Instant t0 = Instant.parse("2026-11-28T16:00:00Z");
        position("truck-n1", t0, 31.2300, 121.4700, ",\"speedKmh\":30,\"headingDeg\":0,\"loadPct\":10");
        position("truck-n1", t0.plusSeconds(60), 31.2345, 121.4700, ",\"loadPct\":12");
        position("truck-n1", t0.plusSeconds(120), 31.2390, 121.4700, "");
        awaitPositions("truck-n1", 3);
        position("truck-n1", t0.plusSeconds(30), 31.2322, 121.4720, "");
        awaitPositions("truck-n1", 4);

        double expected = GeoDistance.km(31.2300, 121.4700, 31.2322, 121.4720)
                + GeoDistance.km(31.2322, 121.4720, 31.2345, 121.4700)
                + GeoDistance.km(31.2345, 121.4700, 31.2390, 121.4700);
        assertThat(drivenKm("truck-n1", "2026-11-29")).isCloseTo(expected, within(1e-6)).isBetween(1.0, 1.2);
        assertThat(DispatchTestDb.column(harness.db(), "SELECT (last_position_at = ?::timestamptz) || ' ' || last_lat "
                + "|| ' ' || last_load_pct FROM trucks WHERE id = 'truck-n1'", t0.plusSeconds(120).toString()))
                .as("the late position is not the newest; a position without load keeps the last known")
                .containsExactly("true 31.239 12");
        assertThat(DispatchTestDb.column(harness.db(), "SELECT speed_kmh || ' ' || heading_deg || ' ' || load_pct "
                + "FROM truck_positions WHERE truck_id = 'truck-n1' AND ts = ?::timestamptz", t0.toString()))
                .containsExactly("30 0 10");
    }

    @Test
    void aRepeatIsStoredOnceAndAJumpFasterThan150KmhAddsNothing() throws Exception {
        Instant t0 = Instant.parse("2026-11-28T16:01:00Z");
        position("truck-n2", t0, 31.2300, 121.4700, "");
        position("truck-n2", t0, 31.2300, 121.4700, "");
        position("truck-n2", t0.plusSeconds(60), 31.3300, 121.4700, "");
        awaitPositions("truck-n2", 2);

        assertThat(drivenKm("truck-n2", "2026-11-29")).as("11 km in a minute").isZero();
        DispatchTestDb.await("the duplicate counted", DispatchHarness.WAIT,
                () -> harness.counter(service, "clearway.dispatch.positions", "outcome", "duplicate") >= 1);
    }

    @Test
    void aShiftDayIsALocalDateSoMidnightInTheCitySplitsTheKilometres() throws Exception {
        Instant beforeMidnight = Instant.parse("2026-11-28T15:59:00Z");
        position("truck-s1", beforeMidnight.minusSeconds(60), 31.2300, 121.4700, "");
        position("truck-s1", beforeMidnight, 31.2345, 121.4700, "");
        position("truck-s1", beforeMidnight.plusSeconds(120), 31.2390, 121.4700, "");
        position("truck-s1", beforeMidnight.plusSeconds(180), 31.2435, 121.4700, "");
        awaitPositions("truck-s1", 4);

        double leg = GeoDistance.km(31.2300, 121.4700, 31.2345, 121.4700);
        assertThat(drivenKm("truck-s1", "2026-11-28")).isCloseTo(leg, within(1e-6));
        assertThat(drivenKm("truck-s1", "2026-11-29")).isCloseTo(leg, within(1e-6));
    }

    @Test
    void badPositionsAndUnknownTrucksAreCountedAndDropped() throws Exception {
        Instant t = Instant.parse("2026-11-28T16:05:00Z");
        position("truck-s2", t, 91, 121.47, "");
        position("truck-s2", t.plus(Duration.ofHours(1)), 31.23, 121.47, "");
        harness.publishRaw(harness.prefix + "trucks/truck-s2/position", "{\"version\":1".getBytes(StandardCharsets.UTF_8),
                0, false);
        position("no-such-truck", t, 31.23, 121.47, "");

        DispatchTestDb.await("three invalid positions and one unknown truck counted", DispatchHarness.WAIT,
                () -> harness.counter(service, "clearway.dispatch.positions", "outcome", "invalid") >= 3
                        && harness.counter(service, "clearway.dispatch.positions", "outcome", "unknown_truck") >= 1);
        assertThat(DispatchTestDb.count(harness.db(), "SELECT count(*) FROM truck_positions WHERE truck_id = 'truck-s2'"))
                .isZero();
        assertThat(harness.http(service, "/metrics")).contains("clearway_dispatch_positions_total");
    }

    @Test
    void positionsPastTheRetentionAreDroppedAndTheShiftTotalsKept() throws Exception {
        try (var c = harness.db().getConnection(); var s = c.createStatement()) {
            s.execute("INSERT INTO truck_positions (truck_id, ts, lat, lon, received_at) VALUES "
                    + "('truck-s3', '" + NOW.minus(Duration.ofDays(91)) + "', 31.23, 121.47, now()), "
                    + "('truck-s3', '" + NOW.minus(Duration.ofDays(89)) + "', 31.23, 121.47, now())");
            s.execute("INSERT INTO truck_shifts (truck_id, shift_date, driven_km, first_at, last_at) VALUES "
                    + "('truck-s3', '2026-08-29', 12.5, '" + NOW.minus(Duration.ofDays(91)) + "', '"
                    + NOW.minus(Duration.ofDays(91)) + "')");
        }
        CLOCK.advance(Duration.ofMinutes(11));

        DispatchTestDb.await("the old position dropped", DispatchHarness.WAIT, () -> DispatchTestDb.count(harness.db(),
                "SELECT count(*) FROM truck_positions WHERE truck_id = 'truck-s3'") == 1);
        assertThat(DispatchTestDb.column(harness.db(), "SELECT (ts = ?::timestamptz)::text FROM truck_positions "
                + "WHERE truck_id = 'truck-s3'", NOW.minus(Duration.ofDays(89)).toString())).containsExactly("true");
        assertThat(DispatchTestDb.count(harness.db(), "SELECT count(*) FROM truck_shifts WHERE truck_id = 'truck-s3'"))
                .isEqualTo(1);
    }

    private static void position(String truck, Instant ts, double lat, double lon, String extra) throws Exception {
        String json = "{\"version\":1,\"ts\":\"" + ts + "\",\"lat\":" + lat + ",\"lon\":" + lon + extra + "}";
        harness.publishRaw(harness.prefix + "trucks/" + truck + "/position", json.getBytes(StandardCharsets.UTF_8), 0, false);
    }

    private static void awaitPositions(String truck, int count) throws Exception {
        DispatchTestDb.await(count + " positions of " + truck, DispatchHarness.WAIT, () -> DispatchTestDb.count(harness.db(),
                "SELECT count(*) FROM truck_positions WHERE truck_id = ?", truck) == count);
    }

    private static double drivenKm(String truck, String day) throws Exception {
        List<String> km = DispatchTestDb.column(harness.db(), "SELECT driven_km FROM truck_shifts WHERE truck_id = ? "
                + "AND shift_date = ?::date", truck, day);
        assertThat(km).as("the shift row of " + truck + " on " + day).hasSize(1);
        return Double.parseDouble(km.get(0));
    }
}
