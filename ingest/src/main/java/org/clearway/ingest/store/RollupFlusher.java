package org.clearway.ingest.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Adds the readings that ingest's commits left in {@code rollup_pending} to the roll-ups (V29,
 * {@code clearway_rollup_flush}), every {@code interval}, off the path that acknowledges messages: many batches'
 * readings in one transaction of its own, at most {@code limit} at a time, again at once while a full limit was taken.
 * While ingest is {@code busy} (messages wait for a writer: a burst, a backlog after an outage) it yields the database
 * to the writers, for at most {@code maxDelay} since its last flush: the acknowledgements first, the roll-ups after.
 * A failed flush changes nothing (its transaction rolls back, the rows stay pending) and is tried at the next interval.
 */
public final class RollupFlusher implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RollupFlusher.class);
    static final String FLUSH = "SELECT clearway_rollup_flush(?)";

    private final DataSource dataSource;
    private final Duration interval;
    private final int limit;
    private final Duration maxDelay;
    private final BooleanSupplier busy;
    private ScheduledExecutorService timer;
    private long lastFlushNanos = System.nanoTime();

    public RollupFlusher(DataSource dataSource, Duration interval, int limit, Duration maxDelay, BooleanSupplier busy) {
        this.dataSource = dataSource;
        this.interval = interval;
        this.limit = limit;
        this.maxDelay = maxDelay;
        this.busy = busy;
    }

    /** Flushes every interval on a thread of its own. */
    public RollupFlusher start() {
        timer = Executors.newSingleThreadScheduledExecutor(r -> Thread.ofPlatform().daemon().name("ingest-rollups")
                .unstarted(r));
        long every = interval.toMillis();
        timer.scheduleWithFixedDelay(this::flushUnlessBusy, every, every, TimeUnit.MILLISECONDS);
        return this;
    }

    /** Adds everything pending now, in transactions of at most {@code limit} readings; returns how many. */
    public long flush() throws SQLException {
        long total = 0;
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(FLUSH)) {
            c.setAutoCommit(true);
            ps.setInt(1, limit);
            while (true) {
                int taken;
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    taken = rs.getInt(1);
                }
                total += taken;
                if (taken < limit) {
                    return total;
                }
            }
        }
    }

    private void flushUnlessBusy() {
        if (busy.getAsBoolean() && System.nanoTime() - lastFlushNanos < maxDelay.toNanos()) {
            return;
        }
        flushQuietly();
    }

    private void flushQuietly() {
        lastFlushNanos = System.nanoTime();
        try {
            flush();
        } catch (SQLException | RuntimeException e) {
            LOG.warn("Cannot add pending readings to the roll-ups ({}); they stay in rollup_pending, trying again in {} ms",
                    e.getMessage(), interval.toMillis());
        }
    }

    /** Stops the timer, then adds what the last commits left (when the database lets it). */
    @Override
    public void close() {
        if (timer != null) {
            timer.shutdown();
            try {
                timer.awaitTermination(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        flushQuietly();
    }
}
