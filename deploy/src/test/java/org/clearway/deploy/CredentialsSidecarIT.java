package org.clearway.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.clearway.testsupport.TestCa;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Issue 17: the broker follows the registry with no operator step. {@code DeviceCredentials --every} (the broker's
 * sidecar in Compose and Kubernetes) reads the registry again and again; when a file changes (a revoked certificate
 * and the CRL the API signed, or only a renewed CRL) it writes it atomically, runs the reload command (start.sh's
 * refresh and a SIGHUP to this machine's Mosquitto 2.0, with the Compose configuration) and closes the sessions of
 * the devices that lost their access; when nothing changed it leaves the broker alone.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class CredentialsSidecarIT {
    private Path directory;
    private RegistryBroker registry;
    private BrokerTls tls;
    private LocalMosquitto broker;
    private Thread sidecar;
    private final ByteArrayOutputStream log = new ByteArrayOutputStream();

    @BeforeEach
    void start(@TempDir Path directory) throws Exception {
        assumeTrue(LocalMosquitto.binary().isPresent(), "no mosquitto binary on this machine");
        this.directory = directory;
        registry = RegistryBroker.start(directory, "credentials_sidecar", "('bin-b', 'd1', 'residual', 240, 1000, 31.3, 121.5)");
        tls = registry.tls();
        broker = registry.broker();
    }

    @AfterEach
    void stop() throws InterruptedException {
        if (sidecar != null) {
            sidecar.interrupt();
            sidecar.join(10_000);
        }
        if (registry != null) {
            registry.close();
        }
    }

    @Test
    void aRevocationAndARenewedCrlReachTheBrokerWithNoOperatorStepAndNothingElseReloadsIt() throws Exception {
        String uri = broker.uri("ssl", BrokerTlsIT.MQTTS_CERTIFICATE);
        TestCa.Issued certificate = tls.device("bin-b");
        sql("INSERT INTO device_credentials (bin_id, updated_at) VALUES ('bin-b', now())");
        sql("INSERT INTO device_certificates (serial, bin_id, certificate_pem, issued_at, not_after)"
                + " VALUES (?, 'bin-b', 'pem', now(), now() + interval '1 day')", certificate.serial().toString(16));
        Path firstCrl = tls.deviceCa().writeCrl(directory.resolve("registry-crl-1.pem"), List.of());
        sql("INSERT INTO device_crl (id, number, crl_pem, updated_at) VALUES (true, 1, ?, now())", Files.readString(firstCrl));
        startSidecar();
        assertThat(await(() -> reloads() == 1)).as("the first round writes the files and reloads: " + log()).isTrue();

        try (MqttProbe binB = MqttProbe.connectTls(uri, tls.client(certificate), "bin-b", null, null)) {
            assertThat(binB.publish("bins/bin-b/telemetry", "{\"fill\":2}")).as("accepted, no subscriber").isIn(0, 0x10);
            Thread.sleep(1_500);
            assertThat(reloads()).as("nothing changed in the registry: no reload").isEqualTo(1);

            Instant now = Instant.now();
            sql("UPDATE device_certificates SET revoked_at = ? WHERE bin_id = 'bin-b'", now);
            sql("UPDATE device_credentials SET revoked_at = ?, updated_at = ? WHERE bin_id = 'bin-b'", now, now);
            Path revoking = tls.deviceCa().writeCrl(directory.resolve("registry-crl-2.pem"), List.of(certificate.serial()));
            sql("UPDATE device_crl SET number = 2, crl_pem = ?, updated_at = now()", Files.readString(revoking));
            assertThat(await(() -> !binB.isConnected())).as("the revoked certificate's session is closed: " + log()).isTrue();
        }
        assertThat(reloads()).isEqualTo(2);
        assertThat(MqttProbe.connectTlsReasonCode(uri, tls.client(certificate), "bin-b", null, null))
                .as("the handshake fails: the certificate is on the CRL").isEqualTo(MqttProbe.CLIENT_FAILURE);

        // The API signs the CRL again before its next update passes (CrlRenewal): the broker gets the new one.
        Thread.sleep(1_100); // a later thisUpdate, so other bytes
        Path renewed = tls.deviceCa().writeCrl(directory.resolve("registry-crl-3.pem"), List.of(certificate.serial()));
        sql("UPDATE device_crl SET number = 3, crl_pem = ?, updated_at = now()", Files.readString(renewed));
        assertThat(await(() -> reloads() == 3)).as("a renewed CRL alone reloads the broker: " + log()).isTrue();
        assertThat(Files.readString(directory.resolve("crl.pem")).strip()).isEqualTo(Files.readString(renewed).strip());
        assertThat(MqttProbe.connectTlsReasonCode(uri, tls.client(certificate), "bin-b", null, null))
                .as("still refused under the renewed CRL").isEqualTo(MqttProbe.CLIENT_FAILURE);
        TestCa.Issued replacement = tls.device("bin-b");
        sql("UPDATE device_credentials SET revoked_at = NULL, updated_at = now() WHERE bin_id = 'bin-b'");
        sql("INSERT INTO device_certificates (serial, bin_id, certificate_pem, issued_at, not_after)"
                + " VALUES (?, 'bin-b', 'pem', now(), now() + interval '1 day')", replacement.serial().toString(16));
        assertThat(await(() -> reloads() == 4)).as("a new certificate gives the device its ACL block back").isTrue();
        try (MqttProbe binB = MqttProbe.connectTls(uri, tls.client(replacement), "bin-b", null, null)) {
            assertThat(awaitPublish(binB)).as("the new certificate may publish").isIn(0, 0x10);
        }
    }

    /**
     * The sidecar: {@code --every PT0.2S}, and as reload command what start.sh does (the broker's files from the
     * generated ones, then SIGHUP), counted in {@code reloads}.
     */
    private void startSidecar() {
        CommandLine cl = DeviceCredentials.commandLine(new DeviceCredentials(new PrintStream(log, true, StandardCharsets.UTF_8)));
        cl.setErr(new PrintWriter(new StringWriter(), true));
        List<String> args = registry.devicesCommand("echo reload >> " + directory.resolve("reloads"));
        args.addAll(List.of("--close-sessions-delay", "300", "--every", "PT0.2S"));
        sidecar = new Thread(() -> cl.execute(args.toArray(String[]::new)), "credentials-sidecar");
        sidecar.setDaemon(true);
        sidecar.start();
    }

    private long reloads() {
        try {
            Path file = directory.resolve("reloads");
            return Files.exists(file) ? Files.readAllLines(file).size() : 0;
        } catch (java.io.IOException e) {
            return -1;
        }
    }

    private String log() {
        return log.toString(StandardCharsets.UTF_8);
    }

    private static int awaitPublish(MqttProbe probe) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        int code = probe.publish("bins/bin-b/telemetry", "{\"fill\":3}");
        while (code == 0x87 && System.nanoTime() < deadline) {
            Thread.sleep(100);
            code = probe.publish("bins/bin-b/telemetry", "{\"fill\":3}");
        }
        return code;
    }

    private void sql(String statement, Object... args) throws SQLException {
        registry.sql(statement, args);
    }

    private static boolean await(BooleanSupplier condition) throws InterruptedException {
        return RegistryBroker.await(condition, Duration.ofSeconds(15));
    }
}
