package org.clearway.dispatch.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.clearway.core.job.Job;
import org.clearway.core.time.DbClock;

/**
 * The pickup checks' side of the jobs table: collected jobs waiting for a verdict, and the verdicts
 * ({@code verified}, {@code emptied_low}, {@code no_drop}, {@code no_readings}) written back. Jobs come with their histories, as
 * {@link JobStore} loads them.
 */
public final class PickupRecords {
    static final String RECORD_VERIFICATION = "UPDATE jobs SET verification = ?, updated_at = greatest(updated_at, ?) "
            + "WHERE id = ?";

    /** Collected jobs whose pickup has no verdict yet. */
    static final String SELECT_UNCHECKED_OF_BIN = "SELECT " + JobStore.COLUMNS + " FROM jobs WHERE bin_id = ? "
            + "AND state = 'collected' AND verification IS NULL ORDER BY id";

    static final String SELECT_UNCHECKED_COLLECTED_BY = "SELECT " + JobStore.COLUMNS + " FROM jobs j WHERE state = 'collected' "
            + "AND verification IS NULL AND (SELECT max(e.at) FROM job_events e WHERE e.job_id = j.id "
            + "AND e.to_state = 'collected') <= ? ORDER BY id LIMIT ?";

    /** Collected jobs with a given verdict (a flag still to act on). */
    static final String SELECT_COLLECTED_WITH_VERDICT = "SELECT " + JobStore.COLUMNS + " FROM jobs WHERE state = 'collected' "
            + "AND verification = ? ORDER BY id LIMIT ?";

    static final String SELECT_COLLECTED_WITH_VERDICT_OF_BIN = "SELECT " + JobStore.COLUMNS + " FROM jobs WHERE bin_id = ? "
            + "AND state = 'collected' AND verification = ? ORDER BY id";

    private final JobStore jobs;
    private final Clock clock;

    /** Writes with the job store's clock (truncated to microseconds, {@link DbClock}). */
    public PickupRecords(JobStore jobs) {
        this.jobs = jobs;
        this.clock = jobs.clock();
    }

    /** Records the pickup check's verdict ({@code verified}, {@code emptied_low}, {@code no_drop}, {@code no_readings}). */
    public void recordVerification(Connection c, long jobId, String verdict) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(RECORD_VERIFICATION)) {
            ps.setString(1, verdict);
            ps.setTimestamp(2, Timestamp.from(clock.instant()));
            ps.setLong(3, jobId);
            JobStore.requireOne(ps.executeUpdate(), jobId);
        }
    }

    /** The bin's COLLECTED jobs with no verdict yet, with their histories, oldest first. */
    public List<Job> uncheckedCollectedOfBin(Connection c, String binId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(SELECT_UNCHECKED_OF_BIN)) {
            ps.setString(1, binId);
            return jobs.withHistories(c, JobStore.rows(ps));
        }
    }

    /** COLLECTED jobs with no verdict yet, collected at or before {@code collectedBy}, with their histories. */
    public List<Job> uncheckedCollectedBy(Connection c, Instant collectedBy, int limit) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(SELECT_UNCHECKED_COLLECTED_BY)) {
            ps.setTimestamp(1, Timestamp.from(collectedBy));
            ps.setInt(2, limit);
            return jobs.withHistories(c, JobStore.rows(ps));
        }
    }

    /** COLLECTED jobs whose verdict is {@code verdict} (e.g. {@code no_drop}), with their histories, oldest first. */
    public List<Job> collectedWithVerdict(Connection c, String verdict, int limit) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(SELECT_COLLECTED_WITH_VERDICT)) {
            ps.setString(1, verdict);
            ps.setInt(2, limit);
            return jobs.withHistories(c, JobStore.rows(ps));
        }
    }

    /** The bin's COLLECTED jobs whose verdict is {@code verdict}, with their histories, oldest first. */
    public List<Job> collectedWithVerdictOfBin(Connection c, String binId, String verdict) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(SELECT_COLLECTED_WITH_VERDICT_OF_BIN)) {
            ps.setString(1, binId);
            ps.setString(2, verdict);
            return jobs.withHistories(c, JobStore.rows(ps));
        }
    }
}
