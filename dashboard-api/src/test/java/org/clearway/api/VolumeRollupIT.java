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
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
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
 * The volumes roll-up of migration V28 against a recomputation from the raw collections, on a simulated quarter
 * (2026-Q1, two days on either side) of 3,000 collections in three communities and all four streams: volumes and
 * weights with many decimals (a tenth of them not recorded), at times with microseconds, some a microsecond either
 * side of midnight UTC. The collections arrive in shuffled batches (one INSERT each, many late and out of order, a
 * quarter of them single rows, a batch sometimes delivered again); meanwhile and at the end, volumes and weights are
 * corrected (UPDATE, some of them to no volume, some changing nothing), collections moved to another day, community
 * or stream, deleted one at a time and in sets, and one deleted and written again in one statement. Then:
 * <ul>
 * <li>{@code volume_days} as the triggers kept it equals, row for row (numeric equality), what
 * {@code clearway_volume_rebuild()} computes from scratch, with no row left for a key without collections;</li>
 * <li>the assessment's volumes by stream, total, weight and recyclable share from the roll-up equal, to the last bit,
 * those of the assessment that reads every collection, for the quarter, for periods that start and end inside days,
 * inside one day, still running, at each zone level.</li>
 * <li>a key emptied by one writer while another fills it ends as a rebuild has it.</li>
 * </ul>
 * Dropping any one of the three triggers (insert, update, delete) makes both tests fail (tried when it was written).
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class VolumeRollupIT {
    static final Instant Q_FROM = Instant.parse("2026-01-01T00:00:00Z");
    static final String[] STREAMS = {"residual", "recyclable", "kitchen", "hazardous"};
    static final String[] ZONES = {"c1", "c2", "c3"};
    static final String INSERT_JOBS = """
            INSERT INTO jobs (bin_id, reason, priority, state, due_at, created_at, updated_at)
            SELECT 'b1', 'threshold', 'normal', 'failed', t, t, t FROM unnest(?::timestamptz[]) AS u(t)
            """;
    static final String INSERT_COLLECTIONS = """
            INSERT INTO collections (job_id, bin_id, stream, zone_id, weight_kg, volume_l, collected_at)
            SELECT j, 'b1', s, z, w, v, t
              FROM unnest(?::bigint[], ?::text[], ?::text[], ?::float8[], ?::float8[], ?::timestamptz[]) AS u(j, s, z, w, v, t)
            ON CONFLICT (job_id) DO NOTHING
            """;
    static final String VOLUME_DAYS = "SELECT zone_id, day, stream, collections, volume_l, weight_kg FROM volume_days";
    static ApiHarness api;
    static AssessmentConfig config;

    @BeforeAll
    static void simulateAQuarter() throws Exception {
        api = new ApiHarness("api_volume_rollup", Clock.systemUTC(), Map.of());
        config = new AssessmentConfig(100, Duration.ofHours(1), Duration.ofHours(2), List.of("residual"), ZoneOffset.UTC);
        Random random = new Random(28);
        int n = 3000;
        List<Instant> at = new ArrayList<>();
        List<String> streams = new ArrayList<>();
        List<String> zones = new ArrayList<>();
        List<Double> weights = new ArrayList<>();
        List<Double> volumes = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Instant t = i % 50 == 0
                    ? Q_FROM.plus(Duration.ofDays(random.nextInt(90))).plusNanos(1000L * (random.nextInt(3) - 1))
                    : Q_FROM.minus(Duration.ofDays(2)).plusSeconds(random.nextLong(94L * 86400))
                            .plusNanos(random.nextInt(1_000_000) * 1000L);
            at.add(t);
            streams.add(STREAMS[random.nextInt(STREAMS.length)]);
            zones.add(ZONES[random.nextInt(ZONES.length)]);
            weights.add(random.nextInt(10) == 0 ? null : random.nextDouble() * 200);
            volumes.add(random.nextInt(10) == 0 ? null : random.nextInt(3) == 0 ? 660.0 : random.nextDouble() * 660);
        }
        try (Connection c = api.db().getConnection(); PreparedStatement ps = c.prepareStatement(INSERT_JOBS)) {
            ps.setArray(1, c.createArrayOf("timestamptz", at.stream().map(VolumeRollupIT::odt).toArray()));
            ps.executeUpdate();
        }
        long firstJob = ((Number) query("SELECT min(id) FROM jobs").get(0).get(0)).longValue();
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            order.add(i);
        }
        Collections.shuffle(order, random);
        int batches = 0;
        for (int i = 0; i < n; batches++) {
            int size = random.nextInt(4) == 0 ? 1 : 1 + random.nextInt(100);
            List<Integer> batch = new ArrayList<>(order.subList(i, Math.min(n, i + size)));
            i += size;
            if (batches > 0 && random.nextInt(5) == 0) {
                batch.addAll(order.subList(Math.max(0, i - size - 40), i - size)); // a batch delivered again
            }
            try (Connection c = api.db().getConnection(); PreparedStatement ps = c.prepareStatement(INSERT_COLLECTIONS)) {
                ps.setArray(1, c.createArrayOf("bigint", batch.stream().map(k -> firstJob + k).toArray()));
                ps.setArray(2, c.createArrayOf("text", batch.stream().map(streams::get).toArray()));
                ps.setArray(3, c.createArrayOf("text", batch.stream().map(zones::get).toArray()));
                ps.setArray(4, c.createArrayOf("float8", batch.stream().map(weights::get).toArray()));
                ps.setArray(5, c.createArrayOf("float8", batch.stream().map(volumes::get).toArray()));
                ps.setArray(6, c.createArrayOf("timestamptz", batch.stream().map(k -> odt(at.get(k))).toArray()));
                ps.executeUpdate();
            }
            if (batches % 9 == 4) { // corrections of what has arrived so far
                api.sql("UPDATE collections SET volume_l = volume_l * 0.9 + 0.123456789, weight_kg = weight_kg + 1.5"
                        + " WHERE (id + ?) % 13 = 0", batches);
            }
            if (batches % 13 == 6) {
                api.sql("UPDATE collections SET collected_at = collected_at + interval '13 hours 7.000001 seconds'"
                        + " WHERE (id + ?) % 17 = 0", batches);
                api.sql("DELETE FROM collections WHERE (id + ?) % 41 = 0", batches);
            }
        }
        api.sql("UPDATE collections SET volume_l = NULL WHERE id % 29 = 3");
        api.sql("UPDATE collections SET weight_kg = weight_kg WHERE id % 7 = 1"); // changes nothing
        api.sql("UPDATE collections SET zone_id = CASE zone_id WHEN 'c1' THEN 'c3' ELSE 'c1' END WHERE id % 23 = 5");
        api.sql("UPDATE collections SET stream = 'kitchen' WHERE stream = 'hazardous' AND id % 3 = 0");
        api.sql("UPDATE collections SET collected_at = collected_at - interval '1 microsecond' WHERE job_id IN"
                + " (SELECT job_id FROM collections WHERE collected_at = date_trunc('day', collected_at, 'UTC'))");
        api.sql("DELETE FROM collections WHERE job_id = ?", firstJob + 11);
        api.sql("DELETE FROM collections WHERE zone_id = 'c2' AND stream = 'kitchen' AND collected_at < ?", Q_FROM.plus(Duration.ofDays(9)));
        api.sql("WITH d AS (DELETE FROM collections WHERE job_id = ? RETURNING *)"
                + " INSERT INTO collections (job_id, bin_id, stream, zone_id, weight_kg, volume_l, collected_at)"
                + " SELECT job_id, bin_id, 'recyclable', 'c2', weight_kg, 42.42, collected_at + interval '2 days' FROM d",
                firstJob + 12);
    }

    @AfterAll
    static void stop() {
        api.close();
    }

    @Test
    void theRollupKeptByTheTriggersEqualsARebuildFromTheCollections() throws SQLException {
        assertThat(count("SELECT count(*) FROM volume_days")).isGreaterThan(800);
        assertThat(count("SELECT sum(collections) FROM volume_days")).isEqualTo(count("SELECT count(*) FROM collections"))
                .isGreaterThan(2500);
        assertThat(count("SELECT count(*) FROM volume_days WHERE collections <= 0")).isZero();
        try (Connection c = api.db().getConnection()) {
            c.setAutoCommit(false);
            try (var s = c.createStatement()) {
                s.execute("CREATE TEMP TABLE kept_volume_days ON COMMIT DROP AS " + VOLUME_DAYS);
                s.execute("SELECT clearway_volume_rebuild()");
            }
            assertThat(count(c, "SELECT count(*) FROM kept_volume_days")).isEqualTo(count(c, "SELECT count(*) FROM volume_days"));
            assertThat(count(c, "SELECT count(*) FROM ((TABLE kept_volume_days EXCEPT " + VOLUME_DAYS + ") UNION ALL ("
                    + VOLUME_DAYS + " EXCEPT TABLE kept_volume_days)) d")).isZero();
            c.rollback();
        }
    }

    /**
     * One writer deletes the only collection of a (community, day, stream), so its row goes to zero and is deleted,
     * while another writes a collection of the same key: the second waits for the first's row lock, then inserts the
     * row afresh (the upsert finds the conflicting row gone and retries), and the key ends as a rebuild has it.
     */
    @Test
    void aKeyEmptiedByOneWriterWhileAnotherFillsItEndsAsARebuild() throws Exception {
        Instant at = Instant.parse("2026-06-15T10:00:00.000001Z");
        List<Long> jobs = new ArrayList<>();
        try (Connection c = api.db().getConnection(); PreparedStatement ps = c.prepareStatement(INSERT_JOBS + " RETURNING id")) {
            ps.setArray(1, c.createArrayOf("timestamptz", new Object[] {odt(at), odt(at)}));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    jobs.add(rs.getLong(1));
                }
            }
        }
        insertOne(jobs.get(0), at, 12.5);
        CompletableFuture<Void> second;
        try (Connection first = api.db().getConnection()) {
            first.setAutoCommit(false);
            try (PreparedStatement ps = first.prepareStatement("DELETE FROM collections WHERE job_id = ?")) {
                ps.setLong(1, jobs.get(0));
                assertThat(ps.executeUpdate()).isEqualTo(1);
            }
            second = CompletableFuture.runAsync(() -> {
                try {
                    insertOne(jobs.get(1), at.plusSeconds(3600), 7.25);
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
            });
            Thread.sleep(700);
            assertThat(second).as("the second writer waits for the first's row").isNotDone();
            first.commit();
        }
        second.get(30, TimeUnit.SECONDS);
        assertThat(query("SELECT collections || ' ' || volume_l || ' ' || weight_kg FROM volume_days"
                + " WHERE zone_id = 'c3' AND day = '2026-06-15' AND stream = 'hazardous'"))
                .containsExactly(List.of("1 7.25 0"));
        assertThat(count("SELECT sum(collections) FROM volume_days")).isEqualTo(count("SELECT count(*) FROM collections"));
    }

    private static void insertOne(long job, Instant at, double volume) throws SQLException {
        try (Connection c = api.db().getConnection(); PreparedStatement ps = c.prepareStatement(INSERT_COLLECTIONS)) {
            ps.setArray(1, c.createArrayOf("bigint", new Object[] {job}));
            ps.setArray(2, c.createArrayOf("text", new Object[] {"hazardous"}));
            ps.setArray(3, c.createArrayOf("text", new Object[] {"c3"}));
            ps.setArray(4, c.createArrayOf("float8", new Object[] {null}));
            ps.setArray(5, c.createArrayOf("float8", new Object[] {volume}));
            ps.setArray(6, c.createArrayOf("timestamptz", new Object[] {odt(at)}));
            assertThat(ps.executeUpdate()).isEqualTo(1);
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
        "d2, 2026-01-09T00:00:00.000001Z, 2026-02-01T23:59:59.999999Z",
    })
    void theAssessmentFromTheRollupHasTheVolumesOfEveryCollection(String zone, String from, String to)
            throws SQLException {
        assertSame(Clock.fixed(Instant.parse("2026-06-01T00:00:00Z"), ZoneOffset.UTC), zone,
                new Period(Instant.parse(from), Instant.parse(to), null));
    }

    @Test
    void aRunningPeriodCountsTheSameUpToNow() throws SQLException {
        Period quarter = new Period(Q_FROM, Instant.parse("2026-04-01T00:00:00Z"), "2026-Q1");
        assertSame(Clock.fixed(Instant.parse("2026-02-20T13:47:21.123456Z"), ZoneOffset.UTC), "*", quarter);
    }

    private static void assertSame(Clock clock, String zone, Period period) throws SQLException {
        Principal city = new Principal("test", Role.VIEWER, "*");
        Assessment fromRollup = new AssessmentQueries(api.db(), clock, config, true).assess(city, zone, period);
        Assessment fromRaw = new AssessmentQueries(api.db(), clock, config, false).assess(city, zone, period);
        Map<String, CommunityFigures> raw = new TreeMap<>();
        fromRaw.communities().forEach(c -> raw.put(c.zoneId(), c));
        assertThat(fromRollup.communities()).hasSameSizeAs(fromRaw.communities()).isNotEmpty();
        double total = 0;
        for (CommunityFigures r : fromRollup.communities()) {
            CommunityFigures e = raw.get(r.zoneId());
            assertThat(r.volumeByStreamL()).isEqualTo(e.volumeByStreamL());
            assertThat(r.totalVolumeL()).isEqualTo(e.totalVolumeL());
            assertThat(r.weightKg()).isEqualTo(e.weightKg());
            assertThat(r.recyclableShare()).isEqualTo(e.recyclableShare());
            total += r.totalVolumeL();
        }
        assertThat(total).isPositive();
    }

    private static OffsetDateTime odt(Instant t) {
        return OffsetDateTime.ofInstant(t, ZoneOffset.UTC);
    }

    private static long count(String sql) throws SQLException {
        try (Connection c = api.db().getConnection()) {
            return count(c, sql);
        }
    }

    private static long count(Connection c, String sql) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static List<List<Object>> query(String sql) throws SQLException {
        try (Connection c = api.db().getConnection(); PreparedStatement ps = c.prepareStatement(sql);
             ResultSet rs = ps.executeQuery()) {
            List<List<Object>> out = new ArrayList<>();
            while (rs.next()) {
                out.add(List.of(rs.getObject(1)));
            }
            return out;
        }
    }
}
