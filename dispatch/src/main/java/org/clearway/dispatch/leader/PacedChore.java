package org.clearway.dispatch.leader;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * A leader chore that works at most once per interval: the term offers it a turn often, it takes one when the
 * interval has passed since its last run (or the clock went back), and at once again when the last run said more
 * was left (a sweep that hit its batch limit).
 */
public final class PacedChore implements LeaderChore {

    /** One run of the work, which commits its own work; true when more is left to do. */
    @FunctionalInterface
    public interface Work {
        boolean run(Connection c, Instant now) throws SQLException;
    }

    private final Duration every;
    private final Clock clock;
    private final Work work;
    private Instant lastRun;

    public PacedChore(Duration every, Clock clock, Work work) {
        this.every = Objects.requireNonNull(every, "every");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.work = Objects.requireNonNull(work, "work");
    }

    @Override
    public void run(Connection c) throws SQLException {
        Instant now = clock.instant();
        if (lastRun != null && now.isBefore(lastRun.plus(every)) && !now.isBefore(lastRun)) {
            return;
        }
        boolean more = work.run(c, now);
        lastRun = more ? null : now;
    }
}
