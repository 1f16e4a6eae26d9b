package org.clearway.dispatch.verify;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

import org.clearway.dispatch.leader.PacedChore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The leader's periodic close of pickups that no reading closed: every {@link #EVERY}, the COLLECTED jobs whose
 * verification window ended more than {@link #GRACE} ago (late readings may still be queued for the leader) get their
 * verdict from the stored readings: {@code verified}, {@code no_drop}, or {@code no_readings} when the bin sent
 * nothing in the window. Then the pickups flagged {@code no_drop} (by this sweep or by a reading) are closed as FAILED
 * and their bins re-armed ({@link FailedPickups}). At most {@link #BATCH} jobs of each kind per run, in one
 * transaction.
 */
public final class VerificationSweep implements PacedChore.Work {
    private static final Logger LOG = LoggerFactory.getLogger(VerificationSweep.class);
    /** How often the sweep runs. */
    public static final Duration EVERY = Duration.ofMinutes(1);
    /** How long after a window ends the sweep waits for late readings. */
    public static final Duration GRACE = Duration.ofMinutes(30);
    static final int BATCH = 100;

    private final PickupChecks checks;
    private final FailedPickups failed;

    public VerificationSweep(PickupChecks checks, FailedPickups failed) {
        this.checks = Objects.requireNonNull(checks, "checks");
        this.failed = Objects.requireNonNull(failed, "failed");
    }

    @Override
    public boolean run(Connection c, Instant now) throws SQLException {
        int closed = checks.sweep(c, now.minus(GRACE), BATCH);
        int failedPickups = failed.close(c, BATCH);
        c.commit();
        if (closed > 0 || failedPickups > 0) {
            LOG.info("Verification sweep: {} collected job(s) got their verdict, {} flagged no_drop closed as failed",
                    closed, failedPickups);
        }
        return false;
    }
}
