package org.clearway.ingest.store;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The registered, unretired bins that ingest accepts readings for, with what it needs to turn a
 * distance into a fill level. Cached: a known bin is looked up again after {@code knownTtl}, an
 * unknown one after {@code unknownTtl} (so that a bin registered a moment ago is soon accepted,
 * while a flood of messages for a bad bin id costs one query every few seconds).
 */
public final class BinDirectory {
    static final String FIND_BINS = "SELECT id, depth_mm, sensor_offset_mm FROM bins WHERE id = ANY(?) AND retired_at IS NULL";

    /** A bin's geometry for converting {@code distanceMm}. */
    public record BinGeometry(int depthMm, int sensorOffsetMm) {
    }

    private record Entry(BinGeometry geometry, long expiresAtNanos) {
    }

    private final Map<String, Entry> cache = new ConcurrentHashMap<>();
    private final long knownTtlNanos;
    private final long unknownTtlNanos;

    public BinDirectory(Duration knownTtl, Duration unknownTtl) {
        this.knownTtlNanos = knownTtl.toNanos();
        this.unknownTtlNanos = unknownTtl.toNanos();
    }

    /** The geometry of each of {@code ids} that is a registered, unretired bin; unknown ids are absent. */
    public Map<String, BinGeometry> resolve(Connection c, Set<String> ids) throws SQLException {
        long now = System.nanoTime();
        Map<String, BinGeometry> known = new HashMap<>();
        List<String> missing = new ArrayList<>();
        for (String id : ids) {
            Entry e = cache.get(id);
            if (e == null || e.expiresAtNanos() - now < 0) {
                missing.add(id);
            } else if (e.geometry() != null) {
                known.put(id, e.geometry());
            }
        }
        if (!missing.isEmpty()) {
            Map<String, BinGeometry> loaded = load(c, missing);
            for (String id : missing) {
                BinGeometry g = loaded.get(id);
                cache.put(id, new Entry(g, now + (g == null ? unknownTtlNanos : knownTtlNanos)));
                if (g != null) {
                    known.put(id, g);
                }
            }
        }
        return known;
    }

    private static Map<String, BinGeometry> load(Connection c, List<String> ids) throws SQLException {
        Map<String, BinGeometry> found = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement(FIND_BINS)) {
            Array array = c.createArrayOf("text", ids.toArray());
            ps.setArray(1, array);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    found.put(rs.getString(1), new BinGeometry(rs.getInt(2), rs.getInt(3)));
                }
            }
        }
        return found;
    }
}
