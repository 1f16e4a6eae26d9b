package org.clearway.deploy;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** Reads the bins in service (not retired) from the registry, each a device that may connect. */
final class BinRegistry {
    static final String BINS_IN_SERVICE = "SELECT id FROM bins WHERE retired_at IS NULL ORDER BY id";

    private BinRegistry() {
    }

    static List<String> binsInService(Connection connection) throws SQLException {
        List<String> ids = new ArrayList<>();
        try (PreparedStatement ps = connection.prepareStatement(BINS_IN_SERVICE);
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                ids.add(rs.getString(1));
            }
        }
        return ids;
    }
}
