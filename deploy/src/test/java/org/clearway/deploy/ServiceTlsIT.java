package org.clearway.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.clearway.core.config.MqttConfig;
import org.clearway.core.mqtt.MqttClientSettings;
import org.clearway.core.mqtt.PahoMqttSession;
import org.clearway.testsupport.TestCa;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 17: the services' MQTT client (core's {@link PahoMqttSession}) verifies the broker's certificate. On this
 * machine's Mosquitto with the Compose configuration and TLS files made in the test: with {@code CLEARWAY_MQTT_CA_FILE}
 * the broker's CA it connects over {@code ssl://} and publishes; with another CA's certificate there, or with the
 * JVM's trusted CAs (which do not know a local CA), it never connects.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class ServiceTlsIT {
    private static final Map<String, String> USERS = Map.of("clearway-ingest", "ingest-secret", "clearway-dispatch",
            "dispatch-secret", "clearway-simulator", "simulator-secret", "bin-s1", "bin-s1-secret");
    private static LocalMosquitto broker;
    private static Path directory;
    private static BrokerTls tls;

    @BeforeAll
    static void startBroker(@TempDir Path tempDirectory) throws Exception {
        assumeTrue(LocalMosquitto.binary().isPresent(), "no mosquitto binary on this machine");
        directory = tempDirectory;
        tls = ComposeBrokerIT.writeAuthFiles(directory, USERS);
        broker = LocalMosquitto.start(directory, LocalMosquitto.adapt(
                Files.readAllLines(DeployTree.resolve("mosquitto/compose/mosquitto.conf")), directory));
    }

    @AfterAll
    static void stopBroker() {
        if (broker != null) {
            broker.close();
        }
    }

    private static PahoMqttSession session(String caFile, String clientId) {
        MqttConfig config = new MqttConfig(broker.uri("ssl", BrokerTlsIT.MQTTS), "clearway-simulator",
                USERS.get("clearway-simulator"), "", caFile);
        return new PahoMqttSession(MqttClientSettings.publisher(config, clientId, 10));
    }

    @Test
    void withTheBrokersCaTheServiceConnectsOverTlsAndPublishes() throws Exception {
        try (MqttProbe ingest = MqttProbe.connect(broker.uri(ComposeBrokerIT.SERVICES), "clearway-ingest-s", "clearway-ingest",
                USERS.get("clearway-ingest"));
             PahoMqttSession simulator = session(directory.resolve("ca.crt").toString(), "clearway-simulator")) {
            assertThat(ingest.subscribe("bins/#")).isEqualTo(1);
            simulator.start();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
            while (!simulator.isConnected() && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertThat(simulator.isConnected()).isTrue();
            simulator.publish("bins/sim-1/telemetry", "{\"fill\":5}".getBytes(StandardCharsets.UTF_8), 1, false)
                    .get(15, TimeUnit.SECONDS);
            assertThat(ingest.next(5, TimeUnit.SECONDS)).isEqualTo(new MqttProbe.Received("bins/sim-1/telemetry", "{\"fill\":5}"));
        }
    }

    @Test
    void withAClientCertificateTheClientConnectsOnTheCertificateListenerAndWithoutOneItNeverDoes() throws Exception {
        TestCa.Issued identity = tls.device("bin-s1");
        Path certificate = directory.resolve("bin-s1.crt");
        Path key = directory.resolve("bin-s1.key");
        identity.write(certificate, key);
        MqttConfig withCertificate = new MqttConfig(broker.uri("ssl", BrokerTlsIT.MQTTS_CERTIFICATE), "", "", "",
                directory.resolve("ca.crt").toString(), certificate.toString(), key.toString());
        try (MqttProbe ingest = MqttProbe.connect(broker.uri(ComposeBrokerIT.SERVICES), "clearway-ingest-c", "clearway-ingest",
                USERS.get("clearway-ingest"));
             PahoMqttSession device = new PahoMqttSession(MqttClientSettings.publisher(withCertificate, "bin-s1", 10));
             PahoMqttSession anonymous = new PahoMqttSession(MqttClientSettings.publisher(
                     withCertificate.withClientCertificate("", ""), "bin-s1-none", 10))) {
            assertThat(ingest.subscribe("bins/#")).isEqualTo(1);
            device.start();
            anonymous.start();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
            while (!device.isConnected() && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertThat(device.isConnected()).isTrue();
            device.publish("bins/bin-s1/telemetry", "{\"fill\":6}".getBytes(StandardCharsets.UTF_8), 1, false)
                    .get(15, TimeUnit.SECONDS);
            assertThat(ingest.next(5, TimeUnit.SECONDS)).isEqualTo(new MqttProbe.Received("bins/bin-s1/telemetry", "{\"fill\":6}"));
            assertThat(anonymous.isConnected()).as("the certificate listener wants a client certificate").isFalse();
        }
    }

    @Test
    void withAnotherCaOrTheJvmsCasTheServiceNeverConnects() throws Exception {
        Path other = TestCa.create("Another CA").writeCertificate(directory.resolve("other-ca.crt"));
        try (PahoMqttSession wrongCa = session(other.toString(), "clearway-simulator");
             PahoMqttSession jvmCas = session("", "clearway-simulator")) {
            wrongCa.start();
            jvmCas.start();
            Thread.sleep(3_000);
            assertThat(wrongCa.isConnected()).as("a CA that did not sign the broker's certificate").isFalse();
            assertThat(jvmCas.isConnected()).as("the JVM's CAs do not know the broker's local CA").isFalse();
        }
    }
}
