package org.clearway.dispatch.trucks;

/**
 * Dispatch's answer to a truck's update, on {@code {prefix}trucks/{truckId}/replies} (version 1, docs/trucks.md).
 *
 * @param updateId the update's own id, or null when it had none
 * @param jobId    the job, or null when the update could not be read
 * @param status   {@code applied}, {@code duplicate} (already applied: a repeat) or {@code rejected}
 * @param state    the job's state after the update, or null when there is no such job
 * @param detail   why it was rejected, or null
 */
public record TruckReply(int version, String updateId, Long jobId, String status, String state, String detail) {

    public static final String APPLIED = "applied";
    public static final String DUPLICATE = "duplicate";
    public static final String REJECTED = "rejected";

    public static TruckReply of(String updateId, Long jobId, String status, String state, String detail) {
        return new TruckReply(TruckUpdate.VERSION, updateId, jobId, status, state, detail);
    }
}
