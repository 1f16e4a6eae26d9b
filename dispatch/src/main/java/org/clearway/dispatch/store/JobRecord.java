package org.clearway.dispatch.store;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

import org.clearway.core.job.Job;
import org.clearway.core.job.JobEvent;
import org.clearway.core.job.JobReason;
import org.clearway.core.job.JobState;
import org.clearway.core.job.Priority;

/**
 * One row of {@code jobs}.
 *
 * @param truckId           the truck it is assigned to, or null
 * @param cause             why it was created, in words
 * @param collectedWeightKg what the truck reported collecting, or null
 * @param collectedVolumeL  the same in litres, or null
 * @param verification      the pickup check's verdict in words, or null
 * @param announcedAt       when the broker acknowledged its publication, or null
 */
public record JobRecord(long id, String binId, JobReason reason, Priority priority, JobState state, Instant dueAt,
                        String truckId, Instant createdAt, Instant updatedAt, String cause, Double collectedWeightKg,
                        Double collectedVolumeL, String verification, Instant announcedAt) {

    public JobRecord {
        Objects.requireNonNull(binId, "binId");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(priority, "priority");
        Objects.requireNonNull(state, "state");
    }

    /** The decision module's job, with its history from {@code job_events} (oldest first). */
    public Job toJob(List<JobEvent> history) {
        return new Job(Long.toString(id), binId, reason, priority, dueAt, state, history);
    }
}
