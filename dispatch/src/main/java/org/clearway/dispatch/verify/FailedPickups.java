package org.clearway.dispatch.verify;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

import org.clearway.decisions.BinDecisionEngine;
import org.clearway.decisions.BinState;
import org.clearway.core.job.Job;
import org.clearway.core.job.JobState;
import org.clearway.dispatch.store.DecisionStateStore;
import org.clearway.dispatch.store.JobStore;
import org.clearway.dispatch.store.PickupRecords;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Closes the pickups flagged {@code no_drop} ({@link PickupChecks}): the job moves COLLECTED → FAILED (actor
 * {@code verifier}, dated at the end of its verification window, the cause in the event's reason) and keeps its
 * {@code verification} flag for the dispatcher; for a collection job the bin's threshold and forecast rules are
 * re-armed ({@link BinDecisionEngine#rearm}), so that a bin still above its threshold asks for a new job at its next
 * reading. Runs in the leader's verification sweep, on a transaction of its own: the telemetry handler that gives most
 * verdicts saves the bin's decision state after the checks, and would overwrite a re-arm made there.
 */
public final class FailedPickups {
    private static final Logger LOG = LoggerFactory.getLogger(FailedPickups.class);

    private final JobStore jobs;
    private final PickupRecords pickups;
    private final DecisionStateStore states;
    private final BinDecisionEngine engine;
    private final Duration window;

    /** @param window the verification window (a drop may show until this long after collection) */
    public FailedPickups(JobStore jobs, DecisionStateStore states, BinDecisionEngine engine, Duration window) {
        this.jobs = Objects.requireNonNull(jobs, "jobs");
        this.pickups = new PickupRecords(jobs);
        this.states = Objects.requireNonNull(states, "states");
        this.engine = Objects.requireNonNull(engine, "engine");
        this.window = Objects.requireNonNull(window, "window");
    }

    /**
     * Closes up to {@code limit} COLLECTED jobs flagged {@code no_drop}, on {@code c} (the caller commits).
     *
     * @return how many were closed
     */
    public int close(Connection c, int limit) throws SQLException {
        int closed = 0;
        for (Job job : pickups.collectedWithVerdict(c, PickupChecks.NO_DROP, limit)) {
            Optional<BinState> state = state(c, job.binId());
            Instant collected = job.enteredAt(JobState.COLLECTED).orElseThrow();
            String cause = String.format(Locale.ROOT, "pickup not verified (no_drop): the fill did not drop within %d "
                    + "minutes of the collection at %s%s; the bin is asked for again if it stays full", window.toMinutes(),
                    collected,
                    state.filter(s -> s.levelPct() != null && s.lastReadingAt() != null)
                            .map(s -> String.format(Locale.ROOT, " (level %.1f %% at %s)", s.levelPct(), s.lastReadingAt()))
                            .orElse(""));
            jobs.transition(c, Long.parseLong(job.id()), JobState.FAILED, collected.plus(window), PickupChecks.ACTOR, cause);
            if (job.reason().collection() && state.isPresent()) {
                states.save(c, engine.rearm(state.get()));
            }
            LOG.warn("Job {} of bin {} failed: {}", job.id(), job.binId(), cause);
            closed++;
        }
        return closed;
    }

    private Optional<BinState> state(Connection c, String binId) throws SQLException {
        try {
            return states.load(c, binId);
        } catch (DecisionStateStore.UnreadableStateException e) {
            LOG.warn("{}; bin {} is not re-armed (its next reading starts it over)", e.getMessage(), binId);
            return Optional.empty();
        }
    }
}
