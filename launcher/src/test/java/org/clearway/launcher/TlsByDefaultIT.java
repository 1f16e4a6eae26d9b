package org.clearway.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import org.clearway.api.app.ApiConfig;
import org.clearway.core.config.Env;
import org.clearway.core.db.Migrations;
import org.clearway.core.mqtt.MqttTls;
import org.clearway.testsupport.TestCa;
import org.clearway.testsupport.TestSchema;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
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
 * Issue 17, the one-command run with no flag at all: its infrastructure (the embedded broker, a local CA and a device
 * CA made in the data folder) and the API as the launcher configures them. A device certificate the API issues is
 * accepted on the broker's TLS listener, one of another CA is refused; the driver app's broker is WebSockets over TLS
 * ({@code wss://}), where a truck signs in with its own password, verifying the local CA, and nowhere else.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class TlsByDefaultIT {
    private static final String TOKEN = "tls-by-default-admin-token";
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @TempDir
    Path data;
    private TestSchema schema;
    private final List<AutoCloseable> running = new ArrayList<>();
    private Infrastructure infra;
    private Vertx vertx;
    private ApiRun api;

    @BeforeEach
    void start() throws Exception {
        schema = TestSchema.create("tls_by_default");
        Migrations.apply(schema.dataSource(), schema.name(), Duration.ofDays(400));
        sql("INSERT INTO zones (id, parent_id, level, name) VALUES ('d1', NULL, 'district', 'District 1')");
        sql("INSERT INTO bins (id, zone_id, stream, volume_l, depth_mm, lat, lon) VALUES ('bin-t1', 'd1', 'residual', 240, 1000, 31.2, 121.4)");
        Map<String, String> env = new HashMap<>();
        env.put("CLEARWAY_DB_USER", schema.endpoint().user());
        env.put("CLEARWAY_DB_PASSWORD", schema.endpoint().password() == null ? "" : schema.endpoint().password());
        infra = Infrastructure.start(data, schema.jdbcUrl(), 0, null, 0, 0, new Env(env), running);
        Map<String, String> vars = ClearwayLauncher.servicesEnvironment(env, infra);
        vars.put(ApiConfig.TOKENS, sha256(TOKEN) + "=admin:*");
        vertx = Vertx.vertx();
        api = ApiRun.start(vars, 0, vertx, Clock.systemUTC());
    }

    @AfterEach
    void stop() throws Exception {
        if (api != null) {
            api.close();
        }
        if (vertx != null) {
            vertx.close().await();
        }
        for (int i = running.size() - 1; i >= 0; i--) {
            running.get(i).close();
        }
        if (schema != null) {
            schema.close();
        }
    }

    @Test
    void aDeviceCertificateTheApiIssuesIsAcceptedOnTheTlsListenerWithoutAnyFlag() throws Exception {
        assertThat(infra.deviceCa().local()).as("a device CA of the run's own").isTrue();
        Path key = Path.of(infra.deviceCa().key());
        assertThat(Path.of(infra.deviceCa().certificate())).isEqualTo(data.resolve("tls/device-ca.crt").toAbsolutePath());
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key))).as("the device CA's key")
                .isEqualTo("rw-------");
        assertThat(infra.mqttUrl()).startsWith("ssl://localhost:");

        HttpResponse<String> issued = post("/bins/bin-t1/credentials/certificate");
        assertThat(issued.statusCode()).as(issued.body()).isEqualTo(201);
        JsonObject body = new JsonObject(issued.body());
        Path certFile = Files.writeString(data.resolve("bin-t1.crt"), body.getString("certificatePem"));
        Path keyFile = Files.writeString(data.resolve("bin-t1.key"), body.getString("keyPem"));
        SSLSocketFactory device = MqttTls.socketFactory(caFile(), certFile, keyFile);
        assertThat(await(() -> connects(infra.mqttUrl(), "bin-t1", device, null, null)))
                .as("the API's certificate on the TLS listener, no password").isTrue();

        TestCa other = TestCa.create("Another device CA");
        other.client("bin-t1").write(data.resolve("forged.crt"), data.resolve("forged.key"));
        SSLSocketFactory forged = MqttTls.socketFactory(caFile(), data.resolve("forged.crt"), data.resolve("forged.key"));
        assertThat(connects(infra.mqttUrl(), "bin-t1", forged, null, null)).as("a certificate of another CA").isFalse();
    }

    @Test
    void theDriverAppReachesTheBrokerOverWssWithTheTrucksOwnPassword() throws Exception {
        Infrastructure.Drivers drivers = infra.drivers();
        assertThat(drivers.webSocketUrl()).as("the driver app's broker").startsWith("wss://localhost:").endsWith("/mqtt");
        String truck = drivers.trucks().getFirst();
        String other = drivers.trucks().get(1);
        SSLSocketFactory trusting = MqttTls.trusting(caFile());
        warmUp(URI.create(drivers.webSocketUrl()), trusting);

        BlockingQueue<String> received = new LinkedBlockingQueue<>();
        MqttClient service = client(infra.mqttUrl(), "clearway-tls-test", MqttTls.trusting(caFile()), infra.mqttUser(),
                infra.mqttPassword(), received);
        MqttClient driver = client(drivers.webSocketUrl(), truck, trusting, truck, drivers.truckPassword(), received);
        try {
            driver.subscribe("trucks/" + truck + "/route", 1).waitForCompletion(10_000);
            service.publish("trucks/" + truck + "/route", "{\"version\":1}".getBytes(StandardCharsets.UTF_8), 1, false);
            assertThat(received.poll(20, TimeUnit.SECONDS)).as("the truck's route over wss")
                    .isEqualTo("trucks/" + truck + "/route {\"version\":1}");
        } finally {
            close(driver);
            close(service);
        }
        assertThat(connects(drivers.webSocketUrl(), truck, trusting, truck, "wrong")).as("a wrong password").isFalse();
        assertThat(connects(drivers.webSocketUrl(), other, trusting, truck, drivers.truckPassword()))
                .as("another truck's client id").isFalse();
        assertThat(connects(drivers.webSocketUrl(), truck, (SSLSocketFactory) SSLSocketFactory.getDefault(), truck,
                drivers.truckPassword())).as("a client that does not trust the local CA").isFalse();
    }

    @Test
    void aTrucksCredentialsFromTheApiWorkOverWssAndTlsWithTheTrucksTopicsOnlyUntilRevoked() throws Exception {
        Infrastructure.Drivers drivers = infra.drivers();
        String truck = drivers.trucks().get(2);
        String other = drivers.trucks().get(3);
        sql("INSERT INTO facilities (id, kind, name, lat, lon, accepted_streams) VALUES ('depot-tls', 'depot', 'Depot', 31.2, 121.4, '{}')");
        sql("INSERT INTO trucks (id, depot_id, streams, capacity_volume_l, capacity_weight_kg, shift_start, shift_end)"
                + " VALUES (?, 'depot-tls', '{residual}', 20000, 8000, '06:00', '14:00')", truck);
        HttpResponse<String> issued = post("/trucks/" + truck + "/credentials/password");
        assertThat(issued.statusCode()).as(issued.body()).isEqualTo(201);
        String password = new JsonObject(issued.body()).getString("password");
        SSLSocketFactory trusting = MqttTls.trusting(caFile());
        warmUp(URI.create(drivers.webSocketUrl()), trusting);
        assertThat(await(() -> connects(drivers.webSocketUrl(), truck, trusting, truck, password)))
                .as("the password the API issued, over wss").isTrue();
        assertThat(connects(drivers.webSocketUrl(), truck, trusting, truck, drivers.truckPassword()))
                .as("the run's shared truck password no longer, once the registry manages the truck").isFalse();

        BlockingQueue<String> toService = new LinkedBlockingQueue<>();
        BlockingQueue<String> toTruck = new LinkedBlockingQueue<>();
        MqttClient service = client(infra.mqttUrl(), "clearway-tls-test", trusting, infra.mqttUser(),
                infra.mqttPassword(), toService);
        MqttClient driver = null;
        try {
            service.subscribe("trucks/+/updates", 1).waitForCompletion(10_000);
            MqttClient forger = client(drivers.webSocketUrl(), truck, trusting, truck, password, toTruck);
            publishQuietly(forger, "trucks/" + other + "/updates", "forged");
            close(forger);
            driver = client(drivers.webSocketUrl(), truck, trusting, truck, password, toTruck);
            try {
                driver.subscribe("trucks/" + other + "/route", 1).waitForCompletion(10_000);
            } catch (MqttException refused) {
                // HiveMQ refuses the subscription with a reason code
            }
            driver.subscribe("trucks/" + truck + "/route", 1).waitForCompletion(10_000);
            publishQuietly(driver, "trucks/" + truck + "/updates", "mine");
            assertThat(toService.poll(20, TimeUnit.SECONDS)).as("only its own updates get through")
                    .isEqualTo("trucks/" + truck + "/updates mine");
            service.publish("trucks/" + other + "/route", "{\"theirs\":1}".getBytes(StandardCharsets.UTF_8), 1, false);
            service.publish("trucks/" + truck + "/route", "{\"mine\":1}".getBytes(StandardCharsets.UTF_8), 1, false);
            assertThat(toTruck.poll(20, TimeUnit.SECONDS)).as("its own route, not another truck's")
                    .isEqualTo("trucks/" + truck + "/route {\"mine\":1}");
            assertThat(toService.poll(1, TimeUnit.SECONDS)).isNull();
            assertThat(toTruck.poll(1, TimeUnit.SECONDS)).isNull();

            HttpResponse<String> certificate = post("/trucks/" + truck + "/credentials/certificate");
            assertThat(certificate.statusCode()).as(certificate.body()).isEqualTo(201);
            JsonObject body = new JsonObject(certificate.body());
            Path certFile = Files.writeString(data.resolve("truck.crt"), body.getString("certificatePem"));
            Path keyFile = Files.writeString(data.resolve("truck.key"), body.getString("keyPem"));
            SSLSocketFactory withCertificate = MqttTls.socketFactory(caFile(), certFile, keyFile);
            assertThat(await(() -> connects(infra.mqttUrl(), truck, withCertificate, null, null)))
                    .as("the truck's certificate on the TLS listener").isTrue();
            close(driver);
            driver = client(drivers.webSocketUrl(), truck, trusting, truck, password, toTruck); // taken over above

            HttpResponse<String> revoked = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + api.port()
                            + "/trucks/" + truck + "/credentials")).header("Authorization", "Bearer " + TOKEN).DELETE()
                    .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(revoked.statusCode()).as(revoked.body()).isEqualTo(200);
            MqttClient open = driver;
            assertThat(await(() -> !open.isConnected())).as("revoked: its open session is closed").isTrue();
            assertThat(connects(drivers.webSocketUrl(), truck, trusting, truck, password)).as("revoked password").isFalse();
            assertThat(connects(infra.mqttUrl(), truck, withCertificate, null, null)).as("revoked certificate").isFalse();
        } finally {
            if (driver != null) {
                close(driver);
            }
            close(service);
        }
    }

    private static void publishQuietly(MqttClient client, String topic, String payload) {
        try {
            client.publish(topic, payload.getBytes(StandardCharsets.UTF_8), 1, false);
        } catch (MqttException refused) {
            // HiveMQ answers a refused publish with an error reason code or by closing the connection.
        }
    }

    private Path caFile() {
        return Path.of(infra.mqttCaFile());
    }

    private HttpResponse<String> post(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + api.port() + path))
                .header("Authorization", "Bearer " + TOKEN).POST(HttpRequest.BodyPublishers.noBody())
                .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static boolean connects(String uri, String clientId, SSLSocketFactory sockets, String user, String password) {
        try {
            MqttClient client = client(uri, clientId, sockets, user, password, new LinkedBlockingQueue<>());
            close(client);
            return true;
        } catch (MqttException e) {
            return false;
        }
    }

    private static MqttClient client(String uri, String clientId, SSLSocketFactory sockets, String user, String password,
                                     BlockingQueue<String> received) throws MqttException {
        MqttClient client = new MqttClient(uri, clientId, new MemoryPersistence());
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setSocketFactory(sockets);
        options.setHttpsHostnameVerificationEnabled(true);
        options.setAutomaticReconnect(false);
        options.setConnectionTimeout(10);
        if (user != null) {
            options.setUserName(user);
            options.setPassword(password.getBytes(StandardCharsets.UTF_8));
        }
        client.setCallback(new Collector(received));
        try {
            client.connect(options);
        } catch (MqttException e) {
            client.close(true);
            throw e;
        }
        return client;
    }

    private static void close(MqttClient client) {
        try {
            if (client.isConnected()) {
                client.disconnect();
            }
            client.close(true);
        } catch (MqttException e) {
            // closed by the broker meanwhile
        }
    }

    /**
     * Paho reads the WebSocket upgrade's answer with a 1 s timeout, which a fresh broker's first answer can miss on a
     * loaded machine: one upgrade over TLS by hand first, with a patient timeout (as EmbeddedBrokerWebSocketIT does).
     */
    private static void warmUp(URI uri, SSLSocketFactory sockets) throws Exception {
        try (SSLSocket socket = (SSLSocket) sockets.createSocket(uri.getHost(), uri.getPort())) {
            socket.setSoTimeout(30_000);
            socket.getOutputStream().write(("GET " + uri.getPath() + " HTTP/1.1\r\nHost: " + uri.getHost() + ":"
                    + uri.getPort() + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                    + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n"
                    + "Sec-WebSocket-Protocol: mqtt\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            byte[] answer = socket.getInputStream().readNBytes(12);
            assertThat(new String(answer, StandardCharsets.US_ASCII)).isEqualTo("HTTP/1.1 101");
        }
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
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(250);
        }
        return true;
    }

    private static String sha256(String text) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    }

    /** Topic and payload of each message, as one string. */
    private record Collector(BlockingQueue<String> received) implements MqttCallback {
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
    }
}
