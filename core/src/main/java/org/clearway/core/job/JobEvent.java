package org.clearway.core.job;

import java.time.Instant;
import java.util.Objects;

/**
 * One change of a job's state.
 *
 * @param from   the state before; null for the event that created the job
 * @param to     the state after
 * @param at     when it happened
 * @param actor  who or what caused it: {@code "engine"}, a driver's or dispatcher's id, {@code "planner"}
 * @param reason why, in words; required for SKIPPED, FAILED and CANCELLED, else may be null
 */
public record JobEvent(JobState from, JobState to, Instant at, String actor, String reason) {

    public JobEvent {
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(at, "at");
        if (actor == null || actor.isBlank()) {
            throw new IllegalArgumentException("a job event needs an actor");
        }
    }
}
