package org.clearway.deploy;

import org.clearway.core.credentials.MosquittoPassword;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Compose broker's own configuration ({@code deploy/mosquitto/compose/mosquitto.conf} and its
 * {@code acl_file}, as they are, followed by a generated device ACL as {@code start.sh} appends it) on
 * this machine's Mosquitto: no anonymous clients, service users by name on the services' listener and
 * nowhere else, a sensor (username = bin id)
 * may publish to its own telemetry topic only, and a truck to its own position and updates only.
 * With its persistence on, a graceful restart keeps ingest's plain subscription, and with it the
 * readings published before ingest is back; Mosquitto 2.0 does not keep a shared one
 * (docs/faults.md, deploy/mosquitto/repro/README.md).
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class ComposeBrokerIT {
    /** The devices' listener of mosquitto.conf (sensors, trucks, simulator, health check). */
    static final int DEVICES = 1883;
    /** The services' listener of mosquitto.conf (ingest, dispatch). */
    static final int SERVICES = 1885;
    static final List<String> SERVICE_USERS = List.of("clearway-ingest", "clearway-dispatch");
    private static final Map<String, String> USERS = new LinkedHashMap<>();
    private static LocalMosquitto broker;
    private static List<String> settings;
    private static String devices;
    private static String services;

    @BeforeAll
    static void startBroker(@TempDir Path directory) throws Exception {
        assumeTrue(LocalMosquitto.binary().isPresent(), "no mosquitto binary on this machine");
        USERS.put("clearway-ingest", "ingest-secret");
        USERS.put("clearway-simulator", "simulator-secret");
        USERS.put("clearway-healthcheck", "healthcheck-secret");
        USERS.put("clearway-dispatch", "dispatch-secret");
        USERS.put("truck-1", "password-of-truck-1");
        USERS.put("truck-2", "password-of-truck-2");
        USERS.put("bin-a", "password-of-a");
        USERS.put("bin-b", "password-of-b");
        writeAuthFiles(directory, USERS);
        settings = LocalMosquitto.adapt(Files.readAllLines(DeployTree.resolve("mosquitto/compose/mosquitto.conf")), directory);
        broker = LocalMosquitto.start(directory, settings);
        devices = broker.uri(DEVICES);
        services = broker.uri(SERVICES);
    }

    /**
     * The files start.sh writes into /mosquitto/auth: {@code service_password_file} with the service users,
     * {@code password_file} with every other user, {@code acl_file} (the Compose ACL, then the generated one) and
     * {@code certificate_acl_file} (the generated one alone); and the TLS files of /mosquitto/tls ({@link BrokerTls}).
     */
    static BrokerTls writeAuthFiles(Path directory, Map<String, String> users) throws Exception {
        BrokerTls tls = BrokerTls.write(directory);
        writeAuthFiles(directory, users, tls);
        return tls;
    }

    /**
     * Rewrites the password files and ACLs for {@code users} (bins: {@code bin-*}, trucks: {@code truck-*}), as a new
     * run of DeviceCredentials and start.sh would; the TLS files stay.
     */
    static void writeAuthFiles(Path directory, Map<String, String> users, BrokerTls tls) throws Exception {
        Map<String, String> serviceEntries = new LinkedHashMap<>();
        Map<String, String> entries = new LinkedHashMap<>();
        users.forEach((user, password) -> (SERVICE_USERS.contains(user) ? serviceEntries : entries)
                .put(user, MosquittoPassword.hash(password, MosquittoPassword.DEFAULT_ITERATIONS)));
        Files.write(directory.resolve("service_password_file"), PasswordFile.render(serviceEntries));
        Files.write(directory.resolve("password_file"), PasswordFile.render(entries));
        List<String> generated = new ArrayList<>(ServiceAcl.all(ServiceAcl.Users.DEFAULTS, ""));
        generated.addAll(DeviceAcl.devices("", users.keySet().stream().filter(u -> u.startsWith("bin-")).sorted().toList()));
        generated.addAll(DeviceAcl.trucks("", users.keySet().stream().filter(u -> u.startsWith("truck-")).sorted().toList()));
        writeAcls(directory, generated);
    }

    /** {@code acl_file} and {@code certificate_acl_file} as start.sh writes them from a generated device ACL. */
    static void writeAcls(Path directory, List<String> generated) throws Exception {
        List<String> acl = new ArrayList<>(Files.readAllLines(DeployTree.resolve("mosquitto/compose/acl_file")));
        acl.add("");
        acl.addAll(generated);
        Files.write(directory.resolve("acl_file"), acl);
        Files.write(directory.resolve("certificate_acl_file"), generated);
    }

    @AfterAll
    static void stopBroker() {
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void onlyKnownUsersWithTheirPasswordConnect() {
        assertThat(MqttProbe.connectReasonCode(devices, "bin-a", "bin-a", USERS.get("bin-a"))).isZero();
        assertThat(MqttProbe.connectReasonCode(devices, "bin-a", "bin-a", "password-of-b")).isNotZero();
        assertThat(MqttProbe.connectReasonCode(devices, "bin-c", "bin-c", "password-of-a")).isNotZero();
        assertThat(MqttProbe.connectReasonCode(devices, "anonymous", null, null)).isNotZero();
        assertThat(MqttProbe.connectReasonCode(services, "anonymous", null, null)).isNotZero();
    }

    @Test
    void servicesConnectOnTheirListenerOnlyAndDevicesOnTheirsOnly() {
        assertThat(MqttProbe.connectReasonCode(services, "clearway-ingest-1", "clearway-ingest", USERS.get("clearway-ingest"))).isZero();
        assertThat(MqttProbe.connectReasonCode(services, "clearway-dispatch-out", "clearway-dispatch",
                USERS.get("clearway-dispatch"))).isZero();
        assertThat(MqttProbe.connectReasonCode(services, "bin-a", "bin-a", USERS.get("bin-a"))).as("not authorized").isEqualTo(0x87);
        assertThat(MqttProbe.connectReasonCode(services, "truck-1", "truck-1", USERS.get("truck-1"))).isEqualTo(0x87);
        assertThat(MqttProbe.connectReasonCode(services, "clearway-simulator", "clearway-simulator",
                USERS.get("clearway-simulator"))).isEqualTo(0x87);
        assertThat(MqttProbe.connectReasonCode(devices, "clearway-ingest-1", "clearway-ingest", USERS.get("clearway-ingest")))
                .isEqualTo(0x87);
    }

    @Test
    void aSensorPublishesItsOwnTelemetryOnlyAndIngestGetsItThroughItsSharedSubscription() throws Exception {
        try (MqttProbe ingest = MqttProbe.connect(services, "clearway-ingest-1", "clearway-ingest", USERS.get("clearway-ingest"));
             MqttProbe sensor = MqttProbe.connect(devices, "bin-a", "bin-a", USERS.get("bin-a"))) {
            assertThat(ingest.subscribe("$share/clearway-ingest/bins/#")).isEqualTo(1);
            assertThat(sensor.publish("bins/bin-b/telemetry", "{\"as\":\"another bin\"}")).isEqualTo(0x87);
            assertThat(sensor.publish("bins/bin-a/status", "{\"not\":\"telemetry\"}")).isEqualTo(0x87);
            assertThat(sensor.publish("bins/bin-a/telemetry", "{\"fill\":1}")).isZero();
            // Published in order by one client: had a denied message got through, it would come first.
            assertThat(ingest.next(5, TimeUnit.SECONDS)).isEqualTo(new MqttProbe.Received("bins/bin-a/telemetry", "{\"fill\":1}"));
            assertThat(ingest.next(300, TimeUnit.MILLISECONDS)).isNull();
            // Mosquitto 2.0 grants any subscription and applies the read ACL to each message it would deliver.
            sensor.subscribe("bins/#");
            sensor.subscribe("#");
            assertThat(sensor.publish("bins/bin-a/telemetry", "{\"fill\":2}")).isZero();
            assertThat(ingest.next(5, TimeUnit.SECONDS)).isEqualTo(new MqttProbe.Received("bins/bin-a/telemetry", "{\"fill\":2}"));
            assertThat(sensor.next(300, TimeUnit.MILLISECONDS)).as("a sensor reads nothing").isNull();
        }
    }

    @Test
    void theSimulatorPublishesForEveryBinAndTheHealthCheckReadsTheUptime() throws Exception {
        try (MqttProbe ingest = MqttProbe.connect(services, "clearway-ingest-2", "clearway-ingest", USERS.get("clearway-ingest"));
             MqttProbe simulator = MqttProbe.connect(devices, "clearway-simulator", "clearway-simulator", USERS.get("clearway-simulator"));
             MqttProbe health = MqttProbe.connect(devices, "health", "clearway-healthcheck", USERS.get("clearway-healthcheck"))) {
            assertThat(ingest.subscribe("bins/+/telemetry")).isEqualTo(1);
            simulator.subscribe("bins/#");
            assertThat(simulator.publish("bins/sim-00042/telemetry", "{\"fill\":42}")).isZero();
            assertThat(ingest.next(5, TimeUnit.SECONDS)).isEqualTo(new MqttProbe.Received("bins/sim-00042/telemetry", "{\"fill\":42}"));
            assertThat(simulator.next(300, TimeUnit.MILLISECONDS)).as("the simulator reads nothing").isNull();
            assertThat(health.subscribe("$SYS/broker/uptime")).isEqualTo(1);
            assertThat(health.next(15, TimeUnit.SECONDS)).isNotNull();
        }
    }

    @Test
    void trucksAndDispatchKeepToTheirTopics() throws Exception {
        try (MqttProbe dispatch = MqttProbe.connect(services, "clearway-dispatch", "clearway-dispatch", USERS.get("clearway-dispatch"));
             MqttProbe truck = MqttProbe.connect(devices, "truck-1", "truck-1", USERS.get("truck-1"));
             MqttProbe sensor = MqttProbe.connect(devices, "bin-b", "bin-b", USERS.get("bin-b"))) {
            assertThat(dispatch.subscribe("trucks/+/updates")).isEqualTo(1);
            assertThat(dispatch.subscribe("bins/+/telemetry")).isEqualTo(1);
            assertThat(truck.publish("trucks/truck-2/updates", "{\"as\":\"truck-2\"}")).isEqualTo(0x87);
            assertThat(sensor.publish("trucks/bin-b/updates", "{\"as\":\"a truck\"}")).isEqualTo(0x87);
            assertThat(sensor.publish("trucks/truck-1/updates", "{\"as\":\"truck-1\"}")).isEqualTo(0x87);
            assertThat(truck.publish("trucks/truck-1/updates", "{\"n\":1}")).isZero();
            assertThat(dispatch.next(5, TimeUnit.SECONDS)).isEqualTo(new MqttProbe.Received("trucks/truck-1/updates", "{\"n\":1}"));
            assertThat(sensor.publish("bins/bin-b/telemetry", "{\"fill\":3}")).isZero();
            assertThat(dispatch.next(5, TimeUnit.SECONDS)).isEqualTo(new MqttProbe.Received("bins/bin-b/telemetry", "{\"fill\":3}"));
            assertThat(dispatch.next(300, TimeUnit.MILLISECONDS)).isNull();
            truck.subscribe("trucks/+/replies");
            assertThat(dispatch.publish("trucks/truck-2/replies", "{\"to\":2}")).isIn(0, 0x10);
            assertThat(dispatch.publish("trucks/truck-1/replies", "{\"to\":1}")).isZero();
            assertThat(truck.next(5, TimeUnit.SECONDS)).isEqualTo(new MqttProbe.Received("trucks/truck-1/replies", "{\"to\":1}"));
            assertThat(truck.next(300, TimeUnit.MILLISECONDS)).as("nothing of truck-2's").isNull();
        }
    }

    /** What the broker does with a sensor's reading published after a graceful restart and before ingest is back. */
    private record AfterRestart(int pubackReasonCode, MqttProbe.Received delivered) {
    }

    private static AfterRestart restartBeforeIngestIsBack(Path directory, String filter) throws Exception {
        String ingestPassword = USERS.get("clearway-ingest");
        LocalMosquitto persistent = LocalMosquitto.start(directory, LocalMosquitto.persistent(settings, directory));
        try {
            try (MqttProbe ingest = MqttProbe.connectPersistent(persistent.uri(SERVICES), "clearway-ingest-r", "clearway-ingest",
                    ingestPassword)) {
                assertThat(ingest.subscribe(filter)).isEqualTo(1);
                persistent = persistent.restart(); // ingest is connected at the stop, as in a real restart
            }
            int reasonCode;
            try (MqttProbe sensor = MqttProbe.connect(persistent.uri(DEVICES), "bin-a", "bin-a", USERS.get("bin-a"))) {
                reasonCode = sensor.publish("bins/bin-a/telemetry", "{\"fill\":7}");
            }
            // Ingest comes back with its session and does not subscribe again.
            try (MqttProbe ingest = MqttProbe.connectPersistent(persistent.uri(SERVICES), "clearway-ingest-r", "clearway-ingest",
                    ingestPassword)) {
                return new AfterRestart(reasonCode, ingest.next(3, TimeUnit.SECONDS));
            }
        } finally {
            persistent.close();
        }
    }

    @Test
    void aGracefulRestartKeepsIngestsPlainSubscriptionAndQueuesWhatASensorPublishesBeforeIngestIsBack(@TempDir Path directory)
            throws Exception {
        AfterRestart after = restartBeforeIngestIsBack(directory, "bins/#");
        assertThat(after.pubackReasonCode()).isZero();
        assertThat(after.delivered()).isEqualTo(new MqttProbe.Received("bins/bin-a/telemetry", "{\"fill\":7}"));
    }

    /**
     * Pins Mosquitto 2.0's behaviour that the Compose ingest's plain subscription works around: it saves no
     * shared subscription in its persistence file. If this fails, the broker keeps them now: revise
     * docs/faults.md (fault 3) and deploy/mosquitto/repro/README.md.
     */
    @Test
    void mosquittoForgetsASharedSubscriptionOnRestartAndAnswersNoMatchingSubscribers(@TempDir Path directory)
            throws Exception {
        AfterRestart after = restartBeforeIngestIsBack(directory, "$share/clearway-ingest/bins/#");
        assertThat(after.pubackReasonCode()).as("PUBACK 0x10, no matching subscribers").isEqualTo(0x10);
        assertThat(after.delivered()).isNull();
    }
}
