package org.clearway.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.clearway.core.credentials.MosquittoPassword;
import org.clearway.testsupport.TestCa;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A bin sensor's broker credentials through the API (issue 17): passwords issued once and kept hashed, rotated,
 * revoked; certificates signed by the device CA (a CA made in the test) and revoked onto the CRL; the CSV import;
 * admins only, within their zone, every change recorded with its token.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class CredentialsIT {
    @TempDir
    static Path dir;
    static TestCa ca;
    static ApiHarness api;

    @BeforeAll
    static void start() throws Exception {
        ca = TestCa.create("clearway-test-device-ca");
        Path cert = ca.writeCertificate(dir.resolve("device-ca.crt"));
        Path key = ca.writeKey(dir.resolve("device-ca.key"));
        api = new ApiHarness("api_credentials", Clock.systemUTC(),
                Map.of("CLEARWAY_DEVICE_CA_CERT", cert.toString(), "CLEARWAY_DEVICE_CA_KEY", key.toString()));
    }

    @AfterAll
    static void stop() {
        api.close();
    }

    @Test
    void aPasswordIsShownOnceKeptHashedRotatedAndRevoked() throws Exception {
        ApiHarness.Response issued = api.post("admin-c1", "/bins/b1/credentials/password", null);
        assertThat(issued.status()).as(issued.body()).isEqualTo(201);
        String first = issued.json().getString("password");
        assertThat(issued.json().getBoolean("rotated")).isFalse();
        assertThat(issued.json().getString("clientId")).isEqualTo("b1");
        assertThat(MosquittoPassword.matches(hash("b1"), first)).isTrue();

        ApiHarness.Response rotated = api.post("admin-c1", "/bins/b1/credentials/password", null);
        String second = rotated.json().getString("password");
        assertThat(rotated.json().getBoolean("rotated")).isTrue();
        assertThat(second).isNotEqualTo(first);
        assertThat(MosquittoPassword.matches(hash("b1"), first)).isFalse();
        assertThat(MosquittoPassword.matches(hash("b1"), second)).isTrue();

        JsonObject status = api.get("admin-city", "/bins/b1/credentials").json();
        assertThat(status.encode()).doesNotContain(first).doesNotContain(second).doesNotContain("$7$");
        assertThat(status.getBoolean("password")).isTrue();
        List<String> actions = new ArrayList<>();
        status.getJsonArray("events").forEach(e -> actions.add(((JsonObject) e).getString("action")));
        assertThat(actions).containsSubsequence("password_rotated", "password_issued");
        assertThat(status.getJsonArray("events").getJsonObject(0).getString("actor")).startsWith("token:");

        assertThat(api.send("admin-c1", "DELETE", "/bins/b1/credentials/password", null, null).status()).isEqualTo(200);
        assertThat(hash("b1")).isNull();
        assertThat(api.send("admin-c1", "DELETE", "/bins/b1/credentials/password", null, null).status()).isEqualTo(404);
    }

    @Test
    void onlyAdminsOfTheBinsZoneAndNeverForARetiredBin() {
        assertThat(api.post("operator-city", "/bins/b3/credentials/password", null).status()).isEqualTo(403);
        assertThat(api.post("admin-c1", "/bins/b3/credentials/password", null).status()).as("b3 is in c2").isEqualTo(404);
        assertThat(api.get("admin-c1", "/bins/b3/credentials").status()).isEqualTo(404);
        ApiHarness.Response retired = api.post("admin-city", "/bins/b2/credentials/password", null);
        assertThat(retired.status()).isEqualTo(409);
        assertThat(retired.errorCode()).isEqualTo("retired");
    }

    @Test
    void aCertificateNamesTheBinIsSignedByTheDeviceCaAndIsRevokedOntoTheCrl() throws Exception {
        ApiHarness.Response issued = api.post("admin-city", "/bins/b4/credentials/certificate", null);
        assertThat(issued.status()).as(issued.body()).isEqualTo(201);
        X509Certificate certificate = certificate(issued.json().getString("certificatePem"));
        certificate.verify(ca.certificate().getPublicKey());
        assertThat(certificate.getSubjectX500Principal().getName()).isEqualTo("CN=b4");
        assertThat(certificate.getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.2");
        assertThat(issued.json().getString("keyPem")).startsWith("-----BEGIN " + "PRIVATE KEY");
        assertThat(certificate.getSerialNumber().toString(16)).isEqualTo(issued.json().getString("serial"));
        assertThat(crl().getRevokedCertificate(certificate.getSerialNumber())).isNull();

        ApiHarness.Response revoked = api.send("admin-city", "DELETE", "/bins/b4/credentials", null, null);
        assertThat(revoked.status()).as(revoked.body()).isEqualTo(200);
        assertThat(revoked.json().getString("revokedAt")).isNotNull();
        X509CRL crl = crl();
        crl.verify(ca.certificate().getPublicKey());
        assertThat(crl.getRevokedCertificate(certificate.getSerialNumber())).isNotNull();
        assertThat(api.send("admin-city", "DELETE", "/bins/b4/credentials/certificate", null, null).status())
                .as("nothing left to revoke").isEqualTo(404);
    }

    @Test
    void theCsvImportRunsEachLineOnItsOwn() throws Exception {
        String csv = "binId,action\nb3,password\nb3,certificate\nb1,fly\nb9,password\nb3,revoke-certificate\n";
        ApiHarness.Response r = api.send("admin-city", "POST", "/credentials/import", csv, "text/csv");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        JsonArray lines = r.json().getJsonArray("lines");
        assertThat(r.json().getInteger("done")).isEqualTo(3);
        assertThat(lines.getJsonObject(0).getJsonObject("result").getString("password")).hasSize(24);
        assertThat(lines.getJsonObject(1).getJsonObject("result").getString("keyPem")).contains("PRIVATE KEY");
        assertThat(lines.getJsonObject(2).getString("code")).isEqualTo("unknown_action");
        assertThat(lines.getJsonObject(3).getString("code")).isEqualTo("not_found");
        assertThat(lines.getJsonObject(4).getString("status")).isEqualTo("done");
        assertThat(MosquittoPassword.matches(hash("b3"),
                lines.getJsonObject(0).getJsonObject("result").getString("password"))).isTrue();
        assertThat(api.send("admin-c1", "POST", "/credentials/import", csv, "text/csv").json()
                .getJsonArray("lines").getJsonObject(0).getString("code")).as("b3 is outside c1").isEqualTo("not_found");
    }

    @Test
    void aTrucksPasswordAndCertificateAreIssuedRotatedAndRevokedByCityWideAdminsOnly() throws Exception {
        api.sql("INSERT INTO facilities (id, kind, name, lat, lon, accepted_streams) VALUES"
                + " ('depot-cred', 'depot', 'Credentials depot', 31.27, 121.46, '{}')");
        api.sql("INSERT INTO trucks (id, depot_id, streams, capacity_volume_l, capacity_weight_kg, shift_start, shift_end,"
                + " status) VALUES ('tc1', 'depot-cred', '{residual}', 20000, 8000, '06:00', '14:00', 'active'),"
                + " ('tc2', 'depot-cred', '{residual}', 20000, 8000, '06:00', '14:00', 'retired')");
        assertThat(api.post("admin-c1", "/trucks/tc1/credentials/password", null).status())
                .as("trucks are city-wide: a district admin finds none").isEqualTo(404);
        assertThat(api.post("operator-city", "/trucks/tc1/credentials/password", null).status()).isEqualTo(403);
        assertThat(api.post("admin-city", "/trucks/tc2/credentials/password", null).errorCode()).isEqualTo("retired");

        ApiHarness.Response issued = api.post("admin-city", "/trucks/tc1/credentials/password", null);
        assertThat(issued.status()).as(issued.body()).isEqualTo(201);
        assertThat(issued.json().getString("truckId")).isEqualTo("tc1");
        assertThat(issued.json().getString("clientId")).isEqualTo("tc1");
        String first = issued.json().getString("password");
        assertThat(MosquittoPassword.matches(truckHash("tc1"), first)).isTrue();
        String second = api.post("admin-city", "/trucks/tc1/credentials/password", null).json().getString("password");
        assertThat(MosquittoPassword.matches(truckHash("tc1"), first)).as("rotated").isFalse();
        assertThat(MosquittoPassword.matches(truckHash("tc1"), second)).isTrue();

        ApiHarness.Response certificate = api.post("admin-city", "/trucks/tc1/credentials/certificate", null);
        assertThat(certificate.status()).as(certificate.body()).isEqualTo(201);
        X509Certificate x509 = certificate(certificate.json().getString("certificatePem"));
        x509.verify(ca.certificate().getPublicKey());
        assertThat(x509.getSubjectX500Principal().getName()).isEqualTo("CN=tc1");

        ApiHarness.Response revoked = api.send("admin-city", "DELETE", "/trucks/tc1/credentials", null, null);
        assertThat(revoked.status()).as(revoked.body()).isEqualTo(200);
        assertThat(revoked.json().getString("revokedAt")).isNotNull();
        assertThat(truckHash("tc1")).isNull();
        assertThat(crl().getRevokedCertificate(x509.getSerialNumber())).as("the truck's certificate on the one CRL")
                .isNotNull();
        JsonObject status = api.get("admin-city", "/trucks/tc1/credentials").json();
        assertThat(status.encode()).doesNotContain(first).doesNotContain(second);
        List<String> actions = new ArrayList<>();
        status.getJsonArray("events").forEach(e -> actions.add(((JsonObject) e).getString("action")));
        assertThat(actions).containsSubsequence("revoked", "certificate_issued", "password_rotated", "password_issued");

        ApiHarness.Response csv = api.send("admin-city", "POST", "/credentials/import",
                "truckId,action\ntc1,password\ntc9,password\n", "text/csv");
        assertThat(csv.status()).as(csv.body()).isEqualTo(200);
        assertThat(csv.json().getInteger("done")).isEqualTo(1);
        assertThat(MosquittoPassword.matches(truckHash("tc1"), csv.json().getJsonArray("lines").getJsonObject(0)
                .getJsonObject("result").getString("password"))).isTrue();
        assertThat(csv.json().getJsonArray("lines").getJsonObject(1).getString("code")).isEqualTo("not_found");
    }

    private static String truckHash(String truck) throws Exception {
        try (Connection c = api.db().getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT password_hash FROM truck_credentials WHERE truck_id = ?")) {
            ps.setString(1, truck);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    private static String hash(String bin) throws Exception {
        try (Connection c = api.db().getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT password_hash FROM device_credentials WHERE bin_id = ?")) {
            ps.setString(1, bin);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    private static X509CRL crl() throws Exception {
        try (Connection c = api.db().getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT crl_pem FROM device_crl");
             ResultSet rs = ps.executeQuery()) {
            assertThat(rs.next()).isTrue();
            return (X509CRL) CertificateFactory.getInstance("X.509")
                    .generateCRL(new ByteArrayInputStream(rs.getString(1).getBytes(StandardCharsets.US_ASCII)));
        }
    }

    private static X509Certificate certificate(String pem) throws Exception {
        return (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
    }
}
