package org.clearway.ingest;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import javax.sql.DataSource;
import org.clearway.core.config.Env;
import org.clearway.core.config.MqttConfig;
import org.clearway.core.contract.TelemetryTopic;
import org.clearway.core.mqtt.MqttClientSettings;
import org.clearway.core.mqtt.PahoMqttSession;
import org.clearway.core.metrics.MetricsRegistry;
import org.clearway.ingest.app.IngestConfig;
import org.clearway.ingest.app.IngestService;
import org.clearway.ingest.relay.DecodedRelay;
import org.clearway.ingest.store.ParkedReplay;
import org.clearway.testsupport.TestInfrastructure;
import org.clearway.testsupport.TestSchema;

/**
 * One ingest service on the test database (its own schema) and the test broker (its own topic
 * prefix and client id), so test classes never see each other's data.
 */
final class IngestHarness implements AutoCloseable {
    final TestSchema schema;
    final String prefix;
    final String clientId;
    final String brokerUri;
    private final Clock clock;
    private final Vertx vertx = Vertx.vertx();
    private final Map<String, String> extraEnv;
    /** Rewrites the service's database URL, for example to go through a {@code FaultProxy}. */
    java.util.function.UnaryOperator<String> databaseUrl = u -> u;
    /** Rewrites the service's broker URI, for example to go through a {@code FaultProxy}. */
    java.util.function.UnaryOperator<String> brokerUrl = u -> u;
    PrometheusMeterRegistry registry;
    IngestService service;

    IngestHarness(String name, Clock clock, Map<String, String> extraEnv) {
        this.schema = TestSchema.create(name);
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        this.prefix = "t-" + name + "-" + suffix + "/";
        this.clientId = "ingest-" + name + "-" + suffix;
        this.brokerUri = TestInfrastructure.broker().serverUri();
        this.clock = clock;
        this.extraEnv = extraEnv;
    }

    IngestConfig config() {
        var db = TestInfrastructure.database();
        var env = new java.util.HashMap<String, String>(Map.of(
                "CLEARWAY_DB_URL", databaseUrl.apply(schema.jdbcUrl()),
                "CLEARWAY_DB_USER", db.user(),
                "CLEARWAY_DB_PASSWORD", db.password() == null ? "" : db.password(),
                "CLEARWAY_MQTT_URL", brokerUrl.apply(brokerUri),
                "CLEARWAY_TOPIC_PREFIX", prefix,
                "CLEARWAY_INGEST_CLIENT_ID", clientId,
                "CLEARWAY_INGEST_SHARE_GROUP", "g-" + clientId,
                "CLEARWAY_INGEST_SESSION_EXPIRY", "10m",
                "CLEARWAY_HTTP_HOST", "127.0.0.1",
                "CLEARWAY_HTTP_PORT", "0"));
        env.putAll(extraEnv);
        return IngestConfig.from(new Env(env));
    }

    IngestHarness start() throws Exception {
        registry = MetricsRegistry.prometheus("ingest");
        service = new IngestService(config(), clock, registry, vertx).start();
        await("ingest to subscribe", Duration.ofSeconds(30), service::isSubscribed);
        return this;
    }

    /** Kills the service as a crash would, then starts a new one with the same client id. */
    void restartHard() throws Exception {
        service.kill();
        start();
    }

    double counter(String name) {
        return registry.find(name).counters().stream().mapToDouble(c -> c.count()).sum();
    }

    DataSource db() {
        return schema.dataSource();
    }

    String topic(String binId) {
        return prefix + "bins/" + binId + "/telemetry";
    }

    void registerBin(String id, int depthMm, int offsetMm) throws SQLException {
        try (Connection c = db().getConnection(); Statement s = c.createStatement()) {
            s.execute("INSERT INTO zones (id, parent_id, level, name) VALUES ('d1', NULL, 'district', 'District 1') ON CONFLICT DO NOTHING");
            s.execute("INSERT INTO zones (id, parent_id, level, name) VALUES ('s1', 'd1', 'street', 'Street 1') ON CONFLICT DO NOTHING");
            s.execute("INSERT INTO zones (id, parent_id, level, name) VALUES ('c1', 's1', 'community', 'Community 1') ON CONFLICT DO NOTHING");
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO bins (id, zone_id, stream, volume_l, depth_mm, "
                    + "sensor_offset_mm, lat, lon) VALUES (?, 'c1', 'residual', 240, ?, ?, 31.23, 121.47) ON CONFLICT DO NOTHING")) {
                ps.setString(1, id);
                ps.setInt(2, depthMm);
                ps.setInt(3, offsetMm);
                ps.executeUpdate();
            }
        }
    }

    /** A publisher session of its own on the test broker (or {@code uri}), connected; the caller closes it. */
    PahoMqttSession publisher(String uri, String id) throws InterruptedException {
        PahoMqttSession s = new PahoMqttSession(MqttClientSettings.publisher(new MqttConfig(uri, "", "", ""), id, 100));
        s.start();
        await(id + " to connect", Duration.ofSeconds(30), s::isConnected);
        return s;
    }

    /** The replay of parked messages as {@code ParkedReplayCommand} runs it, relaying on {@code session}. */
    ParkedReplay parkedReplay(PahoMqttSession session, Duration relayPatience) {
        return ParkedReplay.of(db(), prefix, Duration.ofDays(7), new DecodedRelay(session, new TelemetryTopic(prefix),
                Duration.ofSeconds(2), DecodedRelay.Metrics.NOOP), relayPatience);
    }

    long count(String sql, Object... args) throws SQLException {
        try (Connection c = db().getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    static void await(String what, Duration timeout, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Timed out after " + timeout + " waiting for " + what);
            }
            Thread.sleep(50);
        }
    }

    @Override
    public void close() {
        if (service != null) {
            service.close();
        }
        vertx.close().await();
        schema.close();
    }
}
