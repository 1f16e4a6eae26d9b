package org.clearway.dispatch.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;

/**
 * Alarms on bins ({@code alarms}): one live row (active or acknowledged) per bin and kind. Raising an alarm that is
 * live bumps its {@code occurrences} and {@code last_seen_at} instead of adding a row. Works on the caller's
 * connection and never commits.
 */
public final class AlarmStore {

    /** Sources, as the table's check lists them. */
    public static final String SENSOR = "sensor";
    public static final String RULE = "rule";

    static final String UPSERT = "INSERT INTO alarms (bin_id, kind, source, raised_at, last_seen_at, detail, job_id) "
            + "VALUES (?, ?, ?, ?, ?, ?, ?) "
            + "ON CONFLICT (bin_id, kind) WHERE state <> 'cleared' DO UPDATE SET "
            + "occurrences = alarms.occurrences + 1, "
            + "last_seen_at = greatest(alarms.last_seen_at, EXCLUDED.last_seen_at), "
            + "job_id = coalesce(alarms.job_id, EXCLUDED.job_id) "
            + "RETURNING id, (xmax = 0) AS inserted";

    static final String CLEAR = "UPDATE alarms SET state = 'cleared', cleared_at = greatest(?, last_seen_at), "
            + "cleared_by = ? WHERE bin_id = ? AND kind = ? AND state <> 'cleared'";

    /** The live alarm after {@link #raise}: its id, and whether this call created it. */
    public record Raised(long id, boolean inserted) {
    }

    /**
     * Raises the alarm, or counts one more occurrence of the live one.
     *
     * @param jobId the job that answers the alarm, or null; a live alarm keeps the job it has
     */
    public Raised raise(Connection c, String binId, String kind, String source, Instant at, String detail, Long jobId)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(UPSERT)) {
            ps.setString(1, binId);
            ps.setString(2, kind);
            ps.setString(3, source);
            ps.setTimestamp(4, Timestamp.from(at));
            ps.setTimestamp(5, Timestamp.from(at));
            ps.setString(6, detail);
            if (jobId == null) {
                ps.setNull(7, Types.BIGINT);
            } else {
                ps.setLong(7, jobId);
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return new Raised(rs.getLong(1), rs.getBoolean(2));
            }
        }
    }

    /**
     * Clears the bin's live alarm of this kind.
     *
     * @param by who cleared it ({@code rule} for the rules' own alarms)
     * @return whether there was one
     */
    public boolean clear(Connection c, String binId, String kind, Instant at, String by) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(CLEAR)) {
            ps.setTimestamp(1, Timestamp.from(at));
            ps.setString(2, by);
            ps.setString(3, binId);
            ps.setString(4, kind);
            return ps.executeUpdate() > 0;
        }
    }
}
