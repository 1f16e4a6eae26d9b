package org.clearway.api.resources;

import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import javax.sql.DataSource;
import org.clearway.api.http.ApiException;
import org.clearway.api.security.Principal;
import org.clearway.core.time.DbClock;

/**
 * The token of a bin's device, for ingest's plain HTTP source (docs/devices.md, "HTTP sources"): issue (or rotate:
 * the old token stops working), show its hint, revoke. A token is {@value #PREFIX} and 32 random bytes in base64url,
 * returned once; only its SHA-256 is stored (V17), which is what ingest compares. Every statement is bounded by the
 * token's scope through the device's bin now.
 */
public final class DeviceTokenCommands {
    static final String PREFIX = "cwd_";
    static final int HINT_LENGTH = PREFIX.length() + 4;
    static final String CURRENT_DEVICE = "SELECT device_id FROM device_assignments WHERE bin_id = ? AND valid_to IS NULL";
    static final String UPSERT_TOKEN = """
            INSERT INTO device_tokens (device_id, token_sha256, hint, issued_at, issued_by) VALUES (?, ?, ?, ?, ?)
            ON CONFLICT (device_id) DO UPDATE SET token_sha256 = EXCLUDED.token_sha256, hint = EXCLUDED.hint,
                issued_at = EXCLUDED.issued_at, issued_by = EXCLUDED.issued_by
            """;
    static final String FIND_TOKEN = "SELECT hint, issued_at, issued_by FROM device_tokens WHERE device_id = ?";
    static final String DELETE_TOKEN = "DELETE FROM device_tokens WHERE device_id = ?";

    private static final SecureRandom RANDOM = new SecureRandom();

    private final DataSource dataSource;
    private final Clock clock;

    public DeviceTokenCommands(DataSource dataSource, Clock clock) {
        this.dataSource = dataSource;
        this.clock = DbClock.of(clock);
    }

    /** A new token for the bin's device now, replacing its old one; the token is in the answer and nowhere else. */
    public JsonObject issue(Principal principal, String binId) throws SQLException {
        return Tx.run(dataSource, c -> issue(c, principal, binId, clock.instant()));
    }

    /** Within the caller's transaction (the CSV import shares it). */
    static JsonObject issue(Connection c, Principal principal, String binId, Instant at) throws SQLException {
        String device = deviceOf(c, principal, binId);
        String token = newToken();
        Db.update(c, UPSERT_TOKEN, List.of(device, sha256(token), token.substring(0, HINT_LENGTH), Timestamp.from(at),
                principal.tokenId()));
        return describe(c, binId, device).put("token", token);
    }

    public JsonObject get(Principal principal, String binId) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            String device = deviceOf(c, principal, binId);
            JsonObject found = describe(c, binId, device);
            if (found.getValue("hint") == null) {
                throw ApiException.notFound("token of device " + device);
            }
            return found;
        }
    }

    public JsonObject revoke(Principal principal, String binId) throws SQLException {
        return Tx.run(dataSource, c -> {
            String device = deviceOf(c, principal, binId);
            if (Db.update(c, DELETE_TOKEN, List.of(device)) == 0) {
                throw ApiException.notFound("token of device " + device);
            }
            return new JsonObject().put("binId", binId).put("deviceId", device).put("revoked", true);
        });
    }

    private static String deviceOf(Connection c, Principal principal, String binId) throws SQLException {
        BinQueries.get(c, principal, binId);
        List<String> device = Db.query(c, CURRENT_DEVICE, List.of(binId), rs -> rs.getString(1));
        if (device.isEmpty()) {
            throw ApiException.notFound("device of bin " + binId);
        }
        return device.getFirst();
    }

    private static JsonObject describe(Connection c, String binId, String device) throws SQLException {
        JsonObject out = new JsonObject().put("binId", binId).put("deviceId", device);
        List<JsonObject> rows = Db.query(c, FIND_TOKEN, List.of(device), rs -> new JsonObject()
                .put("hint", rs.getString("hint")).put("issuedAt", Db.time(rs, "issued_at"))
                .put("issuedBy", rs.getString("issued_by")));
        return rows.isEmpty() ? out : out.mergeIn(rows.getFirst());
    }

    static String newToken() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** What ingest compares a presented token with. */
    static byte[] sha256(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JVM", e);
        }
    }
}
