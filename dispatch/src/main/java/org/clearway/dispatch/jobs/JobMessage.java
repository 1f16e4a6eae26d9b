package org.clearway.dispatch.jobs;

import java.time.Instant;

import org.clearway.dispatch.store.BinProfile;
import org.clearway.dispatch.store.Codes;
import org.clearway.dispatch.store.JobRecord;

/**
 * A job as published on {@code {prefix}dispatch/jobs/{jobId}} (version 1; docs/dispatch.md). Codes are the
 * database's (lower case); times are ISO-8601 UTC.
 */
public record JobMessage(int version, long jobId, String binId, String reason, String priority, String state,
                         Instant dueAt, Instant createdAt, String cause, String truckId, Bin bin) {

    public static final int VERSION = 1;

    /** Where the bin is and what it holds. */
    public record Bin(String zoneId, String stream, double volumeL, double lat, double lon) {
    }

    public static JobMessage of(JobRecord job, BinProfile bin) {
        return new JobMessage(VERSION, job.id(), job.binId(), Codes.of(job.reason()), Codes.of(job.priority()),
                Codes.of(job.state()), job.dueAt(), job.createdAt(), job.cause(), job.truckId(),
                new Bin(bin.zoneId(), bin.stream(), bin.volumeL(), bin.lat(), bin.lon()));
    }
}
