package org.clearway.dispatch.store;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.clearway.dispatch.fleet.FacilityKind;
import org.clearway.dispatch.fleet.Fleet;
import org.clearway.dispatch.fleet.FleetFacility;
import org.clearway.dispatch.fleet.Truck;
import org.clearway.dispatch.fleet.TruckStatus;

/**
 * Facilities and trucks in {@code facilities} and {@code trucks}, on the caller's connection. {@link #upsert}
 * writes a whole fleet file: new ids are added, known ones updated; rows the file does not name are left alone
 * (retire a truck by its status, not by leaving it out).
 */
public final class FleetStore {

    static final String UPSERT_FACILITY = "INSERT INTO facilities (id, kind, name, lat, lon, accepted_streams, open_time, close_time) "
            + "VALUES (?, ?, ?, ?, ?, ?, ?, ?) "
            + "ON CONFLICT (id) DO UPDATE SET kind = excluded.kind, name = excluded.name, lat = excluded.lat, "
            + "lon = excluded.lon, accepted_streams = excluded.accepted_streams, open_time = excluded.open_time, "
            + "close_time = excluded.close_time";

    static final String UPSERT_TRUCK = "INSERT INTO trucks (id, depot_id, streams, capacity_volume_l, capacity_weight_kg, "
            + "shift_start, shift_end, status) VALUES (?, ?, ?, ?, ?, ?, ?, ?) "
            + "ON CONFLICT (id) DO UPDATE SET depot_id = excluded.depot_id, streams = excluded.streams, "
            + "capacity_volume_l = excluded.capacity_volume_l, capacity_weight_kg = excluded.capacity_weight_kg, "
            + "shift_start = excluded.shift_start, shift_end = excluded.shift_end, status = excluded.status";

    static final String SELECT_FACILITIES = "SELECT id, kind, name, lat, lon, accepted_streams, open_time, close_time "
            + "FROM facilities ORDER BY id";

    static final String SELECT_TRUCKS = "SELECT id, depot_id, streams, capacity_volume_l, capacity_weight_kg, "
            + "shift_start, shift_end, status FROM trucks";

    /** Adds or updates every facility, then every truck, of the fleet. */
    public void upsert(Connection c, Fleet fleet) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(UPSERT_FACILITY)) {
            for (FleetFacility f : fleet.facilities()) {
                ps.setString(1, f.id());
                ps.setString(2, Codes.of(f.kind()));
                ps.setString(3, f.name());
                ps.setDouble(4, f.lat());
                ps.setDouble(5, f.lon());
                ps.setArray(6, c.createArrayOf("text", f.acceptedStreams().toArray()));
                ps.setObject(7, f.opens());
                ps.setObject(8, f.closes());
                ps.addBatch();
            }
            ps.executeBatch();
        }
        try (PreparedStatement ps = c.prepareStatement(UPSERT_TRUCK)) {
            for (Truck t : fleet.trucks()) {
                ps.setString(1, t.id());
                ps.setString(2, t.depotId());
                ps.setArray(3, c.createArrayOf("text", t.streams().toArray()));
                ps.setDouble(4, t.capacityVolumeL());
                ps.setDouble(5, t.capacityWeightKg());
                ps.setObject(6, t.shiftStart());
                ps.setObject(7, t.shiftEnd());
                ps.setString(8, Codes.of(t.status()));
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    public List<FleetFacility> facilities(Connection c) throws SQLException {
        List<FleetFacility> facilities = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(SELECT_FACILITIES); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                facilities.add(new FleetFacility(rs.getString("id"), kind(rs.getString("kind"), FacilityKind.class),
                        rs.getString("name"), rs.getDouble("lat"), rs.getDouble("lon"), strings(rs.getArray("accepted_streams")),
                        rs.getObject("open_time", LocalTime.class), rs.getObject("close_time", LocalTime.class)));
            }
        }
        return facilities;
    }

    /** Every truck, by id. */
    public List<Truck> trucks(Connection c) throws SQLException {
        return trucks(c, SELECT_TRUCKS + " ORDER BY id", null);
    }

    public Optional<Truck> truck(Connection c, String id) throws SQLException {
        return trucks(c, SELECT_TRUCKS + " WHERE id = ?", id).stream().findFirst();
    }

    private static List<Truck> trucks(Connection c, String sql, String id) throws SQLException {
        List<Truck> trucks = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            if (id != null) {
                ps.setString(1, id);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    trucks.add(new Truck(rs.getString("id"), rs.getString("depot_id"), strings(rs.getArray("streams")),
                            rs.getDouble("capacity_volume_l"), rs.getDouble("capacity_weight_kg"),
                            rs.getObject("shift_start", LocalTime.class), rs.getObject("shift_end", LocalTime.class),
                            kind(rs.getString("status"), TruckStatus.class)));
                }
            }
        }
        return trucks;
    }

    private static List<String> strings(Array array) throws SQLException {
        return Arrays.stream((Object[]) array.getArray()).map(String.class::cast).toList();
    }

    private static <E extends Enum<E>> E kind(String code, Class<E> type) {
        return Enum.valueOf(type, code.toUpperCase(Locale.ROOT));
    }
}
