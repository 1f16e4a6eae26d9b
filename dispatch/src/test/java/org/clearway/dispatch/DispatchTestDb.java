package org.clearway.dispatch;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import org.clearway.core.db.Migrations;
import org.clearway.testsupport.TestInfrastructure;
import org.clearway.testsupport.TestSchema;

/** A migrated schema of its own per test class, with the registry helpers the dispatch tests share. */
public final class DispatchTestDb {

    private DispatchTestDb() {
    }

    /** A new schema in the test database with every migration applied. */
    public static TestSchema migratedSchema(String name) {
        TestSchema schema = TestSchema.create(name);
        Migrations.apply(schema.dataSource(), schema.name(), Duration.ofDays(400));
        return schema;
    }

    /** Registers a bin (and the zones d1 > s1 > c1) as the registry would, at 31.23 N 121.47 E. */
    public static void registerBin(DataSource db, String id, String stream, int depthMm, int offsetMm) throws SQLException {
        registerBin(db, id, stream, depthMm, offsetMm, 31.23, 121.47);
    }

    /** Registers a 240 l bin (and the zones d1 > s1 > c1) as the registry would, at its own place. */
    public static void registerBin(DataSource db, String id, String stream, int depthMm, int offsetMm, double lat,
                                   double lon) throws SQLException {
        try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
            s.execute("INSERT INTO zones (id, parent_id, level, name) VALUES ('d1', NULL, 'district', 'District 1') ON CONFLICT DO NOTHING");
            s.execute("INSERT INTO zones (id, parent_id, level, name) VALUES ('s1', 'd1', 'street', 'Street 1') ON CONFLICT DO NOTHING");
            s.execute("INSERT INTO zones (id, parent_id, level, name) VALUES ('c1', 's1', 'community', 'Community 1') ON CONFLICT DO NOTHING");
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO bins (id, zone_id, stream, volume_l, depth_mm, "
                    + "sensor_offset_mm, lat, lon) VALUES (?, 'c1', ?, 240, ?, ?, ?, ?) ON CONFLICT DO NOTHING")) {
                ps.setString(1, id);
                ps.setString(2, stream);
                ps.setInt(3, depthMm);
                ps.setInt(4, offsetMm);
                ps.setDouble(5, lat);
                ps.setDouble(6, lon);
                ps.executeUpdate();
            }
        }
    }

    /**
     * The environment of a dispatch instance on the schema, the test broker and a topic prefix of its own: every
     * instance of a test shares the client id (only the leader connects) and serves /health on a free port.
     */
    public static Map<String, String> serviceEnv(TestSchema schema, String prefix, String clientId, String instance) {
        var db = TestInfrastructure.database();
        Map<String, String> env = new HashMap<>();
        env.put("CLEARWAY_DB_URL", schema.jdbcUrl());
        env.put("CLEARWAY_DB_USER", db.user());
        env.put("CLEARWAY_DB_PASSWORD", db.password());
        env.put("CLEARWAY_MQTT_URL", TestInfrastructure.broker().serverUri());
        env.put("CLEARWAY_TOPIC_PREFIX", prefix);
        env.put("CLEARWAY_DISPATCH_CLIENT_ID", clientId);
        env.put("CLEARWAY_DISPATCH_SESSION_EXPIRY", "10m");
        env.put("CLEARWAY_DISPATCH_INSTANCE", instance);
        env.put("CLEARWAY_DISPATCH_HTTP_HOST", "127.0.0.1");
        env.put("CLEARWAY_DISPATCH_HTTP_PORT", "0");
        // these tests drive the per-reading rules (a threshold job per reading); RoundsChoreIT runs the rounds policy
        env.put("CLEARWAY_DISPATCH_POLICY", "threshold");
        return env;
    }

    public static long count(DataSource db, String sql, Object... args) throws SQLException {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** The first column of every row, as text. */
    public static List<String> column(DataSource db, String sql, Object... args) throws SQLException {
        List<String> values = new ArrayList<>();
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    values.add(rs.getString(1));
                }
            }
        }
        return values;
    }

    /** Polls until the condition holds; fails after the timeout. */
    public static void await(String what, Duration timeout, Check condition) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.holds()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Timed out after " + timeout + " waiting for " + what);
            }
            Thread.sleep(50);
        }
    }

    /** A condition that may query the database. */
    @FunctionalInterface
    public interface Check {
        boolean holds() throws Exception;
    }

}
