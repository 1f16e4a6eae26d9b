package org.clearway.dispatch.rounds;

import java.util.Locale;

import org.clearway.core.job.JobReason;

/**
 * Which collection policy the dispatch service runs ({@code CLEARWAY_DISPATCH_POLICY}).
 *
 * <ul>
 *   <li>{@link #ROUNDS} (the default): the round and risk policy of docs/policy.md. The {@link RoundsChore} fits each
 *       district and stream's round days and, before and during each shift, opens {@code risk} and {@code round} jobs
 *       on a round day and {@code urgent} jobs between rounds when the trip is worth it. The engine's per-reading
 *       threshold and forecast jobs are not opened: the selection replaces them.</li>
 *   <li>{@link #THRESHOLD}: the former behaviour: a {@code threshold} or {@code forecast} job per reading that asks
 *       for it; no rounds.</li>
 * </ul>
 * Alarms, citizen reports and manual jobs are the same under both.
 */
public enum DispatchPolicy {
    ROUNDS,
    THRESHOLD;

    /** Whether a job of this reason, asked for by the decision engine on a reading, is opened. */
    public boolean opensPerReading(JobReason reason) {
        return this == THRESHOLD || (reason != JobReason.THRESHOLD && reason != JobReason.FORECAST);
    }

    /** Whether the rounds chore runs. */
    public boolean rounds() {
        return this == ROUNDS;
    }

    /** The policy of {@code CLEARWAY_DISPATCH_POLICY}'s value ({@code rounds} or {@code threshold}). */
    public static DispatchPolicy parse(String value) {
        String v = value == null ? "" : value.strip().toLowerCase(Locale.ROOT);
        return switch (v) {
            case "rounds" -> ROUNDS;
            case "threshold" -> THRESHOLD;
            default -> throw new IllegalArgumentException("Environment variable CLEARWAY_DISPATCH_POLICY='" + value
                    + "' is not valid: set it to rounds (the round and risk policy, the default) or threshold (a job "
                    + "per threshold or forecast reading), or unset it for rounds.");
        };
    }
}
