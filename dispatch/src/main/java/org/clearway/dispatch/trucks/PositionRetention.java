package org.clearway.dispatch.trucks;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

import org.clearway.dispatch.leader.PacedChore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drops truck positions older than the retention ({@code CLEARWAY_DISPATCH_POSITION_RETENTION}), a chore of the
 * leader run at most once per {@link #EVERY}, at most {@link #BATCH} rows per run so that a first run on a large
 * table does not hold the leader for long. The shift totals ({@code truck_shifts}) are kept.
 */
public final class PositionRetention implements PacedChore.Work {
    private static final Logger LOG = LoggerFactory.getLogger(PositionRetention.class);
    /** How often it runs. */
    public static final Duration EVERY = Duration.ofMinutes(10);
    static final int BATCH = 50_000;

    static final String DELETE_OLD = "DELETE FROM truck_positions WHERE ctid IN (SELECT ctid FROM truck_positions "
            + "WHERE ts < ? LIMIT ?)";

    private final Duration retention;

    public PositionRetention(Duration retention) {
        this.retention = Objects.requireNonNull(retention, "retention");
    }

    @Override
    public boolean run(Connection c, Instant now) throws SQLException {
        int deleted;
        try (PreparedStatement ps = c.prepareStatement(DELETE_OLD)) {
            ps.setTimestamp(1, Timestamp.from(now.minus(retention)));
            ps.setInt(2, BATCH);
            deleted = ps.executeUpdate();
        }
        c.commit();
        if (deleted > 0) {
            LOG.info("Dropped {} truck positions older than {}", deleted, retention);
        }
        return deleted == BATCH;
    }
}
