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
import java.util.function.IntSupplier;
import org.clearway.core.credentials.MosquittoPassword;
import org.clearway.testsupport.TestCa;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Issue 17: a device's credentials issued, rotated and revoked in the registry (the V18 tables the API writes) reach
 * this machine's Mosquitto, with the Compose configuration, through {@code DeviceCredentials}: it writes the password
 * file, the ACL and the CRL, runs the reload command (start.sh's refresh and a SIGHUP) and then closes the open
 * session of every device that lost its access, which Mosquitto's reload alone does not do for a certificate.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class RegistryRevocationIT {
    private RegistryBroker registry;
    private BrokerTls tls;
    private LocalMosquitto broker;

    @BeforeEach
    void start(@TempDir Path directory) throws Exception {
        assumeTrue(LocalMosquitto.binary().isPresent(), "no mosquitto binary on this machine");
        registry = RegistryBroker.start(directory, "registry_revocation", "('bin-a', 'd1', 'residual', 240, 1000, 31.2, 121.4),"
                + " ('bin-b', 'd1', 'residual', 240, 1000, 31.3, 121.5)");
        tls = registry.tls();
        broker = registry.broker();
    }

    @AfterEach
    void stop() {
        if (registry != null) {
            registry.close();
        }
    }

    @Test
    void aPasswordIssuedRotatedAndRevokedInTheRegistryIsWhatTheBrokerTakes() throws Exception {
        String mqtts = broker.uri("ssl", BrokerTlsIT.MQTTS);
        setPassword("bin-a", "first-password");
        generate();
        assertThat(MqttProbe.connectTlsReasonCode(mqtts, tls.client(null), "bin-a", "bin-a", "first-password")).isZero();

        setPassword("bin-a", "second-password");
        generate();
        assertThat(awaitCode(() -> MqttProbe.connectTlsReasonCode(mqtts, tls.client(null), "bin-a", "bin-a",
                "first-password"), 0x87)).as("the rotated-out password: not authorized").isEqualTo(0x87);
        try (MqttProbe binA = MqttProbe.connectTls(mqtts, tls.client(null), "bin-a", "bin-a", "second-password")) {
            assertThat(binA.publish("bins/bin-a/telemetry", "{\"fill\":1}")).as("accepted, no subscriber").isIn(0, 0x10);
            sql("UPDATE device_credentials SET password_hash = NULL, revoked_at = now(), updated_at = now() WHERE bin_id = 'bin-a'");
            generate();
            assertThat(await(() -> !binA.isConnected())).as("the revoked device's session is closed").isTrue();
        }
        assertThat(MqttProbe.connectTlsReasonCode(mqtts, tls.client(null), "bin-a", "bin-a", "second-password"))
                .as("not authorized").isEqualTo(0x87);
    }

    @Test
    void aRevokedCertificateIsRefusedAtItsNextConnectAndItsOpenSessionIsClosed() throws Exception {
        String uri = broker.uri("ssl", BrokerTlsIT.MQTTS_CERTIFICATE);
        TestCa.Issued certificate = tls.device("bin-b");
        sql("INSERT INTO device_credentials (bin_id, updated_at) VALUES ('bin-b', now())");
        sql("INSERT INTO device_certificates (serial, bin_id, certificate_pem, issued_at, not_after)"
                + " VALUES (?, 'bin-b', 'pem', now(), now() + interval '1 day')", certificate.serial().toString(16));
        generate();
        try (MqttProbe binB = MqttProbe.connectTls(uri, tls.client(certificate), "bin-b", null, null)) {
            assertThat(binB.publish("bins/bin-b/telemetry", "{\"fill\":2}")).as("accepted, no subscriber").isIn(0, 0x10);
            Instant now = Instant.now();
            sql("UPDATE device_certificates SET revoked_at = ? WHERE bin_id = 'bin-b'", now);
            sql("UPDATE device_credentials SET revoked_at = ?, updated_at = ? WHERE bin_id = 'bin-b'", now, now);
            Path crl = tls.deviceCa().writeCrl(registry.directory().resolve("registry-crl.pem"), List.of(certificate.serial()));
            sql("INSERT INTO device_crl (id, number, crl_pem, updated_at) VALUES (true, 1, ?, now())", Files.readString(crl));
            generate();
            assertThat(await(() -> !binB.isConnected())).as("the revoked certificate's session is closed").isTrue();
        }
        assertThat(MqttProbe.connectTlsReasonCode(uri, tls.client(certificate), "bin-b", null, null))
                .as("the handshake fails: the certificate is on the CRL").isEqualTo(MqttProbe.CLIENT_FAILURE);
    }

    @Test
    void aTrucksPasswordFromTheRegistryIsWhatTheBrokerTakesUntilItIsRevoked() throws Exception {
        sql("INSERT INTO facilities (id, kind, name, lat, lon, accepted_streams) VALUES ('depot-r', 'depot', 'Depot', 31.2, 121.4, '{}')");
        sql("INSERT INTO trucks (id, depot_id, streams, capacity_volume_l, capacity_weight_kg, shift_start, shift_end)"
                + " VALUES ('truck-r', 'depot-r', '{residual}', 20000, 8000, '06:00', '14:00')");
        String mqtts = broker.uri("ssl", BrokerTlsIT.MQTTS);
        generate();
        sql("INSERT INTO truck_credentials (truck_id, password_hash, password_issued_at, updated_at) VALUES"
                + " ('truck-r', ?, now(), now())", MosquittoPassword.hash("truck-own-password", 101));
        generate();
        try (MqttProbe truck = MqttProbe.connectTls(mqtts, tls.client(null), "truck-r", "truck-r", "truck-own-password")) {
            assertThat(truck.publish("trucks/truck-r/position", "{\"lat\":1}")).as("accepted, no subscriber").isIn(0, 0x10);
            sql("UPDATE truck_credentials SET password_hash = NULL, revoked_at = now(), updated_at = now() WHERE truck_id = 'truck-r'");
            generate();
            assertThat(await(() -> !truck.isConnected())).as("the revoked truck's session is closed").isTrue();
        }
        assertThat(MqttProbe.connectTlsReasonCode(mqtts, tls.client(null), "truck-r", "truck-r", "truck-own-password"))
                .as("not authorized").isEqualTo(0x87);
    }

    /** One run of DeviceCredentials ({@link RegistryBroker#devicesCommand}). */
    private void generate() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        StringWriter picocliErr = new StringWriter();
        CommandLine cl = DeviceCredentials.commandLine(new DeviceCredentials(new PrintStream(bytes, true, StandardCharsets.UTF_8)));
        cl.setErr(new PrintWriter(picocliErr, true));
        int code = cl.execute(registry.devicesCommand(null).toArray(String[]::new));
        assertThat(code).as(bytes.toString(StandardCharsets.UTF_8) + picocliErr).isZero();
    }

    private void setPassword(String bin, String password) throws SQLException {
        sql("INSERT INTO device_credentials (bin_id, password_hash, password_issued_at, updated_at) VALUES (?, ?, now(), now())"
                + " ON CONFLICT (bin_id) DO UPDATE SET password_hash = EXCLUDED.password_hash, updated_at = now()",
                bin, MosquittoPassword.hash(password, 101));
    }

    private void sql(String statement, Object... args) throws SQLException {
        registry.sql(statement, args);
    }

    private static boolean await(BooleanSupplier condition) throws InterruptedException {
        return RegistryBroker.await(condition, Duration.ofSeconds(5));
    }

    private static int awaitCode(IntSupplier code, int expected) throws InterruptedException {
        int last = code.getAsInt();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (last != expected && System.nanoTime() < deadline) {
            Thread.sleep(100);
            last = code.getAsInt();
        }
        return last;
    }
}
