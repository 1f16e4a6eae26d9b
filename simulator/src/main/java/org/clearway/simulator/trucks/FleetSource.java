package org.clearway.simulator.trucks;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/** The trucks to simulate: the active trucks of the {@code trucks} table (dispatch stores its fleet file there). */
public final class FleetSource {
    static final String ACTIVE_TRUCKS = """
            SELECT t.id, f.lat, f.lon, t.capacity_volume_l, t.capacity_weight_kg
              FROM trucks t JOIN facilities f ON f.id = t.depot_id
             WHERE t.status = 'active'
             ORDER BY t.id""";

    private FleetSource() {
    }

    /** The active trucks, each starting at its depot. */
    public static List<TruckSpec> activeTrucks(DataSource db) throws SQLException {
        List<TruckSpec> out = new ArrayList<>();
        try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement(ACTIVE_TRUCKS);
             ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                out.add(new TruckSpec(rs.getString(1), rs.getDouble(2), rs.getDouble(3), rs.getDouble(4), rs.getDouble(5)));
            }
        }
        return out;
    }
}
