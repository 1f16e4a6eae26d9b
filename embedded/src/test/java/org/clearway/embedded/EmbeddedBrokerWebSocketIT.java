package org.clearway.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 15 (the driver app) and issue 17: the embedded broker speaks MQTT over WebSockets, plain on the loopback and
 * over TLS with the local CA's certificate, with the same accounts as its TCP listener: a truck signs in with its own
 * credentials and client id and gets what dispatch publishes for it; a wrong password, or another account's client
 * id, is refused.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class EmbeddedBrokerWebSocketIT {
    private static final int NOT_AUTHORIZED = 0x87;
    private static final int BAD_USER_NAME_OR_PASSWORD = 0x86;
    private static final String TRUCK = "truck-n1";
    private static final String TRUCK_PASSWORD = "password-of-truck-n1";

    private static BrokerAccounts accounts() {
        return BrokerAccounts.of(List.of(new BrokerAccounts.Service("clearway-dispatch", "dispatch-secret",
                List.of("clearway-dispatch"))), Map.of(TRUCK, TRUCK_PASSWORD, "truck-n2", "password-of-truck-n2"));
    }

    @Test
    void aTruckSignsInOverWebSocketsWithItsOwnCredentialsOnly(@TempDir Path data) throws Exception {
        LocalCa ca = LocalCa.ensure(data.resolve("tls"));
        try (EmbeddedBroker broker = EmbeddedBroker.start(null, 0, accounts(), ca, 0,
                EmbeddedBroker.WebSockets.anyPorts())) {
            assertThat(broker.webSocketUri()).startsWith("ws://127.0.0.1:").endsWith("/mqtt");
            assertThat(broker.tlsWebSocketUri()).startsWith("wss://localhost:").endsWith("/mqtt");
            warmUp(broker.webSocketUri());
            try (MqttTestClient truck = MqttTestClient.clean(broker.webSocketUri(), TRUCK, TRUCK, TRUCK_PASSWORD);
                 MqttTestClient dispatch = MqttTestClient.clean(broker.serverUri(), "clearway-dispatch-out",
                         "clearway-dispatch", "dispatch-secret")) {
                truck.subscribe("trucks/" + TRUCK + "/route", 1);
                dispatch.publish("trucks/" + TRUCK + "/route", "{\"version\":1}", 1);
                assertThat(truck.awaitDistinct(1, Duration.ofSeconds(20))).containsExactly("{\"version\":1}");
            }
            assertThat(MqttTestClient.connectReasonCode(broker.webSocketUri(), TRUCK, TRUCK, "wrong"))
                    .as("a wrong password").isEqualTo(BAD_USER_NAME_OR_PASSWORD);
            assertThat(MqttTestClient.connectReasonCode(broker.webSocketUri(), TRUCK, "truck-n2", "password-of-truck-n2"))
                    .as("another truck's client id").isEqualTo(NOT_AUTHORIZED);
            assertThat(MqttTestClient.connectReasonCode(broker.webSocketUri(), TRUCK, null, null))
                    .as("anonymous").isEqualTo(BAD_USER_NAME_OR_PASSWORD);

            connectOverTls(broker.tlsWebSocketUri(), trusting(ca.caCertificate()), TRUCK_PASSWORD);
            assertThatThrownBy(() -> connectOverTls(broker.tlsWebSocketUri(), trusting(ca.caCertificate()), "wrong"))
                    .as("a wrong password over WSS").isInstanceOf(MqttException.class);
            LocalCa other = LocalCa.ensure(data.resolve("other"));
            assertThatThrownBy(() -> connectOverTls(broker.tlsWebSocketUri(), trusting(other.caCertificate()),
                    TRUCK_PASSWORD)).as("a client that trusts another CA").isInstanceOf(MqttException.class);
        }
    }

    @Test
    void withoutWebSocketsThereIsNoWebSocketListener() throws Exception {
        try (EmbeddedBroker broker = EmbeddedBroker.start(null, 0, accounts())) {
            assertThat(broker.webSocketUri()).isNull();
            assertThat(broker.tlsWebSocketUri()).isNull();
        }
    }

    /**
     * Paho Java reads the WebSocket handshake's answer with its socket's 1 s read timeout, and the first upgrade a
     * fresh broker answers can take longer on a loaded machine (its HTTP classes load then): one upgrade by hand,
     * with a patient timeout, first. A browser waits for the answer as long as it takes.
     */
    private static void warmUp(String wsUri) throws Exception {
        java.net.URI uri = java.net.URI.create(wsUri);
        try (java.net.Socket socket = new java.net.Socket(uri.getHost(), uri.getPort())) {
            socket.setSoTimeout(30_000);
            socket.getOutputStream().write(("GET " + uri.getPath() + " HTTP/1.1\r\nHost: " + uri.getHost() + ":"
                    + uri.getPort() + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                    + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n"
                    + "Sec-WebSocket-Protocol: mqtt\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            byte[] answer = new byte[12];
            int read = socket.getInputStream().readNBytes(answer, 0, answer.length);
            assertThat(new String(answer, 0, read, StandardCharsets.US_ASCII)).isEqualTo("HTTP/1.1 101");
        }
    }

    private static void connectOverTls(String uri, SSLSocketFactory sockets, String password) throws MqttException {
        MqttClient client = new MqttClient(uri, TRUCK, new MemoryPersistence());
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setConnectionTimeout(5);
        options.setHttpsHostnameVerificationEnabled(true);
        options.setSocketFactory(sockets);
        options.setUserName(TRUCK);
        options.setPassword(password.getBytes(StandardCharsets.UTF_8));
        try {
            client.connect(options);
            client.disconnect();
        } finally {
            client.close(true);
        }
    }

    private static SSLSocketFactory trusting(Path caFile) throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        try (InputStream in = Files.newInputStream(caFile)) {
            trust.setCertificateEntry("ca", CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(trust);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, factory.getTrustManagers(), null);
        return context.getSocketFactory();
    }
}
