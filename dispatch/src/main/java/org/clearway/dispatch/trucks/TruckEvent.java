package org.clearway.dispatch.trucks;

import java.util.Locale;
import java.util.Optional;

import org.clearway.core.job.JobState;

/** What a truck reports about a job, by its wire name (the constant in lower case), and the state it moves the job to. */
public enum TruckEvent {
    /** the driver takes the dispatched job */
    ACCEPTED(JobState.ACCEPTED, false),
    /** the driver gives the dispatched job back; it is open again and unassigned */
    DECLINED(JobState.OPEN, true),
    /** the truck is at the bin */
    ARRIVED(JobState.ARRIVED, false),
    /** the bin was emptied into the truck; may carry the weight and volume */
    COLLECTED(JobState.COLLECTED, false),
    /** not collected, for a reason the driver gives (blocked access, bin missing, ...) */
    SKIPPED(JobState.SKIPPED, true),
    /** the attempt failed (truck breakdown, ...) */
    FAILED(JobState.FAILED, true);

    private final JobState to;
    private final boolean needsReason;

    TruckEvent(JobState to, boolean needsReason) {
        this.to = to;
        this.needsReason = needsReason;
    }

    public JobState to() {
        return to;
    }

    /**
     * Whether a truck may report this event on a job in {@code state}: the state machine's moves, except out of
     * COLLECTED (its move to FAILED belongs to the pickup check, docs/decisions.md).
     */
    public boolean allowedFrom(JobState state) {
        return state != JobState.COLLECTED && state.canMoveTo(to);
    }

    public boolean needsReason() {
        return needsReason;
    }

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<TruckEvent> fromWireName(String name) {
        for (TruckEvent event : values()) {
            if (event.wireName().equals(name)) {
                return Optional.of(event);
            }
        }
        return Optional.empty();
    }
}
