package org.clearway.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

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
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.clearway.api.assessment.Assessment;
import org.clearway.api.assessment.AssessmentConfig;
import org.clearway.api.assessment.AssessmentQueries;
import org.clearway.api.assessment.CommunityFigures;
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
 * The pickups roll-up of migration V19 against a recomputation from the raw collections and jobs, on a simulated
 * quarter (2026-Q1) of four bins in three communities: about 4,000 jobs with response times from a few minutes to
 * 100 days (some negative, a clock's skew), at times with microseconds. The collections arrive in shuffled batches
 * (one INSERT each, many late and out of order, some single rows); jobs are verified, and some un-verified, while
 * collections keep arriving; at the end a job's creation time is corrected, a collection deleted and one moved to
 * another community. Then:
 * <ul>
 * <li>{@code pickup_days} as the triggers kept it equals, row for row, what {@code clearway_pickup_rebuild()}
 * computes from scratch;</li>
 * <li>the assessment from the roll-up has exactly the collected and verified counts of the assessment that reads every
 * collection, and its median and p90 response times are within the width of the buckets of the two response times
 * {@code percentile_cont} interpolates between (exact where those are alone in their bucket or at its ends), for the
 * quarter, for periods that start and end inside days, inside one day, still running, at each zone level.</li>
 * </ul>
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class PickupRollupIT {
    static final Instant Q_FROM = Instant.parse("2026-01-01T00:00:00Z");
    static final Instant Q_TO = Instant.parse("2026-04-01T00:00:00Z");
    static final String INSERT_JOBS = """
            INSERT INTO jobs (bin_id, reason, priority, state, due_at, created_at, updated_at)
            SELECT b, 'threshold', 'normal', 'failed', t, t, t + interval '200 days'
              FROM unnest(?::text[], ?::timestamptz[]) AS u(b, t)
            """;
    static final String INSERT_COLLECTIONS = """
            INSERT INTO collections (job_id, bin_id, stream, zone_id, weight_kg, volume_l, collected_at)
            SELECT j, b.id, b.stream, b.zone_id, 10, 100, t
              FROM unnest(?::bigint[], ?::timestamptz[]) AS u(j, t) JOIN jobs ON jobs.id = u.j JOIN bins b ON b.id = jobs.bin_id
            ON CONFLICT (job_id) DO NOTHING
            """;
    static final String PICKUP_DAYS = "SELECT zone_id, day, bucket, collected, verified, min_s, max_s FROM pickup_days"
            + " WHERE collected > 0 ORDER BY 1, 2, 3";
    /** Response times (s) of the collections of a zone's communities in [from, to), sorted. */
    static final String RESPONSES = """
            WITH RECURSIVE sub AS (SELECT id FROM zones WHERE id = ? OR ? = '*'
                                   UNION SELECT z.id FROM zones z JOIN sub ON z.parent_id = sub.id)
            SELECT c.zone_id, extract(epoch FROM c.collected_at - j.created_at)::float8
              FROM collections c JOIN jobs j ON j.id = c.job_id
             WHERE c.zone_id IN (SELECT id FROM sub) AND c.collected_at >= ? AND c.collected_at < ?
             ORDER BY 1, 2
            """;
    static ApiHarness api;
    static AssessmentConfig config;

    @BeforeAll
    static void simulateAQuarter() throws Exception {
        api = new ApiHarness("api_pickup_rollup", Clock.systemUTC(), Map.of());
        config = new AssessmentConfig(100, Duration.ofHours(1), Duration.ofHours(2), List.of("residual"), ZoneOffset.UTC);
        Random random = new Random(19);
        List<String> bins = List.of("b1", "b3", "b4", "b1", "b3");
        List<String> jobBins = new ArrayList<>();
        List<Instant> created = new ArrayList<>();
        List<Instant> collected = new ArrayList<>();
        for (int i = 0; i < 4000; i++) {
            Instant c = Q_FROM.minus(Duration.ofDays(2)).plusSeconds(random.nextLong(95L * 86400))
                    .plusNanos(random.nextInt(1_000_000) * 1000L);
            int shape = random.nextInt(100);
            long responseS = shape == 0 ? -random.nextInt(900) // a clock's skew
                    : shape == 1 ? 92L * 86400 + random.nextInt(8 * 86400) // the open-ended last bucket
                    : shape < 5 ? random.nextInt(60 * 86400) // weeks
                    : shape < 15 ? 300 * random.nextInt(3) // on a bucket boundary, repeated
                    : 600 + random.nextInt(36 * 3600); // 10 minutes to 36 hours
            jobBins.add(bins.get(random.nextInt(bins.size())));
            created.add(c.minusSeconds(responseS).minusNanos(shape % 2 == 0 ? random.nextInt(1_000_000) * 1000L : 0));
            collected.add(c);
        }
        try (Connection c = api.db().getConnection(); PreparedStatement ps = c.prepareStatement(INSERT_JOBS)) {
            ps.setArray(1, c.createArrayOf("text", jobBins.toArray()));
            ps.setArray(2, c.createArrayOf("timestamptz", created.stream().map(PickupRollupIT::odt).toArray()));
            ps.executeUpdate();
        }
        long firstJob = ((Number) query("SELECT min(id) FROM jobs").get(0).get(0)).longValue();
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < collected.size(); i++) {
            order.add(i);
        }
        Collections.shuffle(order, random);
        int batches = 0;
        for (int i = 0; i < order.size(); batches++) {
            int n = random.nextInt(4) == 0 ? 1 : 1 + random.nextInt(120);
            List<Integer> batch = new ArrayList<>(order.subList(i, Math.min(order.size(), i + n)));
            i += n;
            if (batches > 0 && random.nextInt(5) == 0) {
                batch.add(order.get(random.nextInt(i))); // a repeat: ON CONFLICT DO NOTHING
            }
            insertCollections(batch.stream().map(k -> firstJob + k).toList(), batch.stream().map(collected::get).toList());
            if (batches % 7 == 3) {
                api.sql("UPDATE jobs SET state = 'verified' WHERE id IN (SELECT job_id FROM collections) AND (id + ?) % 10 < 5",
                        batches);
            }
            if (batches % 11 == 5) {
                api.sql("UPDATE jobs SET state = 'failed' WHERE state = 'verified' AND (id + ?) % 10 = 0", batches);
            }
        }
        api.sql("UPDATE jobs SET state = 'verified' WHERE id % 10 < 3");
        api.sql("UPDATE jobs SET created_at = created_at - interval '3 hours 7 minutes' WHERE id = ?", firstJob + 7);
        api.sql("UPDATE jobs SET created_at = created_at + interval '11 minutes', state = 'verified' WHERE id = ?", firstJob + 8);
        api.sql("DELETE FROM collections WHERE job_id = ?", firstJob + 9);
        api.sql("UPDATE collections SET zone_id = 'c2', collected_at = collected_at + interval '1 day' WHERE job_id = ?",
                firstJob + 10);
    }

    @AfterAll
    static void stop() {
        api.close();
    }

    @Test
    void theRollupKeptByTheTriggersEqualsARebuildFromTheCollections() throws SQLException {
        List<List<Object>> kept = query(PICKUP_DAYS);
        assertThat(kept.size()).isGreaterThan(1000);
        try (Connection c = api.db().getConnection()) {
            c.setAutoCommit(false);
            try (var s = c.createStatement()) {
                s.execute("SELECT clearway_pickup_rebuild()");
            }
            assertThat(query(c, PICKUP_DAYS)).isEqualTo(kept);
            c.rollback();
        }
    }

    @ParameterizedTest
    @CsvSource({
        "*, 2026-01-01T00:00:00Z, 2026-04-01T00:00:00Z",
        "*, 2025-12-31T16:00:00Z, 2026-03-31T16:00:00Z",
        "*, 2026-01-03T07:13:00.5Z, 2026-03-29T16:43:12.345678Z",
        "d1, 2026-02-10T03:00:00Z, 2026-03-05T14:00:00Z",
        "s1, 2026-02-14T01:00:00Z, 2026-02-14T23:00:00Z",
        "c3, 2026-03-05T00:00:00Z, 2026-03-06T00:00:00Z",
        "c1, 2025-12-30T23:00:00Z, 2026-01-02T01:00:00Z",
    })
    void theAssessmentFromTheRollupHasThePickupsOfEveryCollection(String zone, String from, String to)
            throws SQLException {
        assertClose(Clock.fixed(Instant.parse("2026-06-01T00:00:00Z"), ZoneOffset.UTC), zone,
                new Period(Instant.parse(from), Instant.parse(to), null));
    }

    @Test
    void aRunningPeriodCountsTheSameUpToNow() throws SQLException {
        Period quarter = new Period(Q_FROM, Q_TO, "2026-Q1");
        assertClose(Clock.fixed(Instant.parse("2026-02-20T13:47:21.123456Z"), ZoneOffset.UTC), "*", quarter);
    }

    private static void assertClose(Clock clock, String zone, Period period) throws SQLException {
        Principal city = new Principal("test", Role.VIEWER, "*");
        Assessment fromRollup = new AssessmentQueries(api.db(), clock, config, true).assess(city, zone, period);
        Assessment fromRaw = new AssessmentQueries(api.db(), clock, config, false).assess(city, zone, period);
        Map<String, List<Double>> responses = responses(zone, period.from(),
                clock.instant().isBefore(period.to()) ? clock.instant() : period.to());
        Map<String, CommunityFigures> raw = new TreeMap<>();
        fromRaw.communities().forEach(c -> raw.put(c.zoneId(), c));
        assertThat(fromRollup.communities()).hasSameSizeAs(fromRaw.communities());
        long withPickups = 0;
        for (CommunityFigures r : fromRollup.communities()) {
            CommunityFigures e = raw.get(r.zoneId());
            assertThat(r.pickupsCollected()).isEqualTo(e.pickupsCollected());
            assertThat(r.pickupsVerified()).isEqualTo(e.pickupsVerified());
            assertThat(r.verifiedShare()).isEqualTo(e.verifiedShare());
            List<Double> values = responses.getOrDefault(r.zoneId(), List.of());
            assertThat(values).hasSize((int) e.pickupsCollected());
            if (values.isEmpty()) {
                assertThat(r.responseMedianHours()).isNull();
                assertThat(r.responseP90Hours()).isNull();
                continue;
            }
            withPickups++;
            assertThat(r.responseMedianHours()).isCloseTo(e.responseMedianHours(), within(tolerance(values, 0.5) / 3600));
            assertThat(r.responseP90Hours()).isCloseTo(e.responseP90Hours(), within(tolerance(values, 0.9) / 3600));
        }
        assertThat(withPickups).isPositive();
    }

    /** The width of the wider of the buckets of the two values percentile_cont(p) interpolates between (s). */
    static double tolerance(List<Double> sorted, double p) {
        double pos = p * (sorted.size() - 1);
        return Math.max(width(sorted.get((int) Math.floor(pos))), width(sorted.get((int) Math.ceil(pos)))) + 1e-6;
    }

    /** The buckets of clearway_response_bucket; the open-ended ones measured by the test's own spread. */
    static double width(double s) {
        return s < 0 ? 900 : s < 7200 ? 300 : s < 43200 ? 900 : s < 259200 ? 3600 : s < 1209600 ? 21600
                : s < 7948800 ? 86400 : 8 * 86400;
    }

    private static Map<String, List<Double>> responses(String zone, Instant from, Instant to) throws SQLException {
        Map<String, List<Double>> out = new TreeMap<>();
        try (Connection c = api.db().getConnection(); PreparedStatement ps = c.prepareStatement(RESPONSES)) {
            ps.setString(1, zone);
            ps.setString(2, zone);
            ps.setObject(3, odt(from));
            ps.setObject(4, odt(to));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(rs.getDouble(2));
                }
            }
        }
        return out;
    }

    private static void insertCollections(List<Long> jobs, List<Instant> at) throws SQLException {
        try (Connection c = api.db().getConnection(); PreparedStatement ps = c.prepareStatement(INSERT_COLLECTIONS)) {
            ps.setArray(1, c.createArrayOf("bigint", jobs.toArray()));
            ps.setArray(2, c.createArrayOf("timestamptz", at.stream().map(PickupRollupIT::odt).toArray()));
            ps.executeUpdate();
        }
    }

    private static OffsetDateTime odt(Instant t) {
        return OffsetDateTime.ofInstant(t, ZoneOffset.UTC);
    }

    private static List<List<Object>> query(String sql) throws SQLException {
        try (Connection c = api.db().getConnection()) {
            return query(c, sql);
        }
    }

    private static List<List<Object>> query(Connection c, String sql) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
            int n = rs.getMetaData().getColumnCount();
            List<List<Object>> out = new ArrayList<>();
            while (rs.next()) {
                List<Object> row = new ArrayList<>();
                for (int i = 1; i <= n; i++) {
                    row.add(rs.getObject(i));
                }
                out.add(row);
            }
            return out;
        }
    }
}
