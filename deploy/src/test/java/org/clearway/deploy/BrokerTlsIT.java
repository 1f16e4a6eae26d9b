package org.clearway.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.clearway.testsupport.TestCa;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 17, transport security, on this machine's Mosquitto with each broker configuration of the project as it is
 * (Compose's {@code mosquitto.conf}, the Kubernetes ConfigMap's) and TLS files made in the test ({@link BrokerTls}:
 * a broker CA and a devices' CA): the public listeners refuse plaintext; a device's password travels over TLS only;
 * a client that trusts another CA refuses the broker; a device certificate from another CA, or none, is refused;
 * a device certificate's common name is its username, so bin A's certificate cannot publish as bin B; MQTT over
 * WebSockets over TLS works for browsers.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class BrokerTlsIT {
    /** Devices over TLS with a password. */
    static final int MQTTS = 8883;
    /** Devices over TLS with a client certificate. */
    static final int MQTTS_CERTIFICATE = 8884;
    /** MQTT over WebSockets over TLS. */
    static final int WSS = 8443;
    private static final Map<String, String> USERS = Map.of("clearway-ingest", "ingest-secret", "clearway-dispatch",
            "dispatch-secret", "clearway-simulator", "simulator-secret", "bin-a", "password-of-a", "bin-b", "password-of-b",
            "truck-1", "password-of-truck-1", "truck-2", "password-of-truck-2");

    /** A broker configuration of the project, started with its TLS files. */
    record Broker(String name, LocalMosquitto mosquitto, BrokerTls tls) {
        @Override
        public String toString() {
            return name;
        }
    }

    private final List<Broker> brokers = new ArrayList<>();

    @BeforeAll
    void startBrokers(@TempDir Path directory) throws Exception {
        assumeTrue(LocalMosquitto.binary().isPresent(), "no mosquitto binary on this machine");
        Path compose = Files.createDirectories(directory.resolve("compose"));
        BrokerTls composeTls = ComposeBrokerIT.writeAuthFiles(compose, USERS);
        brokers.add(new Broker("compose", LocalMosquitto.start(compose, LocalMosquitto.adapt(
                Files.readAllLines(DeployTree.resolve("mosquitto/compose/mosquitto.conf")), compose)), composeTls));
        Path kubernetes = Files.createDirectories(directory.resolve("kubernetes"));
        BrokerTls kubernetesTls = ComposeBrokerIT.writeAuthFiles(kubernetes, USERS);
        // The Secret clearway-mosquitto-auth's acl_file is the generated one alone.
        Files.copy(kubernetes.resolve("certificate_acl_file"), kubernetes.resolve("acl_file"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        brokers.add(new Broker("kubernetes", LocalMosquitto.start(kubernetes, LocalMosquitto.adapt(
                ClientIdTakeoverIT.kubernetesBrokerConfig().lines().toList(), kubernetes)), kubernetesTls));
    }

    @AfterAll
    void stopBrokers() {
        brokers.forEach(b -> b.mosquitto().close());
    }

    Stream<Broker> brokers() {
        return brokers.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("brokers")
    void thePublicListenersRefusePlaintext(Broker broker) {
        for (int port : List.of(MQTTS, MQTTS_CERTIFICATE)) {
            assertThat(MqttProbe.connectReasonCode(broker.mosquitto().uri(port), "bin-a", "bin-a", USERS.get("bin-a")))
                    .as("plain MQTT on the TLS listener " + port).isNotZero();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("brokers")
    void aDevicesPasswordWorksOverTlsAndItsAclStillApplies(Broker broker) throws Exception {
        String mqtts = broker.mosquitto().uri("ssl", MQTTS);
        var trusting = broker.tls().client(null);
        assertThat(MqttProbe.connectTlsReasonCode(mqtts, trusting, "bin-a", "bin-a", "password-of-b")).isNotZero();
        try (MqttProbe ingest = MqttProbe.connect(broker.mosquitto().uri(ComposeBrokerIT.SERVICES), "clearway-ingest-t",
                "clearway-ingest", USERS.get("clearway-ingest"));
             MqttProbe sensor = MqttProbe.connectTls(mqtts, trusting, "anything", "bin-a", USERS.get("bin-a"))) {
            assertThat(ingest.subscribe("bins/#")).isEqualTo(1);
            assertThat(sensor.publish("bins/bin-b/telemetry", "{\"as\":\"bin-b\"}")).isEqualTo(0x87);
            assertThat(sensor.publish("bins/bin-a/telemetry", "{\"fill\":11}")).isZero();
            assertThat(ingest.next(5, TimeUnit.SECONDS)).isEqualTo(new MqttProbe.Received("bins/bin-a/telemetry", "{\"fill\":11}"));
            assertThat(ingest.next(300, TimeUnit.MILLISECONDS)).isNull();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("brokers")
    void aClientThatTrustsAnotherCaRefusesTheBroker(Broker broker) {
        var elsewhere = TestCa.create("Some other CA").clientSocketFactory(null);
        assertThat(MqttProbe.connectTlsReasonCode(broker.mosquitto().uri("ssl", MQTTS), elsewhere, "bin-a", "bin-a",
                USERS.get("bin-a"))).as("the broker's certificate is not trusted").isNotZero();
        assertThat(MqttProbe.connectTlsReasonCode(broker.mosquitto().uri("ssl", MQTTS_CERTIFICATE),
                TestCa.create("Yet another CA").clientSocketFactory(broker.tls().device("bin-a")), "bin-a", null, null))
                .isNotZero();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("brokers")
    void theCertificateListenerRefusesNoCertificateAndOneFromAnotherCa(Broker broker) {
        String uri = broker.mosquitto().uri("ssl", MQTTS_CERTIFICATE);
        assertThat(MqttProbe.connectTlsReasonCode(uri, broker.tls().client(null), "bin-a", "bin-a", USERS.get("bin-a")))
                .as("no client certificate, even with the right password").isNotZero();
        TestCa.Issued forged = TestCa.create("Clearway test device CA").client("bin-a");
        assertThat(MqttProbe.connectTlsReasonCode(uri, broker.tls().client(forged), "bin-a", null, null))
                .as("a certificate for bin-a from another CA of the same name").isNotZero();
        assertThat(MqttProbe.connectTlsReasonCode(uri, broker.tls().client(broker.tls().device("bin-a")), "bin-a", null, null))
                .isZero();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("brokers")
    void aCertificateForBinACannotPublishAsBinB(Broker broker) throws Exception {
        String uri = broker.mosquitto().uri("ssl", MQTTS_CERTIFICATE);
        try (MqttProbe ingest = MqttProbe.connect(broker.mosquitto().uri(ComposeBrokerIT.SERVICES), "clearway-ingest-c",
                "clearway-ingest", USERS.get("clearway-ingest"));
             // The username and password it sends are ignored: the certificate's common name is its identity.
             MqttProbe binA = MqttProbe.connectTls(uri, broker.tls().client(broker.tls().device("bin-a")), "bin-b", "bin-b",
                     USERS.get("bin-b"));
             MqttProbe truck = MqttProbe.connectTls(uri, broker.tls().client(broker.tls().device("truck-1")), "truck-1", null,
                     null)) {
            assertThat(ingest.subscribe("bins/#")).isEqualTo(1);
            assertThat(ingest.subscribe("trucks/+/position")).isEqualTo(1);
            assertThat(binA.publish("bins/bin-b/telemetry", "{\"as\":\"bin-b\"}")).isEqualTo(0x87);
            assertThat(binA.publish("trucks/truck-1/position", "{\"as\":\"truck-1\"}")).isEqualTo(0x87);
            assertThat(truck.publish("trucks/truck-2/position", "{\"as\":\"truck-2\"}")).isEqualTo(0x87);
            assertThat(binA.publish("bins/bin-a/telemetry", "{\"fill\":21}")).isZero();
            assertThat(ingest.next(5, TimeUnit.SECONDS)).isEqualTo(new MqttProbe.Received("bins/bin-a/telemetry", "{\"fill\":21}"));
            assertThat(ingest.next(300, TimeUnit.MILLISECONDS)).isNull();
        }
        // A certificate of a device the registry does not know connects (the CA vouches for it) but may do nothing.
        try (MqttProbe stranger = MqttProbe.connectTls(uri, broker.tls().client(broker.tls().device("bin-x")), "bin-x", null,
                null)) {
            assertThat(stranger.publish("bins/bin-x/telemetry", "{\"fill\":1}")).isEqualTo(0x87);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("brokers")
    void browsersReachTheBrokerOverWebSocketsOverTlsOnly(Broker broker) throws Exception {
        assertThat(MqttProbe.connectReasonCode(broker.mosquitto().uri("ws", WSS), "truck-2", "truck-2",
                USERS.get("truck-2"))).as("plain WebSockets").isNotZero();
        try (MqttProbe truck = MqttProbe.connectTls(broker.mosquitto().uri("wss", WSS), broker.tls().client(null), "truck-2",
                "truck-2", USERS.get("truck-2"))) {
            assertThat(truck.publish("trucks/truck-2/position", "{\"lat\":1}")).as("accepted, no subscriber").isIn(0, 0x10);
            assertThat(truck.publish("trucks/truck-1/position", "{\"lat\":1}")).isEqualTo(0x87);
        }
    }
}
