package org.clearway.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.clearway.testsupport.TestCa;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Compose broker's own entry point, {@code mosquitto/compose/start.sh}, run for real with this machine's Mosquitto
 * and the Compose {@code mosquitto.conf} (its paths under a temporary root, its ports free ones): when the credentials
 * sidecar writes new files into {@code /mosquitto/devices} (here by hand, atomically, as {@code DeviceCredentials}
 * does), start.sh notices within its check interval, refreshes the broker's files (the sidecar's CRL in place of
 * tls.sh's), sends Mosquitto SIGHUP and closes the session of a device that lost its access: a certificate revoked
 * in the sidecar's CRL is thrown off and refused at its next connect, with no signal from outside and no restart.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class BrokerStartScriptIT {
    private static final String SERVICES = "1885";
    private static final String CERTIFICATES = "8884";
    private Process script;
    private Path root;

    @AfterEach
    void stop() throws InterruptedException {
        if (script != null) {
            List<ProcessHandle> children = script.descendants().toList();
            script.destroy(); // SIGTERM: start.sh passes it to Mosquitto
            if (!script.waitFor(10, TimeUnit.SECONDS)) {
                script.destroyForcibly();
            }
            children.forEach(ProcessHandle::destroyForcibly);
        }
    }

    @Test
    void aCrlTheSidecarWritesReloadsTheBrokerAndClosesTheRevokedDevicesSession(@TempDir Path root) throws Exception {
        assumeTrue(LocalMosquitto.binary().isPresent(), "no mosquitto binary on this machine");
        assumeTrue("root".equals(System.getProperty("user.name")) && Files.readString(Path.of("/etc/passwd")).contains("\nmosquitto:"),
                "start.sh runs as root and gives the files to the user mosquitto, as in the image");
        this.root = root;
        Files.setPosixFilePermissions(root, PosixFilePermissions.fromString("rwxr-xr-x"));
        for (String dir : List.of("config", "tls-source", "devices")) {
            Files.createDirectories(root.resolve(dir));
        }
        Files.copy(DeployTree.resolve("mosquitto/compose/acl_file"), root.resolve("config/acl_file"));
        BrokerTls tls = BrokerTls.write(root.resolve("tls-source"));
        Map<String, Integer> ports = new HashMap<>();
        Files.write(root.resolve("config/mosquitto.conf"), adapt(
                Files.readAllLines(DeployTree.resolve("mosquitto/compose/mosquitto.conf")), root, ports));
        TestCa.Issued certificate = tls.device("bin-a");
        writeAtomically("acl_file", List.of("user bin-a", "topic write bins/bin-a/telemetry"));
        tls.deviceCa().writeCrl(root.resolve("devices/crl.tmp"), List.of());
        Files.move(root.resolve("devices/crl.tmp"), root.resolve("devices/crl.pem"), StandardCopyOption.ATOMIC_MOVE);

        ProcessBuilder builder = new ProcessBuilder("sh", DeployTree.resolve("mosquitto/compose/start.sh").toString())
                .redirectErrorStream(true).redirectOutput(root.resolve("start.log").toFile());
        builder.environment().putAll(Map.of("CLEARWAY_BROKER_ROOT", root.toString(),
                "CLEARWAY_BROKER_COMMAND", LocalMosquitto.binary().orElseThrow() + " -c " + root.resolve("config/mosquitto.conf"),
                "CLEARWAY_MQTT_RELOAD_CHECK_SECONDS", "1", "CLEARWAY_MQTT_INGEST_PASSWORD", "ingest-secret",
                "CLEARWAY_MQTT_DISPATCH_PASSWORD", "dispatch-secret", "CLEARWAY_MQTT_SIMULATOR_PASSWORD", "simulator-secret",
                "CLEARWAY_MQTT_HEALTHCHECK_PASSWORD", "health-secret"));
        builder.environment().put("CLEARWAY_BROKER_SERVICES_PORT", Integer.toString(ports.get(SERVICES)));
        script = builder.start();
        String services = "tcp://127.0.0.1:" + ports.get(SERVICES);
        assertThat(await(() -> MqttProbe.connectReasonCode(services, "clearway-ingest-1", "clearway-ingest",
                "ingest-secret") == 0)).as("the broker is up: " + log()).isTrue();

        String uri = "ssl://127.0.0.1:" + ports.get(CERTIFICATES);
        try (MqttProbe binA = MqttProbe.connectTls(uri, tls.client(certificate), "bin-a", null, null)) {
            assertThat(binA.publish("bins/bin-a/telemetry", "{\"fill\":1}")).as("accepted, no subscriber").isIn(0, 0x10);
            // The sidecar's next round: the device revoked in the registry, the CRL the API signed.
            writeAtomically("acl_file", List.of("# no device"));
            tls.deviceCa().writeCrl(root.resolve("devices/crl.tmp"), List.of(certificate.serial()));
            Files.move(root.resolve("devices/crl.tmp"), root.resolve("devices/crl.pem"), StandardCopyOption.ATOMIC_MOVE,
                    StandardCopyOption.REPLACE_EXISTING);
            assertThat(await(() -> !binA.isConnected())).as("start.sh closed the revoked device's session: " + log()).isTrue();
        }
        assertThat(await(() -> MqttProbe.connectTlsReasonCode(uri, tls.client(certificate), "bin-a", null, null)
                == MqttProbe.CLIENT_FAILURE)).as("the handshake fails on the sidecar's CRL").isTrue();
        assertThat(log()).contains("start.sh: the credentials sidecar wrote new files: reloading",
                "start.sh: closed the session of bin-a, which lost its access");
        assertThat(script.isAlive()).as("no restart").isTrue();
    }

    /** The Compose configuration with its paths under {@code root}, free ports, no persistence, run as root. */
    private static List<String> adapt(List<String> lines, Path root, Map<String, Integer> ports) throws IOException {
        List<String> config = new ArrayList<>(List.of("user root", "persistence false"));
        for (String line : lines) {
            String[] words = line.strip().split("\\s+");
            if (words[0].equals("listener")) {
                int port = freePort();
                ports.put(words[1], port);
                config.add("listener " + port + " 127.0.0.1");
            } else if (!words[0].startsWith("persistence") && !words[0].equals("autosave_interval")) {
                config.add(line.replace("/mosquitto/", root + "/"));
            }
        }
        return config;
    }

    private void writeAtomically(String name, List<String> lines) throws IOException {
        Path temporary = root.resolve("devices/." + name + ".tmp");
        Files.write(temporary, lines);
        Files.move(temporary, root.resolve("devices/" + name), StandardCopyOption.ATOMIC_MOVE,
                StandardCopyOption.REPLACE_EXISTING);
    }

    private String log() {
        try {
            return Files.readString(root.resolve("start.log"));
        } catch (IOException e) {
            return e.toString();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static boolean await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(200);
        }
        return true;
    }
}
