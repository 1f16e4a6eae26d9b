package org.clearway.deploy;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the devices that may connect from the registry: the bins in service (not retired) and the trucks not
 * retired (a truck in maintenance keeps its credentials).
 */
final class DeviceRegistry {
    static final String BINS_IN_SERVICE = "SELECT id FROM bins WHERE retired_at IS NULL ORDER BY id";
    static final String TRUCKS_IN_SERVICE = "SELECT id FROM trucks WHERE status <> 'retired' ORDER BY id";

    /**
     * The devices whose credentials the registry holds (V18 for bins in service, V23 for trucks not retired), by their
     * username (the bin or truck id).
     */
    static final String MANAGED = """
            SELECT c.bin_id AS device_id, c.password_hash,
                   c.revoked_at IS NULL AND (c.password_hash IS NOT NULL OR EXISTS (
                       SELECT 1 FROM device_certificates d
                        WHERE d.bin_id = c.bin_id AND d.revoked_at IS NULL AND d.not_after > ?)) AS may_connect
              FROM device_credentials c JOIN bins b ON b.id = c.bin_id
             WHERE b.retired_at IS NULL
            UNION ALL
            SELECT c.truck_id, c.password_hash,
                   c.revoked_at IS NULL AND (c.password_hash IS NOT NULL OR EXISTS (
                       SELECT 1 FROM device_certificates d
                        WHERE d.truck_id = c.truck_id AND d.revoked_at IS NULL AND d.not_after > ?)) AS may_connect
              FROM truck_credentials c JOIN trucks t ON t.id = c.truck_id
             WHERE t.status <> 'retired'
             ORDER BY device_id""";
    static final String CRL = "SELECT crl_pem FROM device_crl WHERE id AND crl_pem <> ''";

    private DeviceRegistry() {
    }

    static List<String> binsInService(Connection connection) throws SQLException {
        return ids(connection, BINS_IN_SERVICE);
    }

    static List<String> trucksInService(Connection connection) throws SQLException {
        return ids(connection, TRUCKS_IN_SERVICE);
    }

    static java.util.Map<String, CredentialIssuer.Managed> managed(Connection connection, java.time.Instant now)
            throws SQLException {
        java.util.Map<String, CredentialIssuer.Managed> managed = new java.util.LinkedHashMap<>();
        try (PreparedStatement ps = connection.prepareStatement(MANAGED)) {
            ps.setObject(1, now.atOffset(java.time.ZoneOffset.UTC));
            ps.setObject(2, now.atOffset(java.time.ZoneOffset.UTC));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    managed.put(rs.getString("device_id"),
                            new CredentialIssuer.Managed(rs.getString("password_hash"), rs.getBoolean("may_connect")));
                }
            }
        }
        return managed;
    }

    /** The device CA's CRL as the API last signed it, if any. */
    static java.util.Optional<String> crl(Connection connection) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(CRL); ResultSet rs = ps.executeQuery()) {
            return rs.next() ? java.util.Optional.of(rs.getString(1)) : java.util.Optional.empty();
        }
    }

    private static List<String> ids(Connection connection, String sql) throws SQLException {
        List<String> ids = new ArrayList<>();
        try (PreparedStatement ps = connection.prepareStatement(sql);
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                ids.add(rs.getString(1));
            }
        }
        return ids;
    }
}
