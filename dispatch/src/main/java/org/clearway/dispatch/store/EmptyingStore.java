package org.clearway.dispatch.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;

import org.clearway.decisions.job.PickupVerdict.UnplannedEmptying;

/** Emptyings no job explains, in {@code unplanned_emptyings}; a repeat (same bin and time) is stored once. */
public final class EmptyingStore {

    static final String INSERT = "INSERT INTO unplanned_emptyings (bin_id, at, from_pct, to_pct) VALUES (?, ?, ?, ?) "
            + "ON CONFLICT (bin_id, at) DO NOTHING";

    /** @return whether it was new */
    public boolean record(Connection c, UnplannedEmptying emptying) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(INSERT)) {
            ps.setString(1, emptying.binId());
            ps.setTimestamp(2, Timestamp.from(emptying.at()));
            ps.setDouble(3, emptying.fromPct());
            ps.setDouble(4, emptying.toPct());
            return ps.executeUpdate() == 1;
        }
    }
}
