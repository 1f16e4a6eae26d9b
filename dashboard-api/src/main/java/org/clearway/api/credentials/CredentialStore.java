package org.clearway.api.credentials;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import org.clearway.api.http.ApiException;
import org.clearway.api.resources.Db;
import org.clearway.api.resources.Scope;
import org.clearway.api.security.Principal;

/** The SQL of device credentials (V18), each statement within the caller's transaction. */
final class CredentialStore {
    /** The bin, if it is in the token's scope, locked so that two changes to one bin's credentials take turns. */
    static final String BIN_IN_SCOPE = Scope.SCOPE_CTE
            + "SELECT b.id, b.retired_at FROM bins b WHERE b.id = ? AND b.zone_id IN (SELECT id FROM scope) FOR UPDATE OF b";
    static final String ENSURE_ROW =
            "INSERT INTO device_credentials (bin_id, updated_at) VALUES (?, ?) ON CONFLICT (bin_id) DO NOTHING";
    static final String PASSWORD_HASH = "SELECT password_hash FROM device_credentials WHERE bin_id = ?";
    static final String SET_PASSWORD = """
            UPDATE device_credentials SET password_hash = ?, password_issued_at = ?, revoked_at = NULL, updated_at = ?
             WHERE bin_id = ?""";
    static final String CLEAR_PASSWORD = """
            UPDATE device_credentials SET password_hash = NULL, password_issued_at = NULL, updated_at = ?
             WHERE bin_id = ? AND password_hash IS NOT NULL""";
    static final String REVOKE_DEVICE = """
            UPDATE device_credentials SET password_hash = NULL, password_issued_at = NULL, revoked_at = ?, updated_at = ?
             WHERE bin_id = ?""";
    static final String REINSTATE = "UPDATE device_credentials SET revoked_at = NULL, updated_at = ? WHERE bin_id = ?";
    static final String INSERT_CERTIFICATE = """
            INSERT INTO device_certificates (serial, bin_id, certificate_pem, issued_at, not_after) VALUES (?, ?, ?, ?, ?)""";
    static final String REVOKE_CERTIFICATES = """
            UPDATE device_certificates SET revoked_at = ? WHERE bin_id = ? AND revoked_at IS NULL AND not_after > ?""";
    static final String ENSURE_CRL = """
            INSERT INTO device_crl (id, number, crl_pem, updated_at) VALUES (true, 0, '', ?) ON CONFLICT (id) DO NOTHING""";
    static final String LOCK_CRL = "SELECT number FROM device_crl WHERE id FOR UPDATE";
    static final String REVOKED_UNEXPIRED =
            "SELECT serial, revoked_at FROM device_certificates WHERE revoked_at IS NOT NULL AND not_after > ? ORDER BY serial";
    static final String SET_CRL = "UPDATE device_crl SET number = ?, crl_pem = ?, updated_at = ? WHERE id";
    static final String EVENT = "INSERT INTO credential_events (bin_id, action, detail, actor, at) VALUES (?, ?, ?, ?, ?)";
    static final String STATUS = """
            SELECT password_hash IS NOT NULL AS has_password, password_issued_at, revoked_at, updated_at
              FROM device_credentials WHERE bin_id = ?""";
    static final String CERTIFICATES = """
            SELECT serial, issued_at, not_after, revoked_at FROM device_certificates WHERE bin_id = ? ORDER BY issued_at DESC""";
    static final String EVENTS = """
            SELECT action, detail, actor, at FROM credential_events WHERE bin_id = ? ORDER BY at DESC, id DESC LIMIT 100""";

    private CredentialStore() {
    }

    /** Whether the bin is retired; 404 when it is not in the token's scope, as everywhere. */
    static boolean lockBin(Connection c, Principal principal, String binId) throws SQLException {
        List<Boolean> retired = query(c, BIN_IN_SCOPE, List.of(principal.zone(), principal.zone(), binId),
                rs -> rs.getObject("retired_at") != null);
        if (retired.isEmpty()) {
            throw ApiException.notFound("bin " + binId);
        }
        return retired.getFirst();
    }

    static String ensureRow(Connection c, String binId, Instant now) throws SQLException {
        update(c, ENSURE_ROW, List.of(binId, now));
        return query(c, PASSWORD_HASH, List.of(binId), rs -> rs.getString(1)).getFirst();
    }

    static long lockCrl(Connection c, Instant now) throws SQLException {
        update(c, ENSURE_CRL, List.of(now));
        return query(c, LOCK_CRL, List.of(), rs -> rs.getLong(1)).getFirst();
    }

    static List<DeviceCa.Revoked> revokedUnexpired(Connection c, Instant now) throws SQLException {
        return query(c, REVOKED_UNEXPIRED, List.of(now),
                rs -> new DeviceCa.Revoked(rs.getString("serial"), rs.getObject("revoked_at", java.time.OffsetDateTime.class).toInstant()));
    }

    static void event(Connection c, String binId, String action, String detail, String actor, Instant at)
            throws SQLException {
        update(c, EVENT, java.util.Arrays.asList(binId, action, detail, actor, at));
    }

    static JsonObject status(Connection c, String binId) throws SQLException {
        List<JsonObject> row = query(c, STATUS, List.of(binId), rs -> new JsonObject()
                .put("password", rs.getBoolean("has_password")).put("passwordIssuedAt", time(rs, "password_issued_at"))
                .put("revokedAt", time(rs, "revoked_at")).put("updatedAt", time(rs, "updated_at")));
        JsonObject status = row.isEmpty() ? new JsonObject().put("password", false).putNull("passwordIssuedAt")
                .putNull("revokedAt").putNull("updatedAt") : row.getFirst();
        status.put("binId", binId).put("managed", !row.isEmpty());
        status.put("certificates", new JsonArray(query(c, CERTIFICATES, List.of(binId), rs -> new JsonObject()
                .put("serial", rs.getString("serial")).put("issuedAt", time(rs, "issued_at"))
                .put("notAfter", time(rs, "not_after")).put("revokedAt", time(rs, "revoked_at")))));
        status.put("events", new JsonArray(query(c, EVENTS, List.of(binId), rs -> new JsonObject()
                .put("action", rs.getString("action")).put("detail", rs.getString("detail"))
                .put("actor", rs.getString("actor")).put("at", time(rs, "at")))));
        return status;
    }

    static <T> List<T> query(Connection c, String sql, List<?> args, Db.RowMapper<T> mapper) throws SQLException {
        return Db.query(c, sql, args, mapper);
    }

    static int update(Connection c, String sql, List<?> args) throws SQLException {
        return Db.update(c, sql, args);
    }

    private static String time(ResultSet rs, String column) throws SQLException {
        return Db.time(rs, column);
    }
}
