package org.clearway.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.clearway.api.assessment.Assessment;
import org.clearway.api.assessment.AssessmentConfig;
import org.clearway.api.assessment.AssessmentQueries;
import org.clearway.api.assessment.Period;
import org.clearway.api.security.Principal;
import org.clearway.api.security.Role;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The roll-ups of migration V11 against a recomputation from the raw readings, on a simulated quarter (2026-Q1) of
 * seven bins in three communities: readings every 20 to 90 minutes at times with microseconds, fills that climb to
 * overflow and are emptied, silences of hours; one bin registered mid-quarter, one retired mid-quarter, one moved to
 * another community half-way. The readings arrive in batches (one INSERT each, as ingest writes them) in shuffled
 * order, many late and out of order, a batch's rows reversed, and 5 % repeated in later batches. Then:
 * <ul>
 * <li>{@code bin_days} and {@code community_days} as kept by the triggers equal, row for row, what
 * {@code clearway_rollup_rebuild()} computes from scratch;</li>
 * <li>the per-day readings and slot counts equal a plain GROUP BY over the readings;</li>
 * <li>two open batches of different bins of one community and day do not wait for each other (community_days is
 * striped);</li>
 * <li>the assessment from the roll-ups equals, figure for figure and to the last bit, the assessment that reads every
 * reading, for the quarter, for periods that start and end inside days, for a period inside one day, for a period
 * still running, and for each zone level.</li>
 * </ul>
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class RollupEquivalenceIT {
    static final Instant Q_FROM = Instant.parse("2026-01-01T00:00:00Z");
    static final Instant Q_TO = Instant.parse("2026-04-01T00:00:00Z");
    static final String INSERT = """
            INSERT INTO readings (bin_id, measured_at, received_at, fill_pct)
            SELECT b, t, t, f FROM unnest(?::text[], ?::timestamptz[], ?::float8[]) AS u(b, t, f)
            ON CONFLICT DO NOTHING
            """;
    static final String BIN_DAYS = """
            SELECT bin_id, day, readings, observed, overflow_us, first_at, last_at, fill_min, fill_max, round(fill_sum::numeric, 6)
              FROM bin_days ORDER BY bin_id, day
            """;
    static final String COMMUNITY_DAYS = """
            SELECT zone_id, day, sum(readings), sum(observed), sum(overflow_us) FROM community_days
             GROUP BY zone_id, day HAVING sum(readings) <> 0 OR sum(observed) <> 0 OR sum(overflow_us) <> 0
             ORDER BY zone_id, day
            """;
    static final String PLAIN_COUNTS = """
            SELECT bin_id, (measured_at AT TIME ZONE 'UTC')::date AS day, count(*) AS readings,
                   count(DISTINCT date_trunc('hour', measured_at AT TIME ZONE 'UTC')) AS observed
              FROM readings GROUP BY 1, 2 ORDER BY 1, 2
            """;
    static final String ROLLUP_COUNTS = "SELECT bin_id, day, readings::bigint, observed::bigint FROM bin_days WHERE readings > 0 ORDER BY 1, 2";
    static ApiHarness api;
    static AssessmentConfig config;

    @BeforeAll
    static void simulateAQuarter() throws Exception {
        api = new ApiHarness("api_rollup_equiv", Clock.systemUTC(), Map.of());
        config = new AssessmentConfig(100, Duration.ofHours(1), Duration.ofHours(2), List.of("residual"), ZoneOffset.UTC);
        api.sql("SELECT clearway_ensure_reading_partitions(DATE '2025-12-30', DATE '2026-04-02')");
        api.sql("UPDATE bins SET created_at = '2025-06-01T00:00Z'");
        api.sql("INSERT INTO bins (id, zone_id, stream, volume_l, depth_mm, lat, lon, created_at, retired_at) VALUES"
                + " ('e1', 'c1', 'residual', 240, 1000, 31.2, 121.4, '2025-06-01T00:00Z', NULL),"
                + " ('e2', 'c2', 'kitchen', 120, 1000, 31.3, 121.5, '2026-02-10T05:17:00Z', NULL),"
                + " ('e3', 'c3', 'residual', 240, 1000, 31.4, 121.6, '2025-06-01T00:00Z', '2026-03-05T13:30:00Z'),"
                + " ('e4', 'c1', 'recyclable', 660, 1000, 31.2, 121.4, '2025-06-01T00:00Z', NULL)");
        Random random = new Random(16);
        List<Object[]> all = new ArrayList<>();
        for (String bin : List.of("b1", "b3", "b4", "e1", "e2", "e3", "e4")) {
            Instant t = Q_FROM.minus(Duration.ofHours(5)).plusNanos(random.nextInt(1_000_000) * 1000L);
            Instant end = bin.equals("e2") ? Instant.parse("2026-04-01T04:00:00Z") : Q_TO.plus(Duration.ofHours(3));
            double fill = random.nextDouble() * 60;
            while (t.isBefore(end)) {
                all.add(new Object[] {bin, t, Math.min(100, fill)});
                fill = fill >= 100 && random.nextInt(4) == 0 ? random.nextDouble() * 10 : fill + random.nextDouble() * 9;
                long minutes = random.nextInt(30) == 0 ? 180 + random.nextInt(600) : 20 + random.nextInt(71);
                t = t.plus(Duration.ofMinutes(minutes)).plusNanos(random.nextInt(1_000_000) * 1000L);
            }
        }
        List<List<Object[]>> batches = new ArrayList<>();
        for (int i = 0; i < all.size(); ) {
            int n = 1 + random.nextInt(300);
            batches.add(new ArrayList<>(all.subList(i, Math.min(all.size(), i + n))));
            i += n;
        }
        Collections.shuffle(batches, random);
        for (int i = 0; i < batches.size(); i++) {
            List<Object[]> batch = batches.get(i);
            if (i % 3 == 0) {
                Collections.reverse(batch);
            }
            if (i > 0) {
                for (Object[] row : batches.get(random.nextInt(i))) {
                    if (random.nextInt(20) == 0) {
                        batch.add(row);
                    }
                }
            }
            insert(batch);
            if (i == batches.size() / 2) {
                api.sql("UPDATE bins SET zone_id = 'c2' WHERE id = 'e4'");
            }
        }
        assertThat(all.size()).isGreaterThan(10_000);
    }

    @AfterAll
    static void stop() {
        api.close();
    }

    @Test
    void theRollupsKeptByTheTriggersEqualARebuildFromTheReadings() throws SQLException {
        List<List<Object>> binDays = query(BIN_DAYS);
        List<List<Object>> communityDays = query(COMMUNITY_DAYS);
        assertThat(query(PLAIN_COUNTS)).isEqualTo(query(ROLLUP_COUNTS));
        assertThat(binDays.size()).isGreaterThan(7 * 85);
        try (Connection c = api.db().getConnection()) {
            c.setAutoCommit(false);
            try (var s = c.createStatement()) {
                s.execute("SELECT clearway_rollup_rebuild()");
            }
            assertThat(query(c, BIN_DAYS)).isEqualTo(binDays);
            assertThat(query(c, COMMUNITY_DAYS)).isEqualTo(communityDays);
            c.rollback();
        }
    }

    /**
     * Two ingest batches of different bins of one community and day, both open: the second does not wait for the
     * first to commit (it did when each (community, day) was one row of community_days: its lock was held from the
     * first batch's trigger to its commit). The second batch would fail on its lock timeout if it waited.
     */
    @Test
    void twoBatchesOfOneCommunitysDayDoNotWaitForEachOther() throws SQLException {
        try (Connection first = api.db().getConnection(); Connection second = api.db().getConnection()) {
            first.setAutoCommit(false);
            second.setAutoCommit(false);
            try {
                insert(first, List.<Object[]>of(new Object[] {"b1", Instant.parse("2026-04-01T01:00:00.5Z"), 100.0}));
                try (var s = second.createStatement()) {
                    s.execute("SET LOCAL lock_timeout = '20s'");
                }
                insert(second, List.<Object[]>of(new Object[] {"e1", Instant.parse("2026-04-01T01:00:00.5Z"), 100.0}));
            } finally {
                first.rollback();
                second.rollback();
            }
        }
    }

    @ParameterizedTest
    @CsvSource({
        "*, 2026-01-01T00:00:00Z, 2026-04-01T00:00:00Z",
        "*, 2026-01-03T07:00:00Z, 2026-03-29T16:43:12.345678Z",
        "d1, 2026-02-10T03:00:00Z, 2026-03-05T14:00:00Z",
        "s1, 2026-02-14T01:00:00Z, 2026-02-14T23:00:00Z",
        "c3, 2026-03-05T00:00:00Z, 2026-03-06T00:00:00Z",
        "c1, 2025-12-31T23:00:00Z, 2026-01-02T01:00:00Z",
    })
    void theAssessmentFromTheRollupsEqualsTheOneFromEveryReading(String zone, String from, String to) throws SQLException {
        Period period = new Period(Instant.parse(from), Instant.parse(to), null);
        Clock after = Clock.fixed(Instant.parse("2026-06-01T00:00:00Z"), ZoneOffset.UTC);
        assertSame(after, zone, period);
    }

    @Test
    void aRunningPeriodCountsTheSameUpToNow() throws SQLException {
        Period quarter = new Period(Q_FROM, Q_TO, "2026-Q1");
        assertSame(Clock.fixed(Instant.parse("2026-02-20T13:47:21.123456Z"), ZoneOffset.UTC), "*", quarter);
        assertSame(Clock.fixed(Instant.parse("2026-01-01T05:00:00Z"), ZoneOffset.UTC), "*", quarter);
    }

    private static void assertSame(Clock clock, String zone, Period period) throws SQLException {
        Principal city = new Principal("test", Role.VIEWER, "*");
        Assessment fromRollups = new AssessmentQueries(api.db(), clock, config, true).assess(city, zone, period);
        Assessment fromReadings = new AssessmentQueries(api.db(), clock, config, false).assess(city, zone, period);
        assertThat(fromRollups.communities()).isEqualTo(fromReadings.communities());
        assertThat(fromRollups.communities()).anySatisfy(c -> assertThat(c.observedReports()).isPositive());
    }

    private static void insert(List<Object[]> rows) throws SQLException {
        try (Connection c = api.db().getConnection()) {
            insert(c, rows);
        }
    }

    private static void insert(Connection c, List<Object[]> rows) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(INSERT)) {
            ps.setArray(1, c.createArrayOf("text", rows.stream().map(r -> r[0]).toArray()));
            ps.setArray(2, c.createArrayOf("timestamptz",
                    rows.stream().map(r -> OffsetDateTime.ofInstant((Instant) r[1], ZoneOffset.UTC)).toArray()));
            ps.setArray(3, c.createArrayOf("float8", rows.stream().map(r -> r[2]).toArray()));
            ps.executeUpdate();
        }
    }

    private static List<List<Object>> query(String sql) throws SQLException {
        try (Connection c = api.db().getConnection()) {
            return query(c, sql);
        }
    }

    private static List<List<Object>> query(Connection c, String sql) throws SQLException {
        List<List<Object>> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                List<Object> row = new ArrayList<>();
                for (int i = 1; i <= n; i++) {
                    row.add(rs.getObject(i));
                }
                out.add(row);
            }
        }
        return out;
    }
}
