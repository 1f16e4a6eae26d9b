package org.clearway.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.clearway.deploy.YamlFiles.loadAll;
import static org.clearway.deploy.YamlFiles.map;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 11: nobody may take over another client's MQTT session. On this machine's Mosquitto, started with each
 * broker configuration of the project as it is (Compose: {@code mosquitto/compose/mosquitto.conf}; Kubernetes: the
 * {@code mosquitto.conf} of the ConfigMap in {@code k8s/mosquitto.yaml}), with the accounts their start scripts or
 * Secrets give them: a sensor that connects with a service's client id neither throws the service off the broker
 * nor, with a clean start, makes the broker drop the service's queued QoS 1 readings; with its own id it works.
 * (Before the fix a sensor with ingest's client id threw ingest off, and with a clean start 5 of 5 queued
 * readings were lost.)
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class ClientIdTakeoverIT {
    private static final int DEVICES = ComposeBrokerIT.DEVICES;
    private static final int SERVICES = ComposeBrokerIT.SERVICES;
    private static final Map<String, String> USERS = Map.of("clearway-ingest", "ingest-secret", "clearway-dispatch",
            "dispatch-secret", "clearway-simulator", "simulator-secret", "bin-a", "password-of-a", "bin-b", "password-of-b",
            "truck-1", "password-of-truck-1");

    /** A broker configuration and the client ids its services use. */
    record Broker(String name, LocalMosquitto mosquitto, String ingestId, String dispatchId) {
        String devices() {
            return mosquitto.uri(DEVICES);
        }

        String services() {
            return mosquitto.uri(SERVICES);
        }

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
        ComposeBrokerIT.writeAuthFiles(compose, USERS);
        brokers.add(new Broker("compose", LocalMosquitto.start(compose, LocalMosquitto.adapt(
                Files.readAllLines(DeployTree.resolve("mosquitto/compose/mosquitto.conf")), compose)),
                "clearway-ingest-1", "clearway-dispatch"));
        Path kubernetes = Files.createDirectories(directory.resolve("kubernetes"));
        // The Secret clearway-mosquitto-auth: the generated ACL and password files, as deploy/README.md makes them.
        ComposeBrokerIT.writeAuthFiles(kubernetes, USERS);
        List<String> acl = new ArrayList<>(ServiceAcl.all(ServiceAcl.Users.DEFAULTS, ""));
        acl.addAll(DeviceAcl.devices("", List.of("bin-a", "bin-b")));
        acl.addAll(DeviceAcl.trucks("", List.of("truck-1")));
        Files.write(kubernetes.resolve("acl_file"), acl);
        brokers.add(new Broker("kubernetes", LocalMosquitto.start(kubernetes, LocalMosquitto.adapt(
                kubernetesBrokerConfig().lines().toList(), kubernetes)), "clearway-ingest-0", "clearway-dispatch"));
    }

    @AfterAll
    void stopBrokers() {
        brokers.forEach(b -> b.mosquitto().close());
    }

    Stream<Broker> brokers() {
        return brokers.stream();
    }

    static String kubernetesBrokerConfig() {
        return loadAll(DeployTree.resolve("k8s/mosquitto.yaml")).stream().map(YamlFiles::map)
                .filter(o -> "ConfigMap".equals(o.get("kind")))
                .map(o -> (String) map(o, "data").get("mosquitto.conf")).findFirst().orElseThrow();
    }

    /** (a) */
    @ParameterizedTest(name = "{0}")
    @MethodSource("brokers")
    void aSensorWithIngestsClientIdDoesNotThrowIngestOff(Broker broker) throws Exception {
        try (MqttProbe ingest = MqttProbe.connect(broker.services(), broker.ingestId(), "clearway-ingest",
                USERS.get("clearway-ingest"));
             MqttProbe sensor = MqttProbe.connect(broker.devices(), "bin-a", "bin-a", USERS.get("bin-a"))) {
            assertThat(ingest.subscribe("bins/#")).isEqualTo(1);
            try (MqttProbe impostor = MqttProbe.connect(broker.devices(), broker.ingestId(), "bin-b", USERS.get("bin-b"))) {
                // Mosquitto gives it its own session (client id = username): it stays connected as bin-b.
                assertThat(sensor.publish("bins/bin-a/telemetry", "{\"fill\":1}")).isZero();
                assertThat(ingest.next(5, TimeUnit.SECONDS)).isEqualTo(new MqttProbe.Received("bins/bin-a/telemetry", "{\"fill\":1}"));
                assertThat(impostor.next(300, TimeUnit.MILLISECONDS)).as("nothing of ingest's session").isNull();
            }
            int refused = MqttProbe.connectReasonCode(broker.services(), broker.ingestId(), "bin-b", USERS.get("bin-b"));
            assertThat(sensor.publish("bins/bin-a/telemetry", "{\"fill\":2}")).isZero();
            assertThat(ingest.next(5, TimeUnit.SECONDS)).isEqualTo(new MqttProbe.Received("bins/bin-a/telemetry", "{\"fill\":2}"));
            assertThat(ingest.isConnected()).isTrue();
            assertThat(ingest.disconnects()).as("ingest was never thrown off").isZero();
            assertThat(refused).as("a sensor's credentials on the services' listener: CONNACK not authorized").isEqualTo(0x87);
        }
    }

    /** (b) */
    @ParameterizedTest(name = "{0}")
    @MethodSource("brokers")
    void aSensorWithAServicesClientIdAndACleanStartLeavesTheReadingsQueuedForTheService(Broker broker) throws Exception {
        for (String service : List.of("clearway-ingest", "clearway-dispatch")) {
            String id = service.equals("clearway-ingest") ? broker.ingestId() : broker.dispatchId();
            String password = USERS.get(service);
            try (MqttProbe away = MqttProbe.connectPersistent(broker.services(), id, service, password)) {
                assertThat(away.subscribe("bins/+/telemetry")).isEqualTo(1);
            }
            List<MqttProbe.Received> sent = new ArrayList<>();
            try (MqttProbe sensor = MqttProbe.connect(broker.devices(), "bin-a", "bin-a", USERS.get("bin-a"))) {
                for (int i = 0; i < 5; i++) {
                    String payload = "{\"fill\":" + (10 + i) + "}";
                    assertThat(sensor.publish("bins/bin-a/telemetry", payload)).isZero();
                    sent.add(new MqttProbe.Received("bins/bin-a/telemetry", payload));
                }
            }
            // Clean start with the service's id, on either listener.
            MqttProbe.connect(broker.devices(), id, "bin-b", USERS.get("bin-b")).close();
            int refused = MqttProbe.connectReasonCode(broker.services(), id, "bin-b", USERS.get("bin-b"));
            try (MqttProbe back = MqttProbe.connectPersistent(broker.services(), id, service, password)) {
                List<MqttProbe.Received> delivered = new ArrayList<>();
                MqttProbe.Received next;
                while (delivered.size() < sent.size() && (next = back.next(5, TimeUnit.SECONDS)) != null) {
                    delivered.add(next);
                }
                assertThat(delivered).as(service + ": every reading queued while it was away").containsExactlyElementsOf(sent);
                back.unsubscribe("bins/+/telemetry");
            }
            assertThat(refused).as("a sensor's credentials on the services' listener: CONNACK not authorized").isEqualTo(0x87);
        }
    }

    /** (c) */
    @ParameterizedTest(name = "{0}")
    @MethodSource("brokers")
    void aSensorAndATruckWithTheirOwnIdsConnectAndPublish(Broker broker) throws Exception {
        try (MqttProbe dispatch = MqttProbe.connect(broker.services(), broker.dispatchId() + "-c", "clearway-dispatch",
                USERS.get("clearway-dispatch"));
             MqttProbe sensor = MqttProbe.connect(broker.devices(), "bin-b", "bin-b", USERS.get("bin-b"));
             MqttProbe truck = MqttProbe.connect(broker.devices(), "truck-1", "truck-1", USERS.get("truck-1"))) {
            assertThat(dispatch.subscribe("bins/+/telemetry")).isEqualTo(1);
            assertThat(dispatch.subscribe("trucks/+/updates")).isEqualTo(1);
            assertThat(sensor.publish("bins/bin-b/telemetry", "{\"fill\":3}")).isZero();
            assertThat(dispatch.next(5, TimeUnit.SECONDS)).isEqualTo(new MqttProbe.Received("bins/bin-b/telemetry", "{\"fill\":3}"));
            assertThat(truck.publish("trucks/truck-1/updates", "{\"n\":1}")).isZero();
            assertThat(dispatch.next(5, TimeUnit.SECONDS)).isEqualTo(new MqttProbe.Received("trucks/truck-1/updates", "{\"n\":1}"));
        }
    }
}
