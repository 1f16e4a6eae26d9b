package org.clearway.core.job;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The job state machine: creates jobs and moves them along the transitions {@link JobState} allows, recording each
 * change as a {@link JobEvent}. Illegal moves throw {@link IllegalJobTransitionException}; a move dated before the
 * job's last event, or a SKIPPED, FAILED or CANCELLED without a reason, throws {@link IllegalArgumentException}.
 */
public final class JobLifecycle {

    private JobLifecycle() {
    }

    /** A new OPEN job; its first event has no {@code from} state and records the cause. */
    public static Job open(String id, String binId, JobReason reason, Priority priority, Instant due, Instant at,
                           String actor, String cause) {
        return new Job(id, binId, reason, priority, due, JobState.OPEN,
                List.of(new JobEvent(null, JobState.OPEN, at, actor, cause)));
    }

    /** The job moved to {@code to}. */
    public static Job move(Job job, JobState to, Instant at, String actor, String reason) {
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(at, "at");
        if (!job.state().canMoveTo(to)) {
            throw new IllegalJobTransitionException(job.id(), job.state(), to);
        }
        if (to.needsReason() && (reason == null || reason.isBlank())) {
            throw new IllegalArgumentException("job " + job.id() + ": moving to " + to + " needs a reason");
        }
        Instant last = job.lastEvent().at();
        if (at.isBefore(last)) {
            throw new IllegalArgumentException("job " + job.id() + ": a move to " + to + " at " + at
                    + " is before its last change at " + last);
        }
        List<JobEvent> history = new ArrayList<>(job.history());
        history.add(new JobEvent(job.state(), to, at, actor, reason));
        return new Job(job.id(), job.binId(), job.reason(), job.priority(), job.due(), to, history);
    }

    public static Job plan(Job job, Instant at, String actor) {
        return move(job, JobState.PLANNED, at, actor, null);
    }

    public static Job dispatch(Job job, Instant at, String actor) {
        return move(job, JobState.DISPATCHED, at, actor, null);
    }

    public static Job accept(Job job, Instant at, String actor) {
        return move(job, JobState.ACCEPTED, at, actor, null);
    }

    public static Job arrive(Job job, Instant at, String actor) {
        return move(job, JobState.ARRIVED, at, actor, null);
    }

    public static Job collect(Job job, Instant at, String actor) {
        return move(job, JobState.COLLECTED, at, actor, null);
    }

    public static Job verify(Job job, Instant at, String actor) {
        return move(job, JobState.VERIFIED, at, actor, null);
    }

    /** Back to OPEN: dropped from a plan, or declined by the driver. */
    public static Job reopen(Job job, Instant at, String actor, String reason) {
        return move(job, JobState.OPEN, at, actor, reason);
    }

    public static Job skip(Job job, Instant at, String actor, String reason) {
        return move(job, JobState.SKIPPED, at, actor, reason);
    }

    public static Job fail(Job job, Instant at, String actor, String reason) {
        return move(job, JobState.FAILED, at, actor, reason);
    }

    public static Job cancel(Job job, Instant at, String actor, String reason) {
        return move(job, JobState.CANCELLED, at, actor, reason);
    }
}
