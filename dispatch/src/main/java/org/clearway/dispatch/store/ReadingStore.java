package org.clearway.dispatch.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.clearway.decisions.signal.FillSample;

/**
 * Reads the stored telemetry ({@code readings}, written by ingest) that dispatch's checks look back on: a bin's
 * readings around a pickup, and the readings of a bin's neighbours for the stuck-sensor rule.
 */
public final class ReadingStore {

    static final String SELECT_LAST_AT_OR_BEFORE = "SELECT measured_at, fill_pct FROM readings WHERE bin_id = ? "
            + "AND measured_at <= ? ORDER BY measured_at DESC LIMIT ?";

    static final String SELECT_BETWEEN = "SELECT measured_at, fill_pct FROM readings WHERE bin_id = ? "
            + "AND measured_at > ? AND measured_at <= ? ORDER BY measured_at";

    /** The neighbours of a bin: the unretired bins of its zone and stream, itself excluded. */
    static final String SELECT_NEIGHBOUR_READINGS = "SELECT r.bin_id, r.measured_at, r.fill_pct FROM readings r "
            + "JOIN bins b ON b.id = r.bin_id WHERE b.zone_id = ? AND b.stream = ? AND b.id <> ? "
            + "AND b.retired_at IS NULL AND r.measured_at > ? AND r.measured_at <= ? ORDER BY r.bin_id, r.measured_at";

    /** The bin's last {@code limit} readings at or before {@code at}, oldest first. */
    public List<FillSample> lastAtOrBefore(Connection c, String binId, Instant at, int limit) throws SQLException {
        List<FillSample> found = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(SELECT_LAST_AT_OR_BEFORE)) {
            ps.setString(1, binId);
            ps.setTimestamp(2, Timestamp.from(at));
            ps.setInt(3, limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    found.add(new FillSample(rs.getTimestamp(1).toInstant(), rs.getDouble(2)));
                }
            }
        }
        Collections.reverse(found);
        return found;
    }

    /** The bin's readings in {@code (after, until]}, oldest first. */
    public List<FillSample> between(Connection c, String binId, Instant after, Instant until) throws SQLException {
        List<FillSample> found = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(SELECT_BETWEEN)) {
            ps.setString(1, binId);
            ps.setTimestamp(2, Timestamp.from(after));
            ps.setTimestamp(3, Timestamp.from(until));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    found.add(new FillSample(rs.getTimestamp(1).toInstant(), rs.getDouble(2)));
                }
            }
        }
        return found;
    }

    /** The readings in {@code (after, until]} of each neighbour of the bin (same zone and stream), oldest first. */
    public Map<String, List<FillSample>> neighbourReadings(Connection c, BinProfile bin, Instant after, Instant until)
            throws SQLException {
        Map<String, List<FillSample>> byBin = new LinkedHashMap<>();
        try (PreparedStatement ps = c.prepareStatement(SELECT_NEIGHBOUR_READINGS)) {
            ps.setString(1, bin.zoneId());
            ps.setString(2, bin.stream());
            ps.setString(3, bin.id());
            ps.setTimestamp(4, Timestamp.from(after));
            ps.setTimestamp(5, Timestamp.from(until));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    byBin.computeIfAbsent(rs.getString(1), k -> new ArrayList<>())
                            .add(new FillSample(rs.getTimestamp(2).toInstant(), rs.getDouble(3)));
                }
            }
        }
        return byBin;
    }
}
