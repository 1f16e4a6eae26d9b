package org.clearway.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;
import org.clearway.core.credentials.MosquittoPassword;
import org.clearway.core.db.Migrations;
import org.clearway.embedded.BrokerAccounts;
import org.clearway.embedded.EmbeddedBroker;
import org.clearway.embedded.LocalCa;
import org.clearway.testsupport.DatabaseEndpoint;
import org.clearway.testsupport.TestCa;
import org.clearway.testsupport.TestSchema;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 17 on the one-command run's broker: its TLS listener also takes a device client certificate signed by the
 * device CA the API uses (here a {@link TestCa}), the certificate's CN being the bin id, checked against the registry
 * ({@code device_certificates}, as {@link RegistryDevices} reads it). Password devices still connect on the same
 * listener; a certificate of another CA is refused; bin A's certificate can neither connect as bin B nor publish on
 * bin B's topics; a revoked certificate loses its open session and is refused.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class EmbeddedDeviceCertificatesIT {
    private static final int NOT_AUTHORIZED = 0x87;
    private static final String SERVICE = "clearway-launcher";

    private TestSchema schema;
    private RegistryDevices registry;
    private EmbeddedBroker broker;
    private LocalCa localCa;
    private TestCa deviceCa;

    @BeforeEach
    void start(@TempDir Path directory) throws Exception {
        schema = TestSchema.create("embedded_device_certs");
        Migrations.apply(schema.dataSource(), schema.name(), Duration.ofDays(400));
        sql("INSERT INTO zones (id, parent_id, level, name) VALUES ('d1', NULL, 'district', 'District 1')");
        for (String bin : List.of("bin-a", "bin-b")) {
            sql("INSERT INTO bins (id, zone_id, stream, volume_l, depth_mm, lat, lon) VALUES (?, 'd1', 'residual', 240, 1000, 31.2, 121.4)", bin);
        }
        localCa = LocalCa.ensure(directory.resolve("tls"));
        deviceCa = TestCa.create("Clearway test device CA");
        Path deviceCaFile = deviceCa.writeCertificate(directory.resolve("device-ca.crt"));
        DatabaseEndpoint db = schema.endpoint();
        registry = new RegistryDevices(db.jdbcUrl(), db.user(), db.password() == null ? "" : db.password());
        broker = EmbeddedBroker.start(null, 0, BrokerAccounts.of(List.of(new BrokerAccounts.Service(SERVICE,
                        "launcher-secret", List.of("clearway-"))), Map.of()).withRegistry(registry).withCertificates(registry),
                localCa, 0, null, deviceCaFile);
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
    void aCertificateOfTheDeviceCaForAKnownBinIsLetInAndPasswordsStillWork() throws Exception {
        TestCa.Issued binA = register("bin-a", deviceCa.client("bin-a"));
        assertThat(await(() -> code("bin-a", binA, null) == 0)).as("the right certificate, no password").isTrue();
        assertThat(code("bin-a", binA, "bin-a")).as("with its own name as username too").isZero();
        sql("INSERT INTO device_credentials (bin_id, password_hash, password_issued_at, updated_at) VALUES ('bin-b', ?, now(), now())",
                MosquittoPassword.hash("password-of-b", 101));
        assertThat(await(() -> passwordCode("bin-b", "password-of-b") == 0))
                .as("a password device without a certificate, same listener").isTrue();
        assertThat(code("bin-b", deviceCa.client("bin-b"), null)).as("a certificate the registry never issued")
                .isEqualTo(NOT_AUTHORIZED);
    }

    @Test
    void aCertificateOfAnotherCaIsRefused() throws Exception {
        TestCa.Issued right = register("bin-a", deviceCa.client("bin-a"));
        TestCa.Issued forged = register("bin-a", TestCa.create("Clearway test device CA").client("bin-a"));
        assertThat(await(() -> code("bin-a", right, null) == 0)).as("the device CA's").isTrue();
        assertThatThrownBy(() -> connect("bin-a", forged, null)).as("another CA's, even with the same name and a"
                + " serial the registry lists").isInstanceOf(MqttException.class);
    }

    @Test
    void binAsCertificateCannotConnectNorPublishAsBinB() throws Exception {
        TestCa.Issued binA = register("bin-a", deviceCa.client("bin-a"));
        register("bin-b", deviceCa.client("bin-b"));
        assertThat(await(() -> code("bin-a", binA, null) == 0)).isTrue();
        assertThat(code("bin-b", binA, null)).as("bin A's certificate with bin B's client id").isEqualTo(NOT_AUTHORIZED);
        assertThat(code("bin-a", binA, "bin-b")).as("bin A's certificate with bin B's username").isEqualTo(NOT_AUTHORIZED);

        BlockingQueue<String> received = new LinkedBlockingQueue<>();
        MqttClient service = new MqttClient(broker.serverUri(), "clearway-launcher-sub", new MemoryPersistence());
        MqttConnectionOptions serviceOptions = new MqttConnectionOptions();
        serviceOptions.setUserName(SERVICE);
        serviceOptions.setPassword("launcher-secret".getBytes(StandardCharsets.UTF_8));
        service.setCallback(new MqttCallback() {
            @Override
            public void messageArrived(String topic, MqttMessage message) {
                received.add(topic + " " + message);
            }

            @Override
            public void disconnected(MqttDisconnectResponse response) {
            }

            @Override
            public void mqttErrorOccurred(MqttException exception) {
            }

            @Override
            public void deliveryComplete(IMqttToken token) {
            }

            @Override
            public void connectComplete(boolean reconnect, String serverURI) {
            }

            @Override
            public void authPacketArrived(int reasonCode, MqttProperties properties) {
            }
        });
        service.connect(serviceOptions);
        try {
            service.subscribe("bins/+/telemetry", 1);
            MqttClient forger = connect("bin-a", binA, null);
            try {
                forger.publish("bins/bin-b/telemetry", "forged".getBytes(StandardCharsets.UTF_8), 1, false);
            } catch (MqttException refused) {
                // HiveMQ answers a refused publish with an error reason code or by closing the connection.
            } finally {
                if (forger.isConnected()) {
                    try {
                        forger.disconnect();
                    } catch (MqttException alreadyClosing) {
                        // closed by the broker meanwhile
                    }
                }
                forger.close(true);
            }
            MqttClient device = connect("bin-a", binA, null);
            try {
                device.publish("bins/bin-a/telemetry", "mine".getBytes(StandardCharsets.UTF_8), 1, false);
                device.disconnect();
            } finally {
                device.close(true);
            }
            assertThat(received.poll(10, TimeUnit.SECONDS)).as("only its own topic gets through")
                    .isEqualTo("bins/bin-a/telemetry mine");
            assertThat(received).isEmpty();
        } finally {
            service.disconnect();
            service.close(true);
        }
    }

    @Test
    void aRevokedCertificateLosesItsSessionAndIsRefused() throws Exception {
        TestCa.Issued binA = register("bin-a", deviceCa.client("bin-a"));
        assertThat(await(() -> code("bin-a", binA, null) == 0)).isTrue();
        MqttClient open = connect("bin-a", binA, null);
        try {
            assertThat(open.isConnected()).isTrue();
            sql("UPDATE device_certificates SET revoked_at = now() WHERE serial = ?", binA.serial().toString(16));
            assertThat(await(() -> !open.isConnected())).as("revoked: the open session is closed").isTrue();
        } finally {
            open.close(true);
        }
        assertThat(code("bin-a", binA, null)).as("revoked: refused").isEqualTo(NOT_AUTHORIZED);
    }

    /** Lists the certificate in the registry as the API does when it issues one. */
    private TestCa.Issued register(String bin, TestCa.Issued issued) throws SQLException {
        sql("INSERT INTO device_certificates (serial, bin_id, certificate_pem, issued_at, not_after)"
                + " VALUES (?, ?, 'PEM', now(), now() + interval '2 days')", issued.serial().toString(16), bin);
        return issued;
    }

    private MqttClient connect(String clientId, TestCa.Issued identity, String username) throws Exception {
        MqttClient client = new MqttClient(broker.tlsServerUri(), clientId, new MemoryPersistence());
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setSocketFactory(sockets(identity));
        options.setHttpsHostnameVerificationEnabled(true);
        options.setAutomaticReconnect(false);
        options.setConnectionTimeout(5);
        if (username != null) {
            options.setUserName(username);
        }
        try {
            client.connect(options);
        } catch (MqttException e) {
            client.close(true);
            throw e;
        }
        return client;
    }

    /** 0 when let in (then disconnected), else the refusal's reason code (or -1 for a failure such as the handshake). */
    private int code(String clientId, TestCa.Issued identity, String username) {
        try {
            MqttClient client = connect(clientId, identity, username);
            client.disconnect();
            client.close(true);
            return 0;
        } catch (MqttException e) {
            return e.getReasonCode() == 0 ? -1 : e.getReasonCode();
        } catch (Exception e) {
            return -1;
        }
    }

    private int passwordCode(String user, String password) {
        try {
            MqttClient client = new MqttClient(broker.tlsServerUri(), user, new MemoryPersistence());
            MqttConnectionOptions options = new MqttConnectionOptions();
            options.setSocketFactory(sockets(null));
            options.setConnectionTimeout(5);
            options.setUserName(user);
            options.setPassword(password.getBytes(StandardCharsets.UTF_8));
            try {
                client.connect(options);
                client.disconnect();
            } finally {
                client.close(true);
            }
            return 0;
        } catch (MqttException e) {
            return e.getReasonCode() == 0 ? -1 : e.getReasonCode();
        } catch (Exception e) {
            return -1;
        }
    }

    /** Trusts the local CA (the broker's certificate) and presents {@code identity}, if any. */
    private SSLSocketFactory sockets(TestCa.Issued identity) throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        try (InputStream in = Files.newInputStream(localCa.caCertificate())) {
            trust.setCertificateEntry("ca", CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        TrustManagerFactory trustManagers = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trustManagers.init(trust);
        KeyManagerFactory keyManagers = null;
        if (identity != null) {
            char[] password = "test".toCharArray();
            KeyStore keys = KeyStore.getInstance("PKCS12");
            keys.load(null, null);
            keys.setKeyEntry("device", identity.key(), password, new X509Certificate[] {identity.certificate(), identity.issuer()});
            keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keyManagers.init(keys, password);
        }
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keyManagers == null ? null : keyManagers.getKeyManagers(), trustManagers.getTrustManagers(), new SecureRandom());
        return context.getSocketFactory();
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
