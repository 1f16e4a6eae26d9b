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

/**
 * The SQL of device credentials (V18, V23 for trucks), each statement within the caller's transaction; the templates
 * name the credentials table {@code %1$s} and the device's key column {@code %2$s} ({@link DeviceKind#sql}).
 */
final class CredentialStore {
    /** The bin, if it is in the token's scope, locked so that two changes to one bin's credentials take turns. */
    static final String BIN_IN_SCOPE = Scope.SCOPE_CTE
            + "SELECT b.id, b.retired_at FROM bins b WHERE b.id = ? AND b.zone_id IN (SELECT id FROM scope) FOR UPDATE OF b";
    /** The truck (city-wide data, no zone), locked as a bin is; whether it is retired. */
    static final String TRUCK = "SELECT status = 'retired' AS retired FROM trucks WHERE id = ? FOR UPDATE";
    static final String ENSURE_ROW = "INSERT INTO %1$s (%2$s, updated_at) VALUES (?, ?) ON CONFLICT (%2$s) DO NOTHING";
    static final String PASSWORD_HASH = "SELECT password_hash FROM %1$s WHERE %2$s = ?";
    static final String SET_PASSWORD = """
            UPDATE %1$s SET password_hash = ?, password_issued_at = ?, revoked_at = NULL, updated_at = ?
             WHERE %2$s = ?""";
    static final String CLEAR_PASSWORD = """
            UPDATE %1$s SET password_hash = NULL, password_issued_at = NULL, updated_at = ?
             WHERE %2$s = ? AND password_hash IS NOT NULL""";
    static final String REVOKE_DEVICE = """
            UPDATE %1$s SET password_hash = NULL, password_issued_at = NULL, revoked_at = ?, updated_at = ?
             WHERE %2$s = ?""";
    static final String REINSTATE = "UPDATE %1$s SET revoked_at = NULL, updated_at = ? WHERE %2$s = ?";
    static final String INSERT_CERTIFICATE = """
            INSERT INTO device_certificates (serial, %2$s, certificate_pem, issued_at, not_after) VALUES (?, ?, ?, ?, ?)""";
    static final String REVOKE_CERTIFICATES = """
            UPDATE device_certificates SET revoked_at = ? WHERE %2$s = ? AND revoked_at IS NULL AND not_after > ?""";
    static final String ENSURE_CRL = """
            INSERT INTO device_crl (id, number, crl_pem, updated_at) VALUES (true, 0, '', ?) ON CONFLICT (id) DO NOTHING""";
    static final String LOCK_CRL = "SELECT number FROM device_crl WHERE id FOR UPDATE";
    static final String REVOKED_UNEXPIRED =
            "SELECT serial, revoked_at FROM device_certificates WHERE revoked_at IS NOT NULL AND not_after > ? ORDER BY serial";
    static final String CRL_PEM = "SELECT crl_pem FROM device_crl WHERE id";
    static final String SET_CRL = "UPDATE device_crl SET number = ?, crl_pem = ?, updated_at = ? WHERE id";
    static final String EVENT = "INSERT INTO credential_events (%2$s, action, detail, actor, at) VALUES (?, ?, ?, ?, ?)";
    static final String STATUS = """
            SELECT password_hash IS NOT NULL AS has_password, password_issued_at, revoked_at, updated_at
              FROM %1$s WHERE %2$s = ?""";
    static final String CERTIFICATES = """
            SELECT serial, issued_at, not_after, revoked_at FROM device_certificates WHERE %2$s = ? ORDER BY issued_at DESC""";
    static final String EVENTS = """
            SELECT action, detail, actor, at FROM credential_events WHERE %2$s = ? ORDER BY at DESC, id DESC LIMIT 100""";

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

    /**
     * Whether the truck is retired; trucks are city-wide, so a token of a smaller zone finds none (404, as for a bin
     * outside its zone).
     */
    static boolean lockTruck(Connection c, Principal principal, String truckId) throws SQLException {
        List<Boolean> retired = "*".equals(principal.zone())
                ? query(c, TRUCK, List.of(truckId), rs -> rs.getBoolean("retired")) : List.of();
        if (retired.isEmpty()) {
            throw ApiException.notFound("truck " + truckId);
        }
        return retired.getFirst();
    }

    /** Whether the device is retired ({@link #lockBin}, {@link #lockTruck}). */
    static boolean lock(Connection c, DeviceKind kind, Principal principal, String id) throws SQLException {
        return kind == DeviceKind.TRUCK ? lockTruck(c, principal, id) : lockBin(c, principal, id);
    }

    static String ensureRow(Connection c, DeviceKind kind, String id, Instant now) throws SQLException {
        update(c, kind.sql(ENSURE_ROW), List.of(id, now));
        return query(c, kind.sql(PASSWORD_HASH), List.of(id), rs -> rs.getString(1)).getFirst();
    }

    static long lockCrl(Connection c, Instant now) throws SQLException {
        update(c, ENSURE_CRL, List.of(now));
        return query(c, LOCK_CRL, List.of(), rs -> rs.getLong(1)).getFirst();
    }

    /** The current CRL's next update; empty when none was signed yet or it cannot be read (sign it again). */
    static java.util.Optional<Instant> crlNextUpdate(Connection c) throws SQLException {
        List<String> pem = query(c, CRL_PEM, List.of(), rs -> rs.getString(1));
        if (pem.isEmpty() || pem.getFirst() == null || pem.getFirst().isBlank()) {
            return java.util.Optional.empty();
        }
        try {
            java.security.cert.X509CRL crl = (java.security.cert.X509CRL) java.security.cert.CertificateFactory
                    .getInstance("X.509").generateCRL(new java.io.ByteArrayInputStream(
                            pem.getFirst().getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
            return java.util.Optional.ofNullable(crl.getNextUpdate()).map(java.util.Date::toInstant);
        } catch (java.security.GeneralSecurityException e) {
            return java.util.Optional.empty();
        }
    }

    static List<DeviceCa.Revoked> revokedUnexpired(Connection c, Instant now) throws SQLException {
        return query(c, REVOKED_UNEXPIRED, List.of(now),
                rs -> new DeviceCa.Revoked(rs.getString("serial"), rs.getObject("revoked_at", java.time.OffsetDateTime.class).toInstant()));
    }

    static void event(Connection c, DeviceKind kind, String id, String action, String detail, String actor, Instant at)
            throws SQLException {
        update(c, kind.sql(EVENT), java.util.Arrays.asList(id, action, detail, actor, at));
    }

    static JsonObject status(Connection c, DeviceKind kind, String id) throws SQLException {
        List<JsonObject> row = query(c, kind.sql(STATUS), List.of(id), rs -> new JsonObject()
                .put("password", rs.getBoolean("has_password")).put("passwordIssuedAt", time(rs, "password_issued_at"))
                .put("revokedAt", time(rs, "revoked_at")).put("updatedAt", time(rs, "updated_at")));
        JsonObject status = row.isEmpty() ? new JsonObject().put("password", false).putNull("passwordIssuedAt")
                .putNull("revokedAt").putNull("updatedAt") : row.getFirst();
        status.put(kind.idField(), id).put("managed", !row.isEmpty());
        status.put("certificates", new JsonArray(query(c, kind.sql(CERTIFICATES), List.of(id), rs -> new JsonObject()
                .put("serial", rs.getString("serial")).put("issuedAt", time(rs, "issued_at"))
                .put("notAfter", time(rs, "not_after")).put("revokedAt", time(rs, "revoked_at")))));
        status.put("events", new JsonArray(query(c, kind.sql(EVENTS), List.of(id), rs -> new JsonObject()
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
