package org.clearway.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.clearway.testsupport.TestCa;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 17, item 3: a device's credentials are rotated and revoked without restarting the broker. On this machine's
 * Mosquitto with the Compose configuration: the password and ACL files are rewritten (as start.sh and
 * {@code DeviceCredentials} write them) and the broker gets SIGHUP ({@code docker compose kill -s HUP mosquitto}); a
 * device whose password was revoked is thrown off at once and refused at its next connect, a rotated password
 * replaces the old one; a revoked certificate (on the devices' CA's CRL) is refused at its next connect, and a
 * device taken out of the registry loses its topics on the open connection too.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class BrokerRevocationIT {
    private final Map<String, String> users = new LinkedHashMap<>(Map.of("clearway-ingest", "ingest-secret",
            "clearway-dispatch", "dispatch-secret", "bin-a", "password-of-a", "bin-b", "password-of-b"));
    private Path directory;
    private BrokerTls tls;
    private LocalMosquitto broker;

    @BeforeEach
    void startBroker(@TempDir Path directory) throws Exception {
        assumeTrue(LocalMosquitto.binary().isPresent(), "no mosquitto binary on this machine");
        this.directory = directory;
        tls = ComposeBrokerIT.writeAuthFiles(directory, users);
        broker = LocalMosquitto.start(directory, LocalMosquitto.adapt(
                Files.readAllLines(DeployTree.resolve("mosquitto/compose/mosquitto.conf")), directory));
    }

    @AfterEach
    void stopBroker() {
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void aRevokedPasswordIsThrownOffAtOnceAndRefusedAtItsNextConnect() throws Exception {
        String mqtts = broker.uri("ssl", BrokerTlsIT.MQTTS);
        try (MqttProbe binA = MqttProbe.connectTls(mqtts, tls.client(null), "bin-a", "bin-a", users.get("bin-a"));
             MqttProbe binB = MqttProbe.connectTls(mqtts, tls.client(null), "bin-b", "bin-b", users.get("bin-b"))) {
            users.remove("bin-b");
            ComposeBrokerIT.writeAuthFiles(directory, users, tls);
            broker.reload();
            assertThat(await(() -> !binB.isConnected())).as("bin-b's session is closed").isTrue();
            assertThat(binA.isConnected()).isTrue();
            assertThat(binA.publish("bins/bin-a/telemetry", "{\"fill\":1}")).as("accepted, no subscriber").isIn(0, 0x10);
        }
        assertThat(MqttProbe.connectTlsReasonCode(mqtts, tls.client(null), "bin-b", "bin-b", "password-of-b"))
                .as("not authorized").isEqualTo(0x87);
    }

    @Test
    void aRotatedPasswordReplacesTheOldOneWithoutARestart() throws Exception {
        String mqtts = broker.uri("ssl", BrokerTlsIT.MQTTS);
        // (Also makes sure Mosquitto is past its start: a SIGHUP before it sets up its signal handlers ends it.)
        assertThat(MqttProbe.connectTlsReasonCode(mqtts, tls.client(null), "bin-a", "bin-a", "password-of-a")).isZero();
        users.put("bin-a", "new-password-of-a");
        ComposeBrokerIT.writeAuthFiles(directory, users, tls);
        broker.reload();
        assertThat(awaitCode(() -> MqttProbe.connectTlsReasonCode(mqtts, tls.client(null), "bin-a", "bin-a", "password-of-a"), 0x87))
                .as("the old password: not authorized").isEqualTo(0x87);
        assertThat(MqttProbe.connectTlsReasonCode(mqtts, tls.client(null), "bin-a", "bin-a", "new-password-of-a")).isZero();
    }

    @Test
    void aRevokedCertificateIsRefusedAtItsNextConnectAndANewOneWorks() throws Exception {
        String uri = broker.uri("ssl", BrokerTlsIT.MQTTS_CERTIFICATE);
        TestCa.Issued lost = tls.device("bin-a");
        assertThat(MqttProbe.connectTlsReasonCode(uri, tls.client(lost), "bin-a", null, null)).isZero();
        tls.revoke(lost);
        broker.reload();
        assertThat(awaitCode(() -> MqttProbe.connectTlsReasonCode(uri, tls.client(lost), "bin-a", null, null),
                MqttProbe.CLIENT_FAILURE)).as("the handshake fails: the certificate is on the CRL").isEqualTo(MqttProbe.CLIENT_FAILURE);
        TestCa.Issued replacement = tls.device("bin-a");
        try (MqttProbe binA = MqttProbe.connectTls(uri, tls.client(replacement), "bin-a", null, null)) {
            assertThat(binA.publish("bins/bin-a/telemetry", "{\"fill\":2}")).as("accepted, no subscriber").isIn(0, 0x10);
        }
    }

    @Test
    void aDeviceTakenOutOfTheRegistryLosesItsTopicsOnItsOpenCertificateConnection() throws Exception {
        String uri = broker.uri("ssl", BrokerTlsIT.MQTTS_CERTIFICATE);
        TestCa.Issued certificate = tls.device("bin-b");
        try (MqttProbe binB = MqttProbe.connectTls(uri, tls.client(certificate), "bin-b", null, null)) {
            assertThat(binB.publish("bins/bin-b/telemetry", "{\"fill\":3}")).as("accepted, no subscriber").isIn(0, 0x10);
            users.remove("bin-b");
            ComposeBrokerIT.writeAuthFiles(directory, users, tls);
            tls.revoke(certificate);
            broker.reload();
            assertThat(awaitCode(() -> publishOrFailure(binB), 0x87)).as("not authorized").isEqualTo(0x87);
        }
        assertThat(MqttProbe.connectTlsReasonCode(uri, tls.client(certificate), "bin-b", null, null)).isNotZero();
    }

    private static int publishOrFailure(MqttProbe probe) {
        try {
            return probe.publish("bins/bin-b/telemetry", "{\"fill\":4}");
        } catch (Exception e) {
            return MqttProbe.CLIENT_FAILURE;
        }
    }

    /** Mosquitto handles SIGHUP in its main loop: wait up to 5 s for what the reload brings. */
    private static boolean await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(50);
        }
        return true;
    }

    private static int awaitCode(java.util.function.IntSupplier code, int expected) throws InterruptedException {
        int last = code.getAsInt();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (last != expected && System.nanoTime() < deadline) {
            Thread.sleep(100);
            last = code.getAsInt();
        }
        return last;
    }
}
