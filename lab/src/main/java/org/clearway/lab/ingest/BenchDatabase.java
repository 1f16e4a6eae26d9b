package org.clearway.lab.ingest;

import com.zaxxer.hikari.HikariDataSource;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import org.clearway.core.config.DatabaseConfig;
import org.clearway.core.db.Databases;
import org.clearway.core.db.Migrations;
import org.clearway.core.db.PartitionMaintenance;
import org.clearway.core.time.DbClock;
import org.postgresql.PGConnection;

/** A scratch schema for one benchmark run: migrated, with the bins registered; dropped at the end. */
final class BenchDatabase implements AutoCloseable {
    private final HikariDataSource pool;
    private final String schema;
    private final String schemaUrl;

    private BenchDatabase(HikariDataSource pool, String schema, String schemaUrl) {
        this.pool = pool;
        this.schema = schema;
        this.schemaUrl = schemaUrl;
    }

    static BenchDatabase create(String url, String user, String password, String schema, int bins) throws SQLException {
        String schemaUrl = url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema;
        DatabaseConfig config = new DatabaseConfig(schemaUrl, user, password, 4, Duration.ofDays(400), Duration.ofDays(30));
        HikariDataSource pool = Databases.pool(config, "bench");
        Migrations.apply(pool, schema, Duration.ofDays(400));
        new PartitionMaintenance(pool, DbClock.wall(), Duration.ofDays(7), Duration.ofDays(400),
                Duration.ofDays(30)).run();
        try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
            s.execute("INSERT INTO zones VALUES ('bd', NULL, 'district', 'Bench'), ('bs', 'bd', 'street', 'Bench'), "
                    + "('bc', 'bs', 'community', 'Bench')");
            s.execute("INSERT INTO bins (id, zone_id, stream, volume_l, depth_mm, lat, lon) "
                    + "SELECT format('bench-%s', lpad(i::text, 5, '0')), 'bc', 'residual', 240, 1000, 31.2, 121.4 "
                    + "FROM generate_series(0, " + (bins - 1) + ") i");
        }
        return new BenchDatabase(pool, schema, schemaUrl);
    }

    String schemaUrl() {
        return schemaUrl;
    }

    /** The database alone: COPY of {@code readings} rows like the benchmark's into the readings table. */
    double copyCeiling(int readings) throws Exception {
        StringBuilder csv = new StringBuilder(readings * 80);
        long base = DbClock.wall().instant().toEpochMilli();
        String received = DbClock.wall().instant().toString();
        for (int i = 0; i < readings; i++) {
            csv.append(BenchLoad.binId(i % 1000)).append(',').append(Instant.ofEpochMilli(base + i)).append(',')
                    .append(received).append(',').append(i % 100).append(",90,").append(i).append('\n');
        }
        try (Connection c = pool.getConnection()) {
            long start = System.nanoTime();
            c.setAutoCommit(false);
            c.unwrap(PGConnection.class).getCopyAPI().copyIn(
                    "COPY readings (bin_id, measured_at, received_at, fill_pct, battery_pct, seq) FROM STDIN (FORMAT csv)",
                    new StringReader(csv.toString()));
            c.commit();
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.printf("  COPY alone: %,d rows in %.2f s%n", readings, seconds);
            c.setAutoCommit(true);
            truncate(c);
            return readings / seconds;
        }
    }

    /**
     * Waits until {@code stored} says {@code expected} readings are committed (or it stalls), printing
     * progress; returns the last value seen. Polling a counter rather than {@code count(*)} keeps the
     * benchmark's own load off the database while ingest runs.
     */
    long awaitCount(long expected, java.util.function.LongSupplier stored, String label, long startNanos,
                    Duration stallLimit) throws Exception {
        long last = -1;
        long lastChange = System.nanoTime();
        long lastPrint = 0;
        while (true) {
            long n = stored.getAsLong();
            long now = System.nanoTime();
            if (n != last) {
                last = n;
                lastChange = now;
            }
            if (now - lastPrint > 2_000_000_000L || n >= expected) {
                System.out.printf("  %s: %,d of %,d stored after %.1f s%n", label, n, expected, (now - startNanos) / 1e9);
                lastPrint = now;
            }
            if (n >= expected || now - lastChange > stallLimit.toNanos()) {
                return n;
            }
            Thread.sleep(2);
        }
    }

    long count() throws SQLException {
        return single("SELECT count(*) FROM readings");
    }

    /** Readings committed but not yet added to the roll-ups (V29: ingest defers them past its commit). */
    long pendingRollups() throws SQLException {
        return single("SELECT count(*) FROM rollup_pending");
    }

    /** The readings the roll-ups count (community_days over every stripe). */
    long rolledUp() throws SQLException {
        return single("SELECT coalesce(sum(readings), 0) FROM community_days");
    }

    private long single(String query) throws SQLException {
        try (Connection c = pool.getConnection(); PreparedStatement ps = c.prepareStatement(query);
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    void truncateReadings() throws SQLException {
        try (Connection c = pool.getConnection()) {
            truncate(c);
        }
    }

    private static void truncate(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("TRUNCATE readings, bin_state, rejected_messages");
        }
    }

    @Override
    public void close() throws SQLException {
        try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA " + schema + " CASCADE");
        } finally {
            pool.close();
        }
    }
}
