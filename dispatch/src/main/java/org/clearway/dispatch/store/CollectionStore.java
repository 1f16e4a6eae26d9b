package org.clearway.dispatch.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;

/**
 * What was collected, for the city's reports ({@code collections}): one row per collected job, with the bin's stream
 * and community zone at collection time. A repeat for the same job is stored once.
 */
public final class CollectionStore {

    static final String INSERT = "INSERT INTO collections (job_id, bin_id, stream, zone_id, weight_kg, volume_l, collected_at) "
            + "VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (job_id) DO NOTHING";

    /** @return whether it was new */
    public boolean record(Connection c, long jobId, BinProfile bin, Double weightKg, Double volumeL, Instant collectedAt)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(INSERT)) {
            ps.setLong(1, jobId);
            ps.setString(2, bin.id());
            ps.setString(3, bin.stream());
            ps.setString(4, bin.zoneId());
            setDouble(ps, 5, weightKg);
            setDouble(ps, 6, volumeL);
            ps.setTimestamp(7, Timestamp.from(collectedAt));
            return ps.executeUpdate() == 1;
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
