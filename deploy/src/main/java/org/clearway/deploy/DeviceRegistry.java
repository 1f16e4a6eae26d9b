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

    private DeviceRegistry() {
    }

    static List<String> binsInService(Connection connection) throws SQLException {
        return ids(connection, BINS_IN_SERVICE);
    }

    static List<String> trucksInService(Connection connection) throws SQLException {
        return ids(connection, TRUCKS_IN_SERVICE);
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
