package org.clearway.dispatch.plan;

import java.time.Instant;
import java.util.Objects;

import org.clearway.core.job.JobReason;
import org.clearway.core.job.JobState;
import org.clearway.core.job.Priority;

/**
 * A collection job as the planner sees it: the job row, its bin and the bin's last fill level.
 *
 * @param truckId     the truck it is assigned to, or null
 * @param lastEventAt when its last {@code job_events} row is dated: a move must not be dated before it
 * @param fillPct     the bin's last fill level in percent ({@code bin_state}), or null when no reading is stored
 */
public record PlanJob(long id, String binId, JobReason reason, Priority priority, JobState state, String truckId,
                      Instant dueAt, Instant lastEventAt, double lat, double lon, String stream, double volumeL,
                      Double fillPct) {

    public PlanJob {
        Objects.requireNonNull(binId, "binId");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(priority, "priority");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(dueAt, "dueAt");
        Objects.requireNonNull(stream, "stream");
    }

    /** The routing stop id of this job. */
    public String stopId() {
        return stopId(id);
    }

    public static String stopId(long jobId) {
        return "job-" + jobId;
    }

    /** Whether the truck is on it already: it stays on that truck, first on its route, and the planner never moves it. */
    public boolean takenByTruck() {
        return truckId != null && (state == JobState.ACCEPTED || state == JobState.ARRIVED);
    }

    /**
     * Whether a dispatcher gave it to a truck (the API's reassign: open, with a truck): the plan puts it on that truck,
     * after the jobs the truck has taken.
     */
    public boolean assignedByDispatcher() {
        return truckId != null && state == JobState.OPEN;
    }

    /** Whether it stays on its truck, at the start of the route: taken by the truck or given to it by a dispatcher. */
    public boolean pinned() {
        return takenByTruck() || assignedByDispatcher();
    }

    /** The same job with another state and truck (as a commit left it). */
    public PlanJob withAssignment(JobState newState, String newTruckId) {
        return new PlanJob(id, binId, reason, priority, newState, newTruckId, dueAt, lastEventAt, lat, lon, stream,
                volumeL, fillPct);
    }
}
