package org.clearway.dispatch.telemetry;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import org.clearway.decisions.BinState;
import org.clearway.dispatch.store.DecisionStateStore;
import org.clearway.dispatch.store.JobStore;

/**
 * What the telemetry handler reads ahead for a batch of messages, and the decision states it writes at the batch's
 * end, in two queries and one JDBC batch instead of three statements per message:
 *
 * <ul>
 *   <li>the bins' stored decision states (rows locked until the commit); a message sees the state its bin's earlier
 *       messages of the batch left ({@link #save}), else the stored one;</li>
 *   <li>which bins have no open job: for those the open reasons and the collected jobs to verify are known to be none
 *       without asking, until a message of the batch creates a job for the bin ({@link #jobCreated}).</li>
 * </ul>
 *
 * A message whose savepoint is rolled back never reaches {@link #save}; a bin outside the read-ahead (a message
 * handled alone, a read-ahead that failed) is read as before. Jobs another service opens for a bin while a batch runs
 * are seen by that bin's next batch. The leader's thread only.
 */
final class TelemetryBatch {
    private final DecisionStateStore states;
    private final JobStore jobs;
    private final Map<String, Optional<BinState>> statesAhead = new HashMap<>();
    private final Map<String, BinState> pending = new LinkedHashMap<>();
    private final Set<String> withoutOpenJobs = new HashSet<>();

    TelemetryBatch(DecisionStateStore states, JobStore jobs) {
        this.states = Objects.requireNonNull(states, "states");
        this.jobs = Objects.requireNonNull(jobs, "jobs");
    }

    /** Starts a batch for these bins: forgets the last one, reads ahead. */
    void begin(Connection c, Collection<String> binIds) throws SQLException {
        reset();
        if (binIds.isEmpty()) {
            return;
        }
        statesAhead.putAll(states.loadAll(c, binIds));
        withoutOpenJobs.addAll(binIds);
        withoutOpenJobs.removeAll(jobs.binsWithOpenJobs(c, binIds));
    }

    /**
     * The bin's state as the batch left it so far; an empty state for a bin with none stored.
     *
     * @throws DecisionStateStore.UnreadableStateException when the stored state cannot be read
     */
    BinState state(Connection c, String binId) throws SQLException {
        BinState saved = pending.get(binId);
        if (saved != null) {
            return saved;
        }
        Optional<BinState> ahead = statesAhead.get(binId);
        Optional<BinState> stored = ahead != null ? ahead : states.load(c, binId);
        return stored.orElseGet(() -> BinState.initial(binId));
    }

    /** The bin's new state, written by {@link #flush} before the commit. */
    void save(BinState state) {
        pending.put(state.binId(), state);
    }

    /** False only when the bin is known to have no open job. */
    boolean mayHaveOpenJobs(String binId) {
        return !withoutOpenJobs.contains(binId);
    }

    void jobCreated(String binId) {
        withoutOpenJobs.remove(binId);
    }

    /** Writes the batch's states (one JDBC batch) and forgets the batch. */
    void flush(Connection c) throws SQLException {
        try {
            states.saveAll(c, pending.values());
        } finally {
            reset();
        }
    }

    /** Forgets the last batch. */
    void reset() {
        statesAhead.clear();
        pending.clear();
        withoutOpenJobs.clear();
    }
}
