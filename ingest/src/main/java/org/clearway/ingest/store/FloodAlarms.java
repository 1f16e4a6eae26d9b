package org.clearway.ingest.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.List;
import javax.sql.DataSource;
import org.clearway.ingest.message.Flood;

/**
 * Raises or refreshes the {@code flooding} alarm (source {@code rule}) of each flooding bin: one live alarm per
 * bin, its {@code occurrences} counting the messages over the flood limit (stored, or parked beyond the ceiling),
 * its detail the latest figures. A flooding device (a network server's, counted by {@code device:<id>}) raises the
 * alarm of the bin it is on now. Bins that are not registered get no alarm (their messages are rejected as
 * {@code unknown_bin} anyway), nor devices on no bin.
 */
public final class FloodAlarms {
    static final String UPSERT = """
            INSERT INTO alarms (bin_id, kind, source, raised_at, last_seen_at, occurrences, detail)
            SELECT b.id, 'flooding', 'rule', ?, ?, ?, ? FROM bins b
             WHERE b.id = ? OR b.id = (SELECT a.bin_id FROM device_assignments a
                                        WHERE ? LIKE 'device:%' AND a.device_id = substr(?, 8) AND a.valid_to IS NULL)
            ON CONFLICT (bin_id, kind) WHERE state <> 'cleared' DO UPDATE
               SET last_seen_at = greatest(alarms.last_seen_at, EXCLUDED.last_seen_at),
                   occurrences = least(2147483647::bigint, alarms.occurrences::bigint + EXCLUDED.occurrences)::integer,
                   detail = EXCLUDED.detail""";

    private final DataSource dataSource;

    public FloodAlarms(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Stores the floods in one transaction. */
    public void raise(List<Flood> floods) throws SQLException {
        if (floods.isEmpty()) {
            return;
        }
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(UPSERT)) {
            c.setAutoCommit(false);
            for (Flood f : floods) {
                s.setTimestamp(1, Timestamp.from(f.firstAt()));
                s.setTimestamp(2, Timestamp.from(f.lastAt()));
                s.setInt(3, (int) Math.min(Integer.MAX_VALUE, f.overLimit()));
                s.setString(4, (f.binId().startsWith("device:") ? f.binId() + " " : "") + String.format("sent %d messages in one window against a flood limit of %d; %d over "
                        + "the limit since %s, of which %d parked beyond the ceiling in rejected_messages "
                        + "(rate_limited, to replay) and the rest stored", f.sentInWindow(), f.limit(), f.overLimit(),
                        f.firstAt(), f.parked()));
                s.setString(5, f.binId());
                s.setString(6, f.binId());
                s.setString(7, f.binId());
                s.addBatch();
            }
            s.executeBatch();
            c.commit();
        }
    }
}
