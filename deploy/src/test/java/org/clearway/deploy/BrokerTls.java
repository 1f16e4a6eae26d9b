package org.clearway.deploy;

import java.math.BigInteger;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLSocketFactory;
import org.clearway.testsupport.TestCa;

/**
 * The files a Mosquitto configuration of this project reads from {@code /mosquitto/tls} (and {@link LocalMosquitto#adapt}
 * finds by name in a test's directory), made in the test (issue 17): {@code server.crt} and {@code server.key} for
 * 127.0.0.1, signed by {@link #serverCa()}; {@code ca.crt}, that CA's certificate; {@code device-ca.crt}, the
 * devices' CA; {@code crl.pem}, the devices' CA's revocation list (empty until {@link #revoke}).
 */
final class BrokerTls {
    private final TestCa serverCa;
    private final TestCa deviceCa;
    private final Path directory;
    private final List<BigInteger> revoked = new ArrayList<>();

    private BrokerTls(TestCa serverCa, TestCa deviceCa, Path directory) {
        this.serverCa = serverCa;
        this.deviceCa = deviceCa;
        this.directory = directory;
    }

    /** Makes two CAs and writes the broker's TLS files into {@code directory}. */
    static BrokerTls write(Path directory) {
        BrokerTls tls = new BrokerTls(TestCa.create("Clearway test broker CA"), TestCa.create("Clearway test device CA"), directory);
        tls.serverCa.server("mosquitto", "mqtt.clearway.svc").write(directory.resolve("server.crt"), directory.resolve("server.key"));
        tls.serverCa.writeCertificate(directory.resolve("ca.crt"));
        tls.deviceCa.writeCertificate(directory.resolve("device-ca.crt"));
        tls.deviceCa.writeCrl(directory.resolve("crl.pem"), List.of());
        return tls;
    }

    TestCa serverCa() {
        return serverCa;
    }

    TestCa deviceCa() {
        return deviceCa;
    }

    /** A device's certificate from the devices' CA, common name = {@code deviceId}. */
    TestCa.Issued device(String deviceId) {
        return deviceCa.client(deviceId);
    }

    /** A client that trusts the broker's CA and presents {@code identity} (or no certificate when null). */
    SSLSocketFactory client(TestCa.Issued identity) {
        return serverCa.clientSocketFactory(identity);
    }

    /** Rewrites {@code crl.pem} with one more revoked certificate. */
    void revoke(TestCa.Issued certificate) {
        revoked.add(certificate.serial());
        deviceCa.writeCrl(directory.resolve("crl.pem"), revoked);
    }
}
