package org.clearway.dispatch.trucks;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

import org.clearway.dispatch.pipeline.LeaderChore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drops truck positions older than the retention ({@code CLEARWAY_DISPATCH_POSITION_RETENTION}), a chore of the
 * leader run at most once per {@link #EVERY}, at most {@link #BATCH} rows per run so that a first run on a large
 * table does not hold the leader for long. The shift totals ({@code truck_shifts}) are kept.
 */
public final class PositionRetention implements LeaderChore {
    private static final Logger LOG = LoggerFactory.getLogger(PositionRetention.class);
    /** How often it runs. */
    public static final Duration EVERY = Duration.ofMinutes(10);
    static final int BATCH = 50_000;

    static final String DELETE_OLD = "DELETE FROM truck_positions WHERE ctid IN (SELECT ctid FROM truck_positions "
            + "WHERE ts < ? LIMIT ?)";

    private final Duration retention;
    private final Clock clock;
    private Instant lastRun;

    public PositionRetention(Duration retention, Clock clock) {
        this.retention = Objects.requireNonNull(retention, "retention");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public void run(Connection c) throws SQLException {
        Instant now = clock.instant();
        if (lastRun != null && now.isBefore(lastRun.plus(EVERY)) && !now.isBefore(lastRun)) {
            return;
        }
        int deleted;
        try (PreparedStatement ps = c.prepareStatement(DELETE_OLD)) {
            ps.setTimestamp(1, Timestamp.from(now.minus(retention)));
            ps.setInt(2, BATCH);
            deleted = ps.executeUpdate();
        }
        c.commit();
        lastRun = deleted == BATCH ? null : now;
        if (deleted > 0) {
            LOG.info("Dropped {} truck positions older than {}", deleted, retention);
        }
    }
}
