package org.clearway.dispatch.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/** Reads the bin registry ({@code bins}, {@code waste_streams}) on the caller's connection. */
public final class BinStore {

    static final String SELECT_PROFILES = "SELECT b.id, b.zone_id, b.stream, b.volume_l, b.depth_mm, "
            + "b.sensor_offset_mm, b.lat, b.lon, coalesce(b.threshold_pct, w.default_threshold_pct) AS threshold_pct "
            + "FROM bins b JOIN waste_streams w ON w.code = b.stream";

    static final String SELECT_BIN = SELECT_PROFILES + " WHERE b.id = ?";

    static final String UNRETIRED = " AND b.retired_at IS NULL";

    static final String SELECT_UNRETIRED_BINS = SELECT_PROFILES + " WHERE b.id = ANY(?)" + UNRETIRED;

    /** The bin, when it is registered and not retired. */
    public Optional<BinProfile> find(Connection c, String binId) throws SQLException {
        return find(c, binId, SELECT_BIN + UNRETIRED);
    }

    /** The bin, retired or not (for the jobs it already has). */
    public Optional<BinProfile> findIncludingRetired(Connection c, String binId) throws SQLException {
        return find(c, binId, SELECT_BIN);
    }

    /** The registered, unretired bins among {@code binIds}, in one query; unknown and retired ids are left out. */
    public List<BinProfile> findAll(Connection c, Collection<String> binIds) throws SQLException {
        List<BinProfile> found = new ArrayList<>(binIds.size());
        try (PreparedStatement ps = c.prepareStatement(SELECT_UNRETIRED_BINS)) {
            ps.setArray(1, c.createArrayOf("text", binIds.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    found.add(profile(rs));
                }
            }
        }
        return found;
    }

    private static Optional<BinProfile> find(Connection c, String binId, String sql) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, binId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(profile(rs)) : Optional.empty();
            }
        }
    }

    private static BinProfile profile(ResultSet rs) throws SQLException {
        return new BinProfile(rs.getString("id"), rs.getString("zone_id"), rs.getString("stream"),
                rs.getDouble("volume_l"), rs.getInt("depth_mm"), rs.getInt("sensor_offset_mm"),
                rs.getDouble("lat"), rs.getDouble("lon"), rs.getDouble("threshold_pct"));
    }
}
