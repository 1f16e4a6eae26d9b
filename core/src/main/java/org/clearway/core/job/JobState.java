package org.clearway.core.job;

import java.util.EnumSet;
import java.util.Set;

/**
 * Where a job stands. The happy path is OPEN, PLANNED, DISPATCHED, ACCEPTED, ARRIVED, COLLECTED, VERIFIED; a job
 * may also end SKIPPED, FAILED or CANCELLED. Allowed moves:
 *
 * <pre>
 * OPEN        -> PLANNED, CANCELLED
 * PLANNED     -> DISPATCHED, OPEN (dropped from the plan), CANCELLED
 * DISPATCHED  -> ACCEPTED, OPEN (declined or withdrawn), CANCELLED
 * ACCEPTED    -> ARRIVED, SKIPPED, FAILED, CANCELLED
 * ARRIVED     -> COLLECTED, SKIPPED, FAILED
 * COLLECTED   -> VERIFIED, FAILED (the verifier: no drop of the fill after the pickup)
 * VERIFIED, SKIPPED, FAILED, CANCELLED: final
 * </pre>
 */
public enum JobState {
    OPEN, PLANNED, DISPATCHED, ACCEPTED, ARRIVED, COLLECTED, VERIFIED, SKIPPED, FAILED, CANCELLED;

    /** The states this one may move to; empty for a final state. */
    public Set<JobState> next() {
        return switch (this) {
            case OPEN -> EnumSet.of(PLANNED, CANCELLED);
            case PLANNED, DISPATCHED -> EnumSet.of(this == PLANNED ? DISPATCHED : ACCEPTED, OPEN, CANCELLED);
            case ACCEPTED -> EnumSet.of(ARRIVED, SKIPPED, FAILED, CANCELLED);
            case ARRIVED -> EnumSet.of(COLLECTED, SKIPPED, FAILED);
            case COLLECTED -> EnumSet.of(VERIFIED, FAILED);
            case VERIFIED, SKIPPED, FAILED, CANCELLED -> EnumSet.noneOf(JobState.class);
        };
    }

    public boolean canMoveTo(JobState to) {
        return next().contains(to);
    }

    /** Whether the job is over. Every other state counts as open for "one open job per bin and reason". */
    public boolean isFinal() {
        return next().isEmpty();
    }

    /** Whether moving to this state needs a reason text. */
    public boolean needsReason() {
        return this == SKIPPED || this == FAILED || this == CANCELLED;
    }
}
