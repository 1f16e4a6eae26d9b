package org.clearway.ingest.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.clearway.core.db.Migrations;
import org.clearway.testsupport.TestSchema;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Roll-ups deferred past the commit (V29): batches written with {@code clearway.rollup_defer} (as ingest writes them),
 * mixed with synchronous ones, shuffled, late, repeated, some deleted or changed while still pending, flushed a few at
 * a time at random points (once while a deferred batch is open, uncommitted), end up exactly equal to a rebuild from
 * the raw readings, row for row; and nothing is left pending.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class RollupDeferralIT {
    static final Instant FROM = Instant.parse("2026-11-20T00:00:00Z");
    static final String INSERT = """
            INSERT INTO readings (bin_id, measured_at, received_at, fill_pct)
            SELECT b, t, t, f FROM unnest(?::text[], ?::timestamptz[], ?::float8[]) AS u(b, t, f)
            ON CONFLICT DO NOTHING
            """;
    static final String DEFER = "SELECT set_config('clearway.rollup_defer', 'on', true)";
    static final String BIN_DAYS = """
            SELECT bin_id, day, readings, observed, overflow_us, first_at, last_at, fill_min, fill_max,
                   round(fill_sum::numeric, 6)
              FROM bin_days WHERE readings <> 0 OR observed <> 0 OR overflow_us <> 0 ORDER BY bin_id, day
            """;
    static final String COMMUNITY_DAYS = """
            SELECT zone_id, day, sum(readings), sum(observed), sum(overflow_us) FROM community_days
             GROUP BY zone_id, day HAVING sum(readings) <> 0 OR sum(observed) <> 0 OR sum(overflow_us) <> 0
             ORDER BY zone_id, day
            """;
    static final List<String> BINS = List.of("r1", "r2", "r3", "r4", "r5");
    static TestSchema schema;

    @BeforeAll
    static void start() throws Exception {
        schema = TestSchema.create("rollupdefer");
        Migrations.apply(schema.dataSource(), schema.name(), Duration.ofDays(400));
        sql("SELECT clearway_ensure_reading_partitions(DATE '2026-11-18', DATE '2026-11-30')");
        sql("INSERT INTO zones (id, parent_id, level, name) VALUES ('d1', NULL, 'district', 'D1'), ('s1', 'd1', 'street', 'S1'), "
                + "('c1', 's1', 'community', 'C1'), ('c2', 's1', 'community', 'C2')");
        for (String bin : BINS) {
            sql("INSERT INTO bins (id, zone_id, stream, volume_l, depth_mm, sensor_offset_mm, lat, lon) VALUES ('" + bin
                    + "', '" + (bin.compareTo("r3") < 0 ? "c1" : "c2") + "', 'residual', 240, 1000, 0, 31.2, 121.4)");
        }
    }

    @AfterAll
    static void stop() {
        if (schema != null) {
            schema.close();
        }
    }

    @Test
    void deferredAndSynchronousUpkeepFlushedInPiecesEqualARebuild() throws Exception {
        Random random = new Random(29);
        List<List<Object[]>> batches = batches(random);
        int deferred = 0;
        for (int i = 0; i < batches.size(); i++) {
            List<Object[]> batch = batches.get(i);
            if (i > 0 && random.nextInt(5) == 0) { // a redelivery: rows of an earlier batch again
                batch.addAll(batches.get(random.nextInt(i)).subList(0, 1));
            }
            boolean defer = random.nextInt(3) > 0;
            deferred += defer ? 1 : 0;
            if (i == batches.size() / 3) {
                flushWhileADeferredBatchIsOpen(batch);
            } else {
                insert(batch, defer);
            }
            if (random.nextInt(4) == 0) {
                flush(1 + random.nextInt(40));
            }
            if (i == batches.size() / 2) {
                sql("UPDATE bins SET zone_id = 'c1' WHERE id = 'r4'");
                // Pending or not: some readings go, some change; the refresh counts only what is accounted.
                sql("DELETE FROM readings WHERE bin_id = 'r2' AND measured_at IN "
                        + "(SELECT measured_at FROM readings WHERE bin_id = 'r2' ORDER BY measured_at DESC LIMIT 7)");
                sql("UPDATE readings SET fill_pct = 100 WHERE bin_id = 'r5' AND measured_at IN "
                        + "(SELECT measured_at FROM readings WHERE bin_id = 'r5' ORDER BY measured_at LIMIT 9)");
            }
        }
        assertThat(deferred).isGreaterThan(batches.size() / 2);
        assertThat(count("SELECT count(*) FROM rollup_pending")).as("left pending before the last flush").isPositive();
        flush(1_000_000);
        assertThat(count("SELECT count(*) FROM rollup_pending")).isZero();
        assertThat(count("SELECT count(*) FROM readings")).isGreaterThan(700);
        assertThat(count("SELECT sum(readings) FROM community_days")).isEqualTo(count("SELECT count(*) FROM readings"));
        List<List<Object>> binDays = query(BIN_DAYS);
        List<List<Object>> communityDays = query(COMMUNITY_DAYS);
        assertThat(binDays.size()).isGreaterThan(BINS.size() * 6);
        sql("SELECT clearway_rollup_rebuild()");
        assertThat(query(BIN_DAYS)).isEqualTo(binDays);
        assertThat(query(COMMUNITY_DAYS)).isEqualTo(communityDays);
    }

    /** Readings every 5 to 90 minutes (some gaps of hours) over a week, fills crossing 100 %, cut into shuffled batches. */
    private static List<List<Object[]>> batches(Random random) {
        List<Object[]> all = new ArrayList<>();
        for (String bin : BINS) {
            Instant t = FROM.plusNanos(random.nextInt(1_000_000) * 1000L);
            double fill = random.nextDouble() * 60;
            while (t.isBefore(FROM.plus(Duration.ofDays(7)))) {
                all.add(new Object[] {bin, t, Math.min(100, fill)});
                fill = fill >= 100 && random.nextInt(3) == 0 ? random.nextDouble() * 10 : fill + random.nextDouble() * 15;
                long minutes = random.nextInt(25) == 0 ? 150 + random.nextInt(300) : 5 + random.nextInt(86);
                t = t.plus(Duration.ofMinutes(minutes)).plusNanos(random.nextInt(1_000_000) * 1000L);
            }
        }
        Collections.shuffle(all, random);
        List<List<Object[]>> batches = new ArrayList<>();
        for (int i = 0; i < all.size(); ) {
            int n = 1 + random.nextInt(random.nextInt(6) == 0 ? 120 : 12);
            batches.add(new ArrayList<>(all.subList(i, Math.min(all.size(), i + n))));
            i += n;
        }
        return batches;
    }

    /** A deferred batch stays uncommitted while a flush runs; the flush neither waits for it nor counts it. */
    private static void flushWhileADeferredBatchIsOpen(List<Object[]> batch) throws SQLException {
        try (Connection open = schema.dataSource().getConnection()) {
            open.setAutoCommit(false);
            write(open, batch, true);
            flush(1_000_000);
            open.commit();
        }
    }

    private static void insert(List<Object[]> batch, boolean defer) throws SQLException {
        try (Connection c = schema.dataSource().getConnection()) {
            c.setAutoCommit(false);
            write(c, batch, defer);
            c.commit();
        }
    }

    private static void write(Connection c, List<Object[]> batch, boolean defer) throws SQLException {
        if (defer) {
            try (Statement s = c.createStatement()) {
                s.execute(DEFER);
            }
        }
        try (PreparedStatement ps = c.prepareStatement(INSERT)) {
            ps.setArray(1, c.createArrayOf("text", batch.stream().map(r -> r[0]).toArray()));
            ps.setArray(2, c.createArrayOf("timestamptz", batch.stream().map(r -> Timestamp.from((Instant) r[1])).toArray()));
            ps.setArray(3, c.createArrayOf("float8", batch.stream().map(r -> r[2]).toArray()));
            ps.executeUpdate();
        }
    }

    private static void flush(int limit) throws SQLException {
        try (Connection c = schema.dataSource().getConnection(); PreparedStatement ps = c.prepareStatement(
                RollupFlusher.FLUSH)) {
            ps.setInt(1, limit);
            ps.executeQuery().close();
        }
    }

    private static void sql(String statement) throws SQLException {
        try (Connection c = schema.dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute(statement);
        }
    }

    private static long count(String query) throws SQLException {
        try (Connection c = schema.dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(query)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static List<List<Object>> query(String query) throws SQLException {
        List<List<Object>> rows = new ArrayList<>();
        try (Connection c = schema.dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(query)) {
            int columns = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                List<Object> row = new ArrayList<>(columns);
                for (int i = 1; i <= columns; i++) {
                    row.add(rs.getObject(i));
                }
                rows.add(row);
            }
        }
        return rows;
    }
}
