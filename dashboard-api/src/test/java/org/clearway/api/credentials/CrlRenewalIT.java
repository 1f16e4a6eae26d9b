package org.clearway.api.credentials;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.clearway.core.db.Migrations;
import org.clearway.testsupport.TestCa;
import org.clearway.testsupport.TestSchema;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 17: the API keeps the device CRL in force on its own. With a CRL valid for 8 s and a check every 250 ms, the
 * CRL is signed at the start, signed again before each next update passes (sampled for longer than two validities,
 * it is never out of date), keeps the revoked certificates, and is verified by the device CA made in the test.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class CrlRenewalIT {
    private static final Duration VALIDITY = Duration.ofSeconds(8);
    private static final BigInteger REVOKED = new BigInteger("1f2e3d4c5b6a", 16);

    @TempDir
    Path dir;
    private TestSchema schema;
    private Vertx vertx;
    private CrlRenewal renewal;
    private TestCa ca;
    private CredentialCommands commands;

    @BeforeEach
    void start() throws Exception {
        schema = TestSchema.create("crl_renewal");
        Migrations.apply(schema.dataSource(), schema.name(), Duration.ofDays(400));
        sql("INSERT INTO zones (id, parent_id, level, name) VALUES ('d1', NULL, 'district', 'District 1')");
        sql("INSERT INTO bins (id, zone_id, stream, volume_l, depth_mm, lat, lon) VALUES ('b1', 'd1', 'residual', 240, 1000, 31.2, 121.4)");
        sql("INSERT INTO device_certificates (serial, bin_id, certificate_pem, issued_at, not_after, revoked_at)"
                + " VALUES (?, 'b1', 'PEM', now(), now() + interval '1 day', now())", REVOKED.toString(16));
        ca = TestCa.create("Clearway CRL renewal test CA");
        CredentialsConfig config = new CredentialsConfig(ca.writeCertificate(dir.resolve("ca.crt")),
                ca.writeKey(dir.resolve("ca.key")), Duration.ofDays(1), VALIDITY, 101, Duration.ofMillis(250));
        commands = new CredentialCommands(schema.dataSource(), Clock.systemUTC(), config, config.loadCa());
        vertx = Vertx.vertx();
    }

    @AfterEach
    void stop() {
        if (renewal != null) {
            renewal.close();
        }
        if (vertx != null) {
            vertx.close().await();
        }
        if (schema != null) {
            schema.close();
        }
    }

    @Test
    void theCrlIsSignedAtTheStartAndAgainBeforeEachNextUpdatePasses() throws Exception {
        assertThat(crl()).as("no CRL before the API starts").isNull();
        renewal = CrlRenewal.start(vertx, commands, Duration.ofMillis(250));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (crl() == null) {
            assertThat(System.nanoTime()).as("a first CRL within 30 s").isLessThan(deadline);
            Thread.sleep(100);
        }
        List<Long> numbers = new ArrayList<>();
        Instant end = Instant.now().plus(VALIDITY.multipliedBy(2)).plusSeconds(1);
        while (Instant.now().isBefore(end)) {
            Instant sampled = Instant.now();
            X509CRL crl = crl();
            crl.verify(ca.certificate().getPublicKey());
            assertThat(crl.getNextUpdate().toInstant()).as("never out of date (sampled at %s)", sampled).isAfter(sampled);
            assertThat(crl.getRevokedCertificate(REVOKED)).as("the revoked certificate stays on it").isNotNull();
            long number = number();
            if (numbers.isEmpty() || numbers.getLast() != number) {
                numbers.add(number);
            }
            Thread.sleep(200);
        }
        assertThat(numbers).as("signed again several times, each with a higher number").hasSizeGreaterThanOrEqualTo(3)
                .isSorted();
    }

    @Test
    void aCheckBeforeHalfTheValidityHasPassedSignsNothing() throws Exception {
        assertThat(commands.renewCrlIfDue()).as("none yet: signed").isPresent();
        assertThat(commands.renewCrlIfDue()).as("fresh: not due").isEmpty();
        assertThat(number()).isEqualTo(1);
        Thread.sleep(VALIDITY.dividedBy(2).plusMillis(200).toMillis());
        assertThat(commands.renewCrlIfDue()).as("less than half left: signed again").isPresent();
        assertThat(number()).isEqualTo(2);
        CredentialCommands withoutCa = new CredentialCommands(schema.dataSource(), Clock.systemUTC(),
                CredentialsConfig.passwordsOnly(), null);
        assertThat(withoutCa.renewCrlIfDue()).as("no device CA, no CRL to keep").isEmpty();
    }

    private X509CRL crl() throws Exception {
        try (Connection c = schema.dataSource().getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT crl_pem FROM device_crl");
             ResultSet rs = ps.executeQuery()) {
            if (!rs.next() || rs.getString(1).isBlank()) {
                return null;
            }
            return (X509CRL) CertificateFactory.getInstance("X.509")
                    .generateCRL(new ByteArrayInputStream(rs.getString(1).getBytes(StandardCharsets.US_ASCII)));
        }
    }

    private long number() throws SQLException {
        try (Connection c = schema.dataSource().getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT number FROM device_crl");
             ResultSet rs = ps.executeQuery()) {
            assertThat(rs.next()).isTrue();
            return rs.getLong(1);
        }
    }

    private void sql(String statement, Object... args) throws SQLException {
        try (Connection c = schema.dataSource().getConnection(); PreparedStatement ps = c.prepareStatement(statement)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            ps.execute();
        }
    }
}
