package org.clearway.dispatch.rounds;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import javax.sql.DataSource;

import org.clearway.decisions.BinState;
import org.clearway.decisions.forecast.ForecastState;
import org.clearway.decisions.forecast.HourOfWeekProfile;
import org.clearway.decisions.signal.ThresholdRule;
import org.clearway.dispatch.DispatchTestDb;
import org.clearway.dispatch.store.DecisionStateStore;
import org.clearway.dispatch.store.JobStore;
import org.clearway.dispatch.store.Json;
import org.clearway.testsupport.FakeClock;
import org.clearway.testsupport.TestSchema;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;

/**
 * The rounds chore on the real schema: a small registry of two districts and two streams with decision states in
 * {@code bin_decisions}, run on a Monday morning (a first start: evenly spaced rounds, some groups with a round that
 * day), again the same morning, and on the Wednesday of a group the city pinned to Wednesdays. Checks the jobs and
 * their reasons, on a round day (risk, round) and between rounds (urgent only when the trip is worth it), the
 * {@code rounds} rows, and that a round job of a past round that no truck took is cancelled.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RoundsChoreIT {

    /** Monday 05:30 UTC, before the default 06:00-14:00 shift. */
    static final Instant MONDAY = Instant.parse("2026-12-07T05:30:00Z");
    static final Instant WEDNESDAY = Instant.parse("2026-12-09T05:30:00Z");
    private static TestSchema schema;
    private static DataSource db;
    private final FakeClock clock = FakeClock.at(MONDAY);
    private static final SimpleMeterRegistry REGISTRY = new SimpleMeterRegistry();
    private final RoundsChore chore = new RoundsChore(new RoundsStore(Json.mapper()), new JobStore(clock),
            ZoneOffset.UTC, RoundsSettings.DEFAULTS, new RoundsMetrics(REGISTRY));

    @BeforeAll
    static void registry() throws SQLException {
        schema = DispatchTestDb.migratedSchema("dispatch_rounds");
        db = schema.dataSource();
        sql("INSERT INTO zones (id, parent_id, level, name) VALUES ('d1', NULL, 'district', 'D1'), "
                + "('s1', 'd1', 'street', 'S1'), ('c1', 's1', 'community', 'C1'), ('d2', NULL, 'district', 'D2'), "
                + "('s2', 'd2', 'street', 'S2'), ('c2', 's2', 'community', 'C2')");
        // d1 kitchen (stagger 0: a round on the first day): at risk, on the way (50 m off), too empty to go along
        bin("k1", "c1", "kitchen", 31.2300, 85);
        bin("k2", "c1", "kitchen", 31.2304, 50);
        bin("k3", "c1", "kitchen", 31.2308, 20);
        // d1 residual, pinned by the city to Wednesdays: full alone (not worth a trip), above its threshold
        bin("r1", "c1", "residual", 31.2400, 100);
        bin("r2", "c1", "residual", 31.2404, 90);
        // d2 residual (stagger 2: a round on the first day): at risk; at risk with a manual job open already
        bin("q1", "c2", "residual", 31.1000, 80);
        bin("q2", "c2", "residual", 31.1004, 90);
        sql("INSERT INTO jobs (bin_id, reason, priority, state, due_at, created_at, updated_at) "
                + "VALUES ('q2', 'manual', 'normal', 'open', now(), now(), now())");
        // d2 kitchen (stagger 1: no round on the first day): five full bins, 24.5 h each to the next round
        for (int i = 1; i <= 5; i++) {
            bin("u" + i, "c2", "kitchen", 31.1100 + i * 0.01, 100);
        }
        sql("INSERT INTO rounds (district_id, stream, weekdays, pinned, pinned_by, pinned_at, updated_at) "
                + "VALUES ('d1', 'residual', '{3}', true, 'token:city', now(), now())");
    }

    @AfterAll
    static void drop() {
        schema.close();
    }

    @Test
    @Order(1)
    void aFirstStartOnAMondayOpensRiskAndRoundJobsOnRoundDaysAndUrgentOnesOnlyWhenWorthTheTrip() throws SQLException {
        run(MONDAY);
        assertThat(jobs()).containsExactly("k1 risk", "k2 round", "q1 risk", "q2 manual", "u1 urgent", "u2 urgent",
                "u3 urgent", "u4 urgent", "u5 urgent");
        assertThat(strings("SELECT DISTINCT due_at::text FROM jobs WHERE reason <> 'manual'"))
                .containsExactly("2026-12-07 14:00:00+00");
        assertThat(strings("SELECT actor FROM job_events e JOIN jobs j ON j.id = e.job_id WHERE j.bin_id = 'k1'"))
                .containsExactly("rounds");
        assertThat(strings("SELECT district_id || '/' || stream || ' ' || weekdays::text || ' ' || pinned || ' '"
                + " || selected_on || ' ' || next_round_at::text || ' ' || bins_at_risk || ' ' || bins_selected"
                + " FROM rounds ORDER BY 1")).containsExactly(
                "d1/kitchen {1,3,5} false 2026-12-07 2026-12-07 06:00:00+00 1 2",
                "d1/residual {3} true 2026-12-07 2026-12-09 06:00:00+00 1 0",
                "d2/kitchen {2,4,6} false 2026-12-07 2026-12-08 06:00:00+00 5 5",
                "d2/residual {1,3,5} false 2026-12-07 2026-12-07 06:00:00+00 2 2");
        assertThat(strings("SELECT count(*)::text FROM rounds WHERE fitted_at IS NOT NULL"))
                .as("a week of readings is needed to fit the days").containsExactly("0");
        assertThat(REGISTRY.get("clearway.dispatch.rounds.runs").tag("outcome", "ok").timer().count()).isEqualTo(1);
        assertThat(REGISTRY.get("clearway.dispatch.rounds.jobs.opened").tag("reason", "urgent").counter().count())
                .isEqualTo(5);
        assertThat(REGISTRY.get("clearway.dispatch.rounds.jobs.opened").tag("reason", "risk").counter().count())
                .isEqualTo(2);
        assertThat(REGISTRY.get("clearway.dispatch.rounds.bins.at.risk").tag("district", "d2").tag("stream", "kitchen")
                .gauge().value()).isEqualTo(5);
        assertThat(REGISTRY.get("clearway.dispatch.rounds.bins.selected").tag("district", "d1").tag("stream", "kitchen")
                .gauge().value()).isEqualTo(2);
        assertThat(REGISTRY.find("clearway.dispatch.rounds.last.refit").gauges()).as("nothing fitted yet").isEmpty();
    }

    @Test
    @Order(2)
    void runningAgainTheSameMorningOpensNothingTwice() throws SQLException {
        run(MONDAY.plusSeconds(1800));
        assertThat(jobs()).hasSize(9);
    }

    @Test
    @Order(3)
    void thePinnedWednesdayIsARoundDayAndThePinnedDaysStay() throws SQLException {
        run(WEDNESDAY);
        assertThat(jobs()).contains("r1 risk", "r2 risk");
        assertThat(strings("SELECT reason || ' ' || state FROM jobs WHERE bin_id = 'k2' ORDER BY id"))
                .as("the round passes by again on Wednesday").containsExactly("round cancelled", "round open");
        assertThat(strings("SELECT weekdays::text || ' ' || pinned || ' ' || selected_on FROM rounds "
                + "WHERE district_id = 'd1' AND stream = 'residual'")).containsExactly("{3} true 2026-12-09");
        assertThat(strings("SELECT bin_id || ' ' || reason || ' ' || state FROM jobs WHERE state = 'cancelled'"))
                .as("Monday's round job no truck took waits for the next round").containsExactly("k2 round cancelled");
        assertThat(strings("SELECT count(*)::text FROM jobs WHERE reason IN ('risk', 'urgent') AND state = 'open'"))
                .as("jobs at risk or urgent stay").containsExactly("9");
        assertThat(REGISTRY.get("clearway.dispatch.rounds.jobs.cancelled").counter().count())
                .as("Wednesday's run cancelled Monday's round job").isEqualTo(1);
    }

    @Test
    @Order(4)
    void aWeekOfReadingsLaterTheKitchenRoundsAreFittedToTheirRhythmAndThePinnedDaysStay() throws SQLException {
        double[] rate = new double[168];
        for (int h = 0; h < 168; h++) {
            rate[h] = h >= 4 * 24 ? 1.2 : 0.6; // heavier from Friday to Sunday: about 5 days to full
        }
        double[] weight = new double[168];
        java.util.Arrays.fill(weight, 2.0);
        HourOfWeekProfile profile = new HourOfWeekProfile(rate, weight, new double[24], new double[24]);
        try (Connection c = db.getConnection()) {
            for (String id : List.of("k1", "k2", "k3")) {
                new DecisionStateStore(Json.mapper(), FakeClock.at(MONDAY)).save(c, new BinState(id, MONDAY, List.of(),
                        10.0, ThresholdRule.Phase.ARMED, false, new ForecastState(null, List.of(), null, profile), null,
                        null, Set.of(), null));
            }
        }
        run(Instant.parse("2026-12-14T05:30:00Z"));
        assertThat(strings("SELECT district_id || '/' || stream || ' ' || (cardinality(weekdays) BETWEEN 2 AND 3) "
                + "|| ' ' || (longest_gap_days < 4.9) FROM rounds WHERE fitted_at IS NOT NULL ORDER BY 1"))
                .as("the kitchen stream's rhythm is known; residual's is not")
                .containsExactly("d1/kitchen true true", "d2/kitchen true true");
        assertThat(strings("SELECT weekdays::text || ' ' || pinned || ' ' || (fitted_at IS NULL) FROM rounds "
                + "WHERE district_id = 'd1' AND stream = 'residual'")).containsExactly("{3} true true");
        assertThat(REGISTRY.get("clearway.dispatch.rounds.last.refit").tag("stream", "kitchen").gauge().value())
                .isEqualTo(Instant.parse("2026-12-14T05:30:00Z").getEpochSecond());
    }

    @Test
    @Order(5)
    void withEvenlySpacedRoundsConfiguredTheFittedGroupsGoBackToSpacedDaysAndThePinnedStay() throws SQLException {
        RoundsSettings cycle = new RoundsSettings(RoundsSettings.DEFAULTS.every(), RoundsSettings.DEFAULTS.refitAfter(),
                RoundsSettings.DEFAULTS.rules().withRounds(org.clearway.decisions.rounds.RiskRules.Rounds.CYCLE));
        RoundsChore spaced = new RoundsChore(new RoundsStore(Json.mapper()), new JobStore(clock), ZoneOffset.UTC, cycle,
                new RoundsMetrics(new SimpleMeterRegistry()));
        Instant tuesday = Instant.parse("2026-12-15T05:30:00Z");
        clock.set(tuesday);
        try (Connection c = db.getConnection()) {
            c.setAutoCommit(false);
            assertThat(spaced.run(c, tuesday)).isFalse();
        }
        assertThat(strings("SELECT count(*)::text FROM rounds WHERE fitted_at IS NOT NULL"))
                .as("no group keeps fitted days").containsExactly("0");
        assertThat(strings("SELECT weekdays::text || ' ' || pinned FROM rounds "
                + "WHERE district_id = 'd1' AND stream = 'residual'")).containsExactly("{3} true");
    }

    @Test
    @Order(6)
    void aBinCollectedOnTheShiftDayIsTakenCareOfUntilTheNext() throws SQLException {
        bin("k8", "c1", "kitchen", 31.2312, 90);
        bin("k9", "c1", "kitchen", 31.2316, 90);
        sql("INSERT INTO jobs (id, bin_id, reason, priority, state, due_at, created_at, updated_at) OVERRIDING SYSTEM VALUE "
                + "VALUES (9008, 'k8', 'risk', 'normal', 'verified', now(), now(), now()), "
                + "(9009, 'k9', 'risk', 'normal', 'verified', now(), now(), now())");
        sql("INSERT INTO collections (job_id, bin_id, stream, zone_id, collected_at) VALUES "
                + "(9008, 'k8', 'kitchen', 'c1', '2026-12-06T13:00:00Z'), (9009, 'k9', 'kitchen', 'c1', '2026-12-07T08:00:00Z')");
        try (Connection c = db.getConnection()) {
            Map<String, Boolean> taken = new java.util.HashMap<>();
            new RoundsStore(Json.mapper()).bins(c, Instant.parse("2026-12-07T00:00:00Z"))
                    .forEach(b -> taken.put(b.id(), b.openCollection()));
            assertThat(taken).containsEntry("k9", true).as("collected the day before").containsEntry("k8", false)
                    .as("an open manual job").containsEntry("q2", true);
        }
    }

    private void run(Instant now) throws SQLException {
        clock.set(now);
        try (Connection c = db.getConnection()) {
            c.setAutoCommit(false);
            assertThat(chore.run(c, now)).isFalse();
        }
    }

    private static void bin(String id, String zone, String stream, double lat, double level) throws SQLException {
        try (Connection c = db.getConnection();
             PreparedStatement ps = c.prepareStatement("INSERT INTO bins (id, zone_id, stream, volume_l, depth_mm, "
                     + "sensor_offset_mm, lat, lon) VALUES (?, ?, ?, 240, 1000, 0, ?, 121.47)")) {
            ps.setString(1, id);
            ps.setString(2, zone);
            ps.setString(3, stream);
            ps.setDouble(4, lat);
            ps.executeUpdate();
            BinState state = new BinState(id, MONDAY.minusSeconds(600), List.of(), level, ThresholdRule.Phase.ARMED,
                    false, ForecastState.initial(), null, null, Set.of(), null);
            new DecisionStateStore(Json.mapper(), FakeClock.at(MONDAY)).save(c, state);
        }
    }

    private static List<String> jobs() throws SQLException {
        return strings("SELECT bin_id || ' ' || reason FROM jobs ORDER BY 1");
    }

    private static List<String> strings(String sql) throws SQLException {
        List<String> out = new java.util.ArrayList<>();
        try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
            s.execute("SET TIME ZONE 'UTC'");
            try (ResultSet rs = s.executeQuery(sql)) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
        }
        return out;
    }

    private static void sql(String sql) throws SQLException {
        try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
