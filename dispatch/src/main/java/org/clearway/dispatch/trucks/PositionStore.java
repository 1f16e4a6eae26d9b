package org.clearway.dispatch.trucks;

import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;

import org.clearway.dispatch.trucks.ShiftDistance.Point;

/**
 * The trucks' positions ({@code truck_positions}, one row per truck and time, a repeat ignored), the newest one on
 * {@code trucks.last_*}, and the kilometres driven per shift day ({@code truck_shifts}). Works on the caller's
 * connection and never commits.
 */
public final class PositionStore {

    static final String INSERT = "INSERT INTO truck_positions (truck_id, ts, lat, lon, speed_kmh, heading_deg, load_pct, "
            + "received_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (truck_id, ts) DO NOTHING";

    /** The newest position only: an older one arriving late leaves {@code last_*} alone; no load keeps the last known. */
    static final String UPDATE_LAST = "UPDATE trucks SET last_position_at = ?, last_lat = ?, last_lon = ?, "
            + "last_load_pct = coalesce(?, last_load_pct) WHERE id = ? AND (last_position_at IS NULL OR last_position_at < ?)";

    static final String SELECT_PREVIOUS = "SELECT ts, lat, lon FROM truck_positions WHERE truck_id = ? AND ts >= ? "
            + "AND ts < ? ORDER BY ts DESC LIMIT 1";

    static final String SELECT_NEXT = "SELECT ts, lat, lon FROM truck_positions WHERE truck_id = ? AND ts > ? "
            + "AND ts < ? ORDER BY ts LIMIT 1";

    static final String UPSERT_SHIFT = "INSERT INTO truck_shifts (truck_id, shift_date, driven_km, first_at, last_at) "
            + "VALUES (?, ?, greatest(0, ?), ?, ?) ON CONFLICT (truck_id, shift_date) DO UPDATE SET "
            + "driven_km = greatest(0, truck_shifts.driven_km + EXCLUDED.driven_km), "
            + "first_at = least(truck_shifts.first_at, EXCLUDED.first_at), "
            + "last_at = greatest(truck_shifts.last_at, EXCLUDED.last_at)";

    /** @return whether the position was new (false: a repeat of a stored one, nothing written) */
    public boolean insert(Connection c, String truckId, TruckPosition p, Instant receivedAt) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(INSERT)) {
            ps.setString(1, truckId);
            ps.setTimestamp(2, Timestamp.from(p.at()));
            ps.setDouble(3, p.lat());
            ps.setDouble(4, p.lon());
            setDouble(ps, 5, p.speedKmh());
            setDouble(ps, 6, p.headingDeg());
            setDouble(ps, 7, p.loadPct());
            ps.setTimestamp(8, Timestamp.from(receivedAt));
            return ps.executeUpdate() == 1;
        }
    }

    /** @return whether this is now the truck's newest position */
    public boolean updateLast(Connection c, String truckId, TruckPosition p) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(UPDATE_LAST)) {
            ps.setTimestamp(1, Timestamp.from(p.at()));
            ps.setDouble(2, p.lat());
            ps.setDouble(3, p.lon());
            setDouble(ps, 4, p.loadPct());
            ps.setString(5, truckId);
            ps.setTimestamp(6, Timestamp.from(p.at()));
            return ps.executeUpdate() == 1;
        }
    }

    /** The truck's latest position in {@code [from, before)}. */
    public Optional<Point> previous(Connection c, String truckId, Instant from, Instant before) throws SQLException {
        return point(c, SELECT_PREVIOUS, truckId, from, before);
    }

    /** The truck's earliest position in {@code (after, until)}. */
    public Optional<Point> next(Connection c, String truckId, Instant after, Instant until) throws SQLException {
        return point(c, SELECT_NEXT, truckId, after, until);
    }

    /** Adds {@code km} (may be negative; the total never goes below 0) to the shift day and widens its first/last times. */
    public void addToShift(Connection c, String truckId, LocalDate shiftDate, double km, Instant at) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(UPSERT_SHIFT)) {
            ps.setString(1, truckId);
            ps.setDate(2, Date.valueOf(shiftDate));
            ps.setDouble(3, km);
            ps.setTimestamp(4, Timestamp.from(at));
            ps.setTimestamp(5, Timestamp.from(at));
            ps.executeUpdate();
        }
    }

    private static Optional<Point> point(Connection c, String sql, String truckId, Instant a, Instant b)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, truckId);
            ps.setTimestamp(2, Timestamp.from(a));
            ps.setTimestamp(3, Timestamp.from(b));
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(new Point(rs.getTimestamp(1).toInstant(), rs.getDouble(2), rs.getDouble(3)))
                        : Optional.empty();
            }
        }
    }

    private static void setDouble(PreparedStatement ps, int index, Double value) throws SQLException {
        if (value == null) {
            ps.setNull(index, Types.DOUBLE);
        } else {
            ps.setDouble(index, value);
        }
    }
}
