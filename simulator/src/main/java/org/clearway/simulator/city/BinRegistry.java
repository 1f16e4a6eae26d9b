package org.clearway.simulator.city;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/**
 * Registers simulated bins and their zones in the registry tables, in the connections' current
 * schema, idempotently: rows that exist already are left as they are ({@code ON CONFLICT DO
 * NOTHING}), so registering the same city twice changes nothing. All in one transaction.
 */
public final class BinRegistry {
    static final String INSERT_ZONES = """
            INSERT INTO zones (id, parent_id, level, name)
            SELECT * FROM unnest(?::text[], ?::text[], ?::text[], ?::text[])
            ON CONFLICT (id) DO NOTHING
            """;
    static final String INSERT_BINS = """
            INSERT INTO bins (id, zone_id, stream, volume_l, depth_mm, sensor_offset_mm, lat, lon, threshold_pct)
            SELECT * FROM unnest(?::text[], ?::text[], ?::text[], ?::float8[], ?::int4[], ?::int4[],
                                 ?::float8[], ?::float8[], ?::float8[])
            ON CONFLICT (id) DO NOTHING
            """;
    static final String SELECT_BINS = """
            SELECT id, zone_id, stream, depth_mm, sensor_offset_mm FROM bins WHERE id = ANY (?::text[])
            """;
    private static final int CHUNK = 5_000;

    private BinRegistry() {
    }

    /**
     * Inserts the bins' zones (with their parents) and the bins.
     *
     * @throws SQLException when the registry tables are missing (apply the migrations first) or the
     *                      database refuses a row
     */
    public static RegistrationResult register(DataSource dataSource, List<SimBin> bins) throws SQLException {
        Map<String, SimZone> zones = new LinkedHashMap<>();
        for (SimBin bin : bins) {
            for (SimZone z = bin.zone(); z != null; z = z.parent()) {
                zones.putIfAbsent(z.id(), z);
            }
        }
        List<SimZone> ordered = new ArrayList<>(zones.values());
        // Parents before children: the zone trigger checks the parent's level.
        ordered.sort(Comparator.comparing(SimZone::level));
        try (Connection c = dataSource.getConnection()) {
            boolean autoCommit = c.getAutoCommit();
            c.setAutoCommit(false);
            try {
                int zonesInserted = insertZones(c, ordered);
                int binsInserted = 0;
                List<String> mismatched = new ArrayList<>();
                for (int from = 0; from < bins.size(); from += CHUNK) {
                    List<SimBin> chunk = bins.subList(from, Math.min(bins.size(), from + CHUNK));
                    binsInserted += insertBins(c, chunk);
                    mismatched.addAll(mismatched(c, chunk));
                }
                c.commit();
                return new RegistrationResult(zonesInserted, binsInserted, mismatched);
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(autoCommit);
            }
        }
    }

    private static int insertZones(Connection c, List<SimZone> zones) throws SQLException {
        int inserted = 0;
        for (ZoneLevel level : ZoneLevel.values()) {
            List<SimZone> atLevel = zones.stream().filter(z -> z.level() == level).toList();
            if (atLevel.isEmpty()) {
                continue;
            }
            try (PreparedStatement ps = c.prepareStatement(INSERT_ZONES)) {
                ps.setArray(1, text(c, atLevel.stream().map(SimZone::id).toArray()));
                ps.setArray(2, text(c, atLevel.stream().map(SimZone::parentId).toArray()));
                ps.setArray(3, text(c, atLevel.stream().map(z -> z.level().code()).toArray()));
                ps.setArray(4, text(c, atLevel.stream().map(SimZone::name).toArray()));
                inserted += ps.executeUpdate();
            }
        }
        return inserted;
    }

    private static int insertBins(Connection c, List<SimBin> bins) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(INSERT_BINS)) {
            ps.setArray(1, text(c, bins.stream().map(SimBin::id).toArray()));
            ps.setArray(2, text(c, bins.stream().map(b -> b.zone().id()).toArray()));
            ps.setArray(3, text(c, bins.stream().map(b -> b.stream().code()).toArray()));
            ps.setArray(4, c.createArrayOf("float8", bins.stream().map(SimBin::volumeL).toArray()));
            ps.setArray(5, c.createArrayOf("int4", bins.stream().map(SimBin::depthMm).toArray()));
            ps.setArray(6, c.createArrayOf("int4", bins.stream().map(SimBin::sensorOffsetMm).toArray()));
            ps.setArray(7, c.createArrayOf("float8", bins.stream().map(SimBin::lat).toArray()));
            ps.setArray(8, c.createArrayOf("float8", bins.stream().map(SimBin::lon).toArray()));
            ps.setArray(9, c.createArrayOf("float8", bins.stream().map(SimBin::thresholdPct).toArray()));
            return ps.executeUpdate();
        }
    }

    private static List<String> mismatched(Connection c, List<SimBin> bins) throws SQLException {
        Map<String, SimBin> byId = new HashMap<>();
        bins.forEach(b -> byId.put(b.id(), b));
        List<String> mismatched = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(SELECT_BINS)) {
            ps.setArray(1, text(c, byId.keySet().toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    SimBin b = byId.get(rs.getString(1));
                    if (!b.zone().id().equals(rs.getString(2)) || !b.stream().code().equals(rs.getString(3))
                            || b.depthMm() != rs.getInt(4) || b.sensorOffsetMm() != rs.getInt(5)) {
                        mismatched.add(b.id());
                    }
                }
            }
        }
        mismatched.sort(null);
        return mismatched;
    }

    private static Array text(Connection c, Object[] values) throws SQLException {
        return c.createArrayOf("text", values);
    }
}
