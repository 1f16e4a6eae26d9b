package org.clearway.decisions;

import java.time.Instant;
import java.util.Objects;

import org.clearway.core.job.JobReason;
import org.clearway.core.job.Priority;

/** What the engine asks the rest of the system to do or to record. */
public sealed interface Decision {

    String binId();

    /**
     * Create a job (the engine never asks for a second open job of the same reason).
     *
     * @param at    the time of the reading (or request) that caused it
     * @param cause the cause in words, for the job's first event
     */
    record CreateJob(String binId, JobReason reason, Priority priority, Instant due, Instant at, String cause)
            implements Decision {
        public CreateJob {
            Objects.requireNonNull(binId, "binId");
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(priority, "priority");
            Objects.requireNonNull(due, "due");
            Objects.requireNonNull(at, "at");
        }
    }

    /** The bin was emptied: its level fell from {@code fromPct} to {@code toPct}; {@code at} is the first low reading. */
    record Emptied(String binId, Instant at, double fromPct, double toPct) implements Decision {
    }

    /** The bin's sensor looks stuck at {@code levelPct} since {@code since} while its neighbours filled. */
    record StuckFlag(String binId, Instant since, double levelPct) implements Decision {
    }
}
