package org.clearway.lab.dispatch;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.BooleanSupplier;

import com.zaxxer.hikari.HikariDataSource;

import org.clearway.core.config.Env;
import org.clearway.core.db.Migrations;
import org.clearway.core.db.PartitionMaintenance;
import org.clearway.core.time.DbClock;
import org.clearway.dispatch.app.DispatchConfig;

/**
 * What the dispatch benchmarks share: a scratch schema with {@code bins} registered bins ({@code bench-00000} ...) in
 * one community, the dispatch configuration of a run (its own prefix, client id and share group), and waiting.
 */
final class BenchSetup {
    static final Duration START_WAIT = Duration.ofSeconds(30);

    static final String INSERT_ZONES = "INSERT INTO zones (id, parent_id, level, name) VALUES "
            + "('bd', NULL, 'district', 'Bench'), ('bs', 'bd', 'street', 'Bench'), ('bc', 'bs', 'community', 'Bench')";
    static final String INSERT_BINS = "INSERT INTO bins (id, zone_id, stream, volume_l, depth_mm, lat, lon) "
            + "SELECT format('bench-%s', lpad(i::text, 5, '0')), 'bc', 'residual', 240, 1000, 31.2, 121.4 "
            + "FROM generate_series(0, ? - 1) i";

    private BenchSetup() {
    }

    /** Migrates {@code schema} and registers {@code bins} bins. */
    static void prepare(HikariDataSource pool, String schema, int bins) throws SQLException {
        Migrations.apply(pool, schema, Duration.ofDays(400));
        new PartitionMaintenance(pool, DbClock.wall(), Duration.ofDays(7), Duration.ofDays(400), Duration.ofDays(30))
                .run();
        try (Connection c = pool.getConnection(); Statement s = c.createStatement();
             var ps = c.prepareStatement(INSERT_BINS)) {
            s.execute(INSERT_ZONES);
            ps.setInt(1, bins);
            ps.executeUpdate();
        }
    }

    static void drop(HikariDataSource pool, String schema) throws SQLException {
        try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
            System.out.printf("  schema %s dropped%n", schema);
        }
    }

    static String binId(int i) {
        return String.format(Locale.ROOT, "bench-%05d", i);
    }

    /** A dispatch instance of the run {@code tag}, with HTTP on a free local port; {@code extra} adds variables. */
    static DispatchConfig config(BenchConnection connection, String schemaUrl, String prefix, String tag, int instance,
                                 Map<String, String> extra) {
        Map<String, String> env = new HashMap<>(Map.of(
                "CLEARWAY_DB_URL", schemaUrl,
                "CLEARWAY_DB_USER", connection.dbUser,
                "CLEARWAY_DB_PASSWORD", connection.dbPassword,
                "CLEARWAY_MQTT_URL", connection.mqttUrl,
                "CLEARWAY_TOPIC_PREFIX", prefix,
                "CLEARWAY_DISPATCH_CLIENT_ID", "bench-dispatch-" + tag,
                "CLEARWAY_DISPATCH_SHARE_GROUP", "bench-dispatch-" + tag,
                "CLEARWAY_DISPATCH_SESSION_EXPIRY", "600s",
                "CLEARWAY_DISPATCH_INSTANCE", "bench-" + tag + "-" + instance,
                "CLEARWAY_DISPATCH_HTTP_HOST", "127.0.0.1"));
        env.put("CLEARWAY_DISPATCH_HTTP_PORT", "0");
        // the latency benchmark measures a reading to its threshold job, the per-reading policy
        env.put("CLEARWAY_DISPATCH_POLICY", "threshold");
        env.putAll(extra);
        return DispatchConfig.from(new Env(env));
    }

    /** The fleet file of {@code --fleet}: a path, or {@code demo} for the demonstration fleet (copied to a file). */
    static java.nio.file.Path fleetFile(String fleet) throws java.io.IOException {
        if (!"demo".equals(fleet)) {
            return java.nio.file.Path.of(fleet);
        }
        java.nio.file.Path file = java.nio.file.Files.createTempFile("clearway-bench-fleet", ".json");
        file.toFile().deleteOnExit();
        try (var in = BenchSetup.class.getResourceAsStream(org.clearway.dispatch.fleet.FleetFile.DEMO_RESOURCE)) {
            if (in == null) {
                throw new java.io.IOException("the demonstration fleet " + org.clearway.dispatch.fleet.FleetFile.DEMO_RESOURCE
                        + " is not on the class path");
            }
            java.nio.file.Files.copy(in, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        return file;
    }

    static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + START_WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("Timed out after " + START_WAIT.toSeconds() + " s waiting for " + what);
            }
            Thread.sleep(20);
        }
    }
}
