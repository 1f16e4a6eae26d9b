package org.clearway.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.clearway.core.credentials.MosquittoPassword;
import org.clearway.core.db.Migrations;
import org.clearway.core.mqtt.MqttTls;
import org.clearway.embedded.BrokerAccounts;
import org.clearway.embedded.EmbeddedBroker;
import org.clearway.embedded.LocalCa;
import org.clearway.testsupport.DatabaseEndpoint;
import org.clearway.testsupport.TestSchema;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 17 on the one-command run's broker: the embedded HiveMQ, over its TLS listener with the launcher's local CA,
 * takes the bin sensors' passwords from the registry (what the API issues): issued, a device connects; rotated, the old
 * password is refused and the new one accepted; revoked, its open session is closed and it is refused.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class EmbeddedRegistryIT {
    private TestSchema schema;
    private RegistryDevices registry;
    private EmbeddedBroker broker;
    private Path caFile;

    @BeforeEach
    void start(@TempDir Path directory) throws Exception {
        schema = TestSchema.create("embedded_registry");
        Migrations.apply(schema.dataSource(), schema.name(), Duration.ofDays(400));
        sql("INSERT INTO zones (id, parent_id, level, name) VALUES ('d1', NULL, 'district', 'District 1')");
        sql("INSERT INTO bins (id, zone_id, stream, volume_l, depth_mm, lat, lon) VALUES ('bin-a', 'd1', 'residual', 240, 1000, 31.2, 121.4)");
        LocalCa ca = LocalCa.ensure(directory.resolve("tls"));
        caFile = ca.caCertificate();
        DatabaseEndpoint db = schema.endpoint();
        registry = new RegistryDevices(db.jdbcUrl(), db.user(), db.password() == null ? "" : db.password());
        broker = EmbeddedBroker.start(null, 0, BrokerAccounts.of(List.of(new BrokerAccounts.Service("clearway-launcher",
                "launcher-secret", List.of("clearway-"))), Map.of()).withRegistry(registry), ca, 0);
        registry.start(broker);
    }

    @AfterEach
    void stop() {
        if (registry != null) {
            registry.close();
        }
        if (broker != null) {
            broker.close();
        }
        if (schema != null) {
            schema.close();
        }
    }

    @Test
    void issuedRotatedAndRevokedPasswordsApplyAtOnceAndARevokedSessionIsClosed() throws Exception {
        setPassword("first-password");
        assertThat(await(() -> code("bin-a", "first-password") == 0)).as("issued: let in").isTrue();
        assertThat(code("bin-b", "first-password")).as("another username: refused").isNotZero();

        setPassword("second-password");
        assertThat(await(() -> code("bin-a", "first-password") != 0)).as("rotated: the old password is refused").isTrue();
        MqttClient open = connect("bin-a", "second-password");
        try {
            assertThat(open.isConnected()).isTrue();
            sql("UPDATE device_credentials SET password_hash = NULL, revoked_at = now(), updated_at = now() WHERE bin_id = 'bin-a'");
            assertThat(await(() -> !open.isConnected())).as("revoked: the open session is closed").isTrue();
        } finally {
            open.close(true);
        }
        assertThat(code("bin-a", "second-password")).as("revoked: refused").isNotZero();
    }

    private MqttClient connect(String user, String password) throws MqttException {
        MqttClient client = new MqttClient(broker.tlsServerUri(), user, new MemoryPersistence());
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setSocketFactory(MqttTls.trusting(caFile));
        options.setHttpsHostnameVerificationEnabled(true);
        options.setAutomaticReconnect(false);
        options.setConnectionTimeout(5);
        options.setUserName(user);
        options.setPassword(password.getBytes(StandardCharsets.UTF_8));
        try {
            client.connect(options);
        } catch (MqttException e) {
            client.close(true);
            throw e;
        }
        return client;
    }

    /** 0 when let in (then disconnected), else the refusal's reason code (or -1 for a failure on the client's side). */
    private int code(String user, String password) {
        try {
            MqttClient client = connect(user, password);
            client.disconnect();
            client.close(true);
            return 0;
        } catch (MqttException e) {
            return e.getReasonCode() == 0 ? -1 : e.getReasonCode();
        }
    }

    private void setPassword(String password) throws SQLException {
        sql("INSERT INTO device_credentials (bin_id, password_hash, password_issued_at, updated_at) VALUES ('bin-a', ?, now(), now())"
                + " ON CONFLICT (bin_id) DO UPDATE SET password_hash = EXCLUDED.password_hash, updated_at = now()",
                MosquittoPassword.hash(password, 101));
    }

    private void sql(String statement, Object... args) throws SQLException {
        try (Connection c = schema.dataSource().getConnection(); PreparedStatement ps = c.prepareStatement(statement)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            ps.execute();
        }
    }

    private static boolean await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(200);
        }
        return true;
    }
}
