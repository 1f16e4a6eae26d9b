package org.clearway.api.credentials;

import io.vertx.core.json.JsonObject;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.clearway.api.http.ApiException;
import org.clearway.api.resources.Tx;
import org.clearway.api.security.Principal;
import org.clearway.core.credentials.MosquittoPassword;
import org.clearway.core.time.DbClock;

/**
 * A bin sensor's or a truck's ({@link DeviceKind}, {@link #forTrucks()}) broker credentials (issue 17): issue or rotate its password (shown once, kept as the hash Mosquitto's
 * password file takes), issue a client certificate signed by the device CA (common name = the bin id; certificate and
 * key shown once), revoke either or the device; each in one transaction that locks the bin, is bounded by the token's
 * zone (a bin outside it is not found) and records who did it in {@code credential_events}. The broker follows from
 * the registry: the generated Mosquitto files ({@code DeviceCredentials}) or the embedded broker.
 */
public final class CredentialCommands {
    /** 18 random bytes: 144 bits, 24 characters of URL-safe base64, as DeviceCredentials makes them. */
    static final int PASSWORD_BYTES = 18;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final DataSource dataSource;
    private final Clock clock;
    private final CredentialsConfig config;
    private final DeviceCa ca;
    private final DeviceKind kind;

    /** A bin sensor's. @param clock when credentials are issued and revoked ({@link DbClock}); @param ca null without a device CA */
    public CredentialCommands(DataSource dataSource, Clock clock, CredentialsConfig config, DeviceCa ca) {
        // Real time, whatever the city clock's speed: TLS stacks check certificates and CRLs against the wall clock.
        this(dataSource, DbClock.of(clock).realTimeClock(), config, ca, DeviceKind.BIN);
    }

    private CredentialCommands(DataSource dataSource, Clock clock, CredentialsConfig config, DeviceCa ca, DeviceKind kind) {
        this.dataSource = dataSource;
        this.clock = clock;
        this.config = config;
        this.ca = ca;
        this.kind = kind;
    }

    /**
     * The same commands for trucks (V23): a truck's password or certificate (common name = the truck id), by a
     * city-wide admin; the same device CA and CRL.
     */
    public CredentialCommands forTrucks() {
        return new CredentialCommands(dataSource, clock, config, ca, DeviceKind.TRUCK);
    }

    public DeviceKind kind() {
        return kind;
    }

    public JsonObject status(Principal principal, String binId) throws SQLException {
        return Tx.run(dataSource, c -> {
            CredentialStore.lock(c, kind, principal, binId);
            return CredentialStore.status(c, kind, binId);
        });
    }

    /** A new password for the bin's sensor; the old one, if any, stops working at the broker's next reload. */
    public JsonObject issuePassword(Principal principal, String binId) throws SQLException {
        return Tx.run(dataSource, c -> issuePassword(c, principal, binId));
    }

    JsonObject issuePassword(Connection c, Principal principal, String binId) throws SQLException {
        Instant now = clock.instant();
        refuseRetired(c, principal, binId);
        boolean rotated = CredentialStore.ensureRow(c, kind, binId, now) != null;
        String password = newPassword();
        CredentialStore.update(c, kind.sql(CredentialStore.SET_PASSWORD),
                List.of(MosquittoPassword.hash(password, config.passwordIterations(), RANDOM), now, now, binId));
        CredentialStore.event(c, kind, binId, rotated ? "password_rotated" : "password_issued", null, actor(principal), now);
        return new JsonObject().put(kind.idField(), binId).put("username", binId).put("clientId", binId)
                .put("password", password).put("rotated", rotated).put("issuedAt", now.toString());
    }

    /** A client certificate (CN = the bin id) and its new key; 409 no_device_ca when no device CA is configured. */
    public JsonObject issueCertificate(Principal principal, String binId) throws SQLException {
        return Tx.run(dataSource, c -> issueCertificate(c, principal, binId));
    }

    JsonObject issueCertificate(Connection c, Principal principal, String binId) throws SQLException {
        if (ca == null) {
            throw ApiException.conflict("no_device_ca", "no device CA is configured (" + CredentialsConfig.CA_CERT
                    + ", " + CredentialsConfig.CA_KEY + "): issue a password instead");
        }
        Instant now = clock.instant();
        refuseRetired(c, principal, binId);
        CredentialStore.ensureRow(c, kind, binId, now);
        CredentialStore.update(c, kind.sql(CredentialStore.REINSTATE), List.of(now, binId));
        DeviceCa.Issued issued = ca.issue(binId, now, config.certificateValidity());
        CredentialStore.update(c, kind.sql(CredentialStore.INSERT_CERTIFICATE),
                List.of(issued.serialHex(), binId, issued.certificatePem(), now, issued.notAfter()));
        CredentialStore.event(c, kind, binId, "certificate_issued", "serial " + issued.serialHex(), actor(principal), now);
        signCrl(c, now);
        return new JsonObject().put(kind.idField(), binId).put("serial", issued.serialHex()).put("notAfter",
                        issued.notAfter().toString()).put("certificatePem", issued.certificatePem())
                .put("keyPem", issued.keyPem()).put("caCertificatePem", ca.certificatePem());
    }

    public JsonObject revokePassword(Principal principal, String binId) throws SQLException {
        return Tx.run(dataSource, c -> revokePassword(c, principal, binId));
    }

    JsonObject revokePassword(Connection c, Principal principal, String binId) throws SQLException {
        Instant now = clock.instant();
        CredentialStore.lock(c, kind, principal, binId);
        CredentialStore.ensureRow(c, kind, binId, now);
        if (CredentialStore.update(c, kind.sql(CredentialStore.CLEAR_PASSWORD), List.of(now, binId)) == 0) {
            throw ApiException.notFound("password of " + kind.noun() + " " + binId);
        }
        CredentialStore.event(c, kind, binId, "password_revoked", null, actor(principal), now);
        return CredentialStore.status(c, kind, binId);
    }

    public JsonObject revokeCertificates(Principal principal, String binId) throws SQLException {
        return Tx.run(dataSource, c -> revokeCertificates(c, principal, binId));
    }

    JsonObject revokeCertificates(Connection c, Principal principal, String binId) throws SQLException {
        Instant now = clock.instant();
        CredentialStore.lock(c, kind, principal, binId);
        CredentialStore.ensureRow(c, kind, binId, now);
        int revoked = revokeCertificates(c, binId, now);
        if (revoked == 0) {
            throw ApiException.notFound("valid certificate of " + kind.noun() + " " + binId);
        }
        CredentialStore.event(c, kind, binId, "certificate_revoked", revoked + " certificate(s)", actor(principal), now);
        return CredentialStore.status(c, kind, binId);
    }

    /** Revokes the device: its password and every certificate; it may connect with nothing until a new one is issued. */
    public JsonObject revoke(Principal principal, String binId) throws SQLException {
        return Tx.run(dataSource, c -> revoke(c, principal, binId));
    }

    JsonObject revoke(Connection c, Principal principal, String binId) throws SQLException {
        Instant now = clock.instant();
        CredentialStore.lock(c, kind, principal, binId);
        CredentialStore.ensureRow(c, kind, binId, now);
        CredentialStore.update(c, kind.sql(CredentialStore.REVOKE_DEVICE), List.of(now, now, binId));
        int certificates = revokeCertificates(c, binId, now);
        CredentialStore.event(c, kind, binId, "revoked", "password and " + certificates + " certificate(s)", actor(principal), now);
        return CredentialStore.status(c, kind, binId);
    }

    /** Signs the CRL again with the same list (before its next update runs out); 409 no_device_ca without a CA. */
    public JsonObject renewCrl(Principal principal) throws SQLException {
        if (ca == null) {
            throw ApiException.conflict("no_device_ca", "no device CA is configured");
        }
        return Tx.run(dataSource, c -> signCrl(c, clock.instant()));
    }

    /**
     * Signs the CRL again if it is due (issue 17, {@link CrlRenewal}): none signed yet, or less than half of its
     * validity left before its next update, after which Mosquitto (OpenSSL) would refuse every device certificate.
     * Under the CRL's row lock, so replicas checking at once sign it once. Empty when not due or without a device CA.
     */
    public Optional<JsonObject> renewCrlIfDue() throws SQLException {
        if (ca == null) {
            return Optional.empty();
        }
        return Tx.run(dataSource, c -> {
            Instant now = clock.instant();
            CredentialStore.lockCrl(c, now);
            Optional<Instant> next = CredentialStore.crlNextUpdate(c);
            if (next.isPresent() && now.isBefore(next.get().minus(config.crlValidity().dividedBy(2)))) {
                return Optional.<JsonObject>empty();
            }
            return Optional.of(signCrl(c, now));
        });
    }

    private int revokeCertificates(Connection c, String binId, Instant now) throws SQLException {
        int revoked = CredentialStore.update(c, kind.sql(CredentialStore.REVOKE_CERTIFICATES), List.of(now, binId, now));
        if (revoked > 0 && ca != null) {
            signCrl(c, now);
        }
        return revoked;
    }

    /** Locks the CRL's row first, so that concurrent revocations each sign a list that includes the other's. */
    private JsonObject signCrl(Connection c, Instant now) throws SQLException {
        long number = CredentialStore.lockCrl(c, now) + 1;
        List<DeviceCa.Revoked> revoked = CredentialStore.revokedUnexpired(c, now);
        CredentialStore.update(c, CredentialStore.SET_CRL, List.of(number, ca.crl(revoked, number, now,
                config.crlValidity()), now));
        return new JsonObject().put("crlNumber", number).put("revoked", revoked.size())
                .put("nextUpdate", now.plus(config.crlValidity()).toString());
    }

    private void refuseRetired(Connection c, Principal principal, String id) throws SQLException {
        if (CredentialStore.lock(c, kind, principal, id)) {
            throw ApiException.conflict("retired", kind.noun() + " " + id + " is retired");
        }
    }

    private static String actor(Principal principal) {
        return "token:" + principal.tokenId();
    }

    private static String newPassword() {
        byte[] bytes = new byte[PASSWORD_BYTES];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
