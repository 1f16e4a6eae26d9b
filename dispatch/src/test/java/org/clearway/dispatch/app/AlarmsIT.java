package org.clearway.dispatch.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.clearway.dispatch.DispatchTestDb;
import org.clearway.testsupport.FakeClock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Sensor alarms become live rows of {@code alarms} linked to the jobs the engine created for them; a stuck sensor is
 * flagged only while its neighbours (same zone and stream, from the stored readings) filled, and clears itself when
 * its level moves again.
 */
class AlarmsIT {

    private static final Instant NOW = Instant.parse("2026-11-28T08:00:00Z");
    /** The start of the stuck scenarios, three days back. */
    private static final Instant T0 = NOW.minus(Duration.ofDays(3));
    private static DispatchHarness harness;
    private static DispatchService service;

    @BeforeAll
    static void start() throws Exception {
        harness = new DispatchHarness("dispatch_alarms", FakeClock.at(NOW), Map.of());
        for (String bin : List.of("fire", "tilted", "stuck", "n1", "n2")) {
            harness.registerBin(bin, 1000, 0);
        }
        for (String bin : List.of("flat", "k1", "k2")) {
            DispatchTestDb.registerBin(harness.db(), bin, "kitchen", 1000, 0);
        }
        try (Connection c = harness.db().getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT clearway_ensure_reading_partitions(?::date, ?::date)")) {
            ps.setString(1, "2026-11-20");
            ps.setString(2, "2026-12-05");
            ps.execute();
        }
        service = harness.startService();
        harness.awaitConsumer();
    }

    @AfterAll
    static void stop() {
        harness.close();
    }

    @Test
    void aFireReadingRaisesOneLiveAlarmLinkedToItsUrgentJobAndRepeatsCountOccurrences() throws Exception {
        Instant t = NOW.minus(Duration.ofMinutes(30));
        harness.publish("fire", DispatchHarness.reading(t, 20, "fire"));
        harness.publish("fire", DispatchHarness.reading(t.plus(Duration.ofMinutes(15)), 21, "fire"));
        harness.publish("fire", DispatchHarness.reading(t.plus(Duration.ofMinutes(15)), 21, "fire"));
        harness.awaitDecided("fire", t.plus(Duration.ofMinutes(15)));
        DispatchTestDb.await("the redelivered reading handled", DispatchHarness.WAIT,
                () -> harness.counter(service, "clearway.dispatch.readings.ignored", null, null) >= 1);

        long job = Long.parseLong(DispatchTestDb.column(harness.db(), "SELECT id FROM jobs WHERE bin_id = 'fire' "
                + "AND reason = 'fire_alarm' AND priority = 'urgent'").get(0));
        assertThat(DispatchTestDb.column(harness.db(), "SELECT kind || ' ' || source || ' ' || state || ' ' || occurrences "
                + "|| ' ' || (raised_at = ?::timestamptz) || ' ' || (last_seen_at = ?::timestamptz) || ' ' || job_id "
                + "FROM alarms WHERE bin_id = 'fire'", t.toString(), t.plus(Duration.ofMinutes(15)).toString()))
                .as("the repeat counts, the redelivered message does not")
                .containsExactly("fire sensor active 2 true true " + job);
        assertThat(harness.counter(service, "clearway.dispatch.alarms.raised", "kind", "fire")).isEqualTo(1);
    }

    @Test
    void aTiltFieldIsATiltAlarmWithItsMaintenanceJobAndLidOpenIsKeptWithoutAJob() throws Exception {
        harness.publish("tilted", "{\"ts\":\"" + NOW.minus(Duration.ofMinutes(5)) + "\",\"fill\":30,\"tilt\":true,"
                + "\"alarms\":[\"lid_open\"]}");
        harness.awaitDecided("tilted", NOW.minus(Duration.ofMinutes(5)));

        String job = DispatchTestDb.column(harness.db(), "SELECT id FROM jobs WHERE bin_id = 'tilted' AND reason = 'maintenance'")
                .get(0);
        assertThat(DispatchTestDb.column(harness.db(), "SELECT kind || ' ' || coalesce(job_id::text, 'none') FROM alarms "
                + "WHERE bin_id = 'tilted' ORDER BY kind")).containsExactly("lid_open none", "tilt " + job);
    }

    @Test
    void aFlatSensorWhileItsNeighboursFillIsFlaggedAndClearsItselfWhenItMovesAgain() throws Exception {
        storeReadings("n1", 10, 20, 30, 40, 50, 60);
        storeReadings("n2", 20, 30, 45, 55, 65, 70);
        harness.publish("stuck", flatBatch());
        harness.awaitDecided("stuck", T0.plus(Duration.ofHours(49)));

        assertThat(DispatchTestDb.column(harness.db(), "SELECT kind || ' ' || source || ' ' || state || ' ' "
                + "|| (raised_at = ?::timestamptz) || ' ' || detail FROM alarms WHERE bin_id = 'stuck'",
                T0.plus(Duration.ofHours(49)).toString())).containsExactly("stuck_sensor rule active true level 30.0 % "
                + "unchanged since " + T0.plus(Duration.ofMinutes(15)) + " while its neighbours rose by 50.0 points (median)");

        harness.publish("stuck", "[" + DispatchHarness.reading(T0.plus(Duration.ofHours(50)), 45) + ","
                + DispatchHarness.reading(T0.plus(Duration.ofHours(50)).plus(Duration.ofMinutes(15)), 46) + "]");
        harness.awaitDecided("stuck", T0.plus(Duration.ofHours(50)).plus(Duration.ofMinutes(15)));

        assertThat(DispatchTestDb.column(harness.db(), "SELECT state || ' ' || cleared_by || ' ' || (cleared_at = ?::timestamptz) "
                + "FROM alarms WHERE bin_id = 'stuck'", T0.plus(Duration.ofHours(50)).plus(Duration.ofMinutes(15)).toString()))
                .containsExactly("cleared rule true");
        assertThat(harness.counter(service, "clearway.dispatch.alarms.raised", "kind", "stuck_sensor")).isEqualTo(1);
    }

    @Test
    void aFlatSensorWhoseNeighboursStayFlatTooIsNotFlagged() throws Exception {
        storeReadings("k1", 40, 41, 40, 40, 41, 40);
        storeReadings("k2", 20, 20, 21, 20, 20, 21);
        harness.publish("flat", flatBatch());
        harness.awaitDecided("flat", T0.plus(Duration.ofHours(49)));

        assertThat(DispatchTestDb.count(harness.db(), "SELECT count(*) FROM alarms WHERE bin_id = 'flat'")).isZero();
    }

    /** 30 % for 49 hours: the level forms at T0 + 15 min and stays flat past the 48 h of the rule. */
    private static String flatBatch() {
        return "[" + DispatchHarness.reading(T0, 30) + "," + DispatchHarness.reading(T0.plus(Duration.ofMinutes(15)), 30)
                + "," + DispatchHarness.reading(T0.plus(Duration.ofHours(24)), 30.5) + ","
                + DispatchHarness.reading(T0.plus(Duration.ofHours(49)), 30) + "]";
    }

    /** Stores readings as ingest would, 9 hours apart from T0 + 2 h. */
    private static void storeReadings(String bin, double... fills) throws Exception {
        List<Instant> times = new ArrayList<>();
        try (Connection c = harness.db().getConnection(); PreparedStatement ps = c.prepareStatement(
                "INSERT INTO readings (bin_id, measured_at, received_at, fill_pct) VALUES (?, ?, ?, ?)")) {
            for (int i = 0; i < fills.length; i++) {
                Instant at = T0.plus(Duration.ofHours(2 + 9L * i));
                times.add(at);
                ps.setString(1, bin);
                ps.setTimestamp(2, Timestamp.from(at));
                ps.setTimestamp(3, Timestamp.from(at));
                ps.setDouble(4, fills[i]);
                ps.addBatch();
            }
            ps.executeBatch();
        }
        assertThat(times.get(times.size() - 1)).isBefore(T0.plus(Duration.ofHours(49)));
    }
}
