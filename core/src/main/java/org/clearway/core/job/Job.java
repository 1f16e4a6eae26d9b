package org.clearway.core.job;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A job and its history. Change it only through {@link JobLifecycle}.
 *
 * @param id       the job's id
 * @param binId    the bin it is for
 * @param reason   why it exists
 * @param priority how it is scheduled
 * @param due      when it should be done by
 * @param state    where it stands: the last event's {@code to}
 * @param history  every change, oldest first; the first created it
 */
public record Job(String id, String binId, JobReason reason, Priority priority, Instant due, JobState state,
                  List<JobEvent> history) {

    public Job {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(binId, "binId");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(priority, "priority");
        Objects.requireNonNull(state, "state");
        history = List.copyOf(history);
        if (history.isEmpty() || history.get(history.size() - 1).to() != state) {
            throw new IllegalArgumentException("job " + id + ": state " + state + " is not the last event's");
        }
    }

    /** When the job last entered {@code state}, if it ever did. */
    public Optional<Instant> enteredAt(JobState target) {
        for (int i = history.size() - 1; i >= 0; i--) {
            if (history.get(i).to() == target) {
                return Optional.of(history.get(i).at());
            }
        }
        return Optional.empty();
    }

    public JobEvent lastEvent() {
        return history.get(history.size() - 1);
    }
}
