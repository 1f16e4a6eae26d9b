package org.clearway.dispatch.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import org.clearway.core.time.DbClock;
import org.clearway.decisions.Decision.CreateJob;
import org.clearway.core.job.Job;
import org.clearway.core.job.JobEvent;
import org.clearway.core.job.JobLifecycle;
import org.clearway.core.job.JobReason;
import org.clearway.core.job.JobState;

/**
 * Jobs and their events in {@code jobs} and {@code job_events}. Every method works on the caller's connection and
 * never commits: call them inside a transaction (auto-commit off), so that a job and its events, or a job and the
 * decision state that asked for it, are stored together or not at all.
 *
 * <p>Creating is idempotent: the partial unique index {@code jobs_one_open_per_bin_reason} allows one open
 * (non-final) job per bin and reason, and a second request while one is open creates nothing. State changes follow
 * {@link JobLifecycle}'s rules on the job's stored history and add one {@code job_events} row each.
 */
public final class JobStore {

    static final String COLUMNS = "id, bin_id, reason, priority, state, due_at, truck_id, created_at, updated_at, cause, "
            + "collected_weight_kg, collected_volume_l, verification, announced_at";

    static final String INSERT_JOB = "INSERT INTO jobs (bin_id, reason, priority, state, due_at, created_at, updated_at, cause) "
            + "VALUES (?, ?, ?, 'open', ?, ?, ?, ?) "
            + "ON CONFLICT (bin_id, reason) WHERE state NOT IN " + Codes.FINAL_STATES_SQL + " DO NOTHING "
            + "RETURNING " + COLUMNS;

    static final String INSERT_EVENT = "INSERT INTO job_events (job_id, from_state, to_state, at, actor, reason) "
            + "VALUES (?, ?, ?, ?, ?, ?)";

    static final String SELECT_JOB = "SELECT " + COLUMNS + " FROM jobs WHERE id = ?";

    static final String SELECT_JOB_FOR_UPDATE = SELECT_JOB + " FOR UPDATE";

    static final String SELECT_EVENTS = "SELECT from_state, to_state, at, actor, reason FROM job_events "
            + "WHERE job_id = ? ORDER BY id";

    static final String UPDATE_STATE = "UPDATE jobs SET state = ?, updated_at = greatest(updated_at, ?) WHERE id = ?";

    static final String SELECT_OPEN_OF_BIN = "SELECT " + COLUMNS + " FROM jobs WHERE bin_id = ? "
            + "AND state NOT IN " + Codes.FINAL_STATES_SQL + " ORDER BY id";

    static final String SELECT_BINS_WITH_OPEN = "SELECT DISTINCT bin_id FROM jobs WHERE bin_id = ANY (?) "
            + "AND state NOT IN " + Codes.FINAL_STATES_SQL;

    static final String SELECT_OF_BIN_UPDATED_SINCE = "SELECT " + COLUMNS + " FROM jobs WHERE bin_id = ? "
            + "AND state = ANY (?) AND updated_at >= ? ORDER BY id";

    static final String SELECT_UNANNOUNCED = "SELECT " + COLUMNS + " FROM jobs WHERE announced_at IS NULL ORDER BY id LIMIT ?";

    static final String MARK_ANNOUNCED = "UPDATE jobs SET announced_at = ? WHERE id = ANY (?) AND announced_at IS NULL";

    static final String ASSIGN_TRUCK = "UPDATE jobs SET truck_id = ?, updated_at = greatest(updated_at, ?) WHERE id = ?";

    static final String RECORD_COLLECTED = "UPDATE jobs SET collected_weight_kg = ?, collected_volume_l = ? WHERE id = ?";

    private final Clock clock;

    /**
     * @param clock the time written to {@code created_at} and {@code updated_at}, truncated to microseconds as the
     *              database keeps it ({@link DbClock})
     */
    public JobStore(Clock clock) {
        this.clock = DbClock.of(clock);
    }

    /** The store's clock, for the pickup records written beside it. */
    Clock clock() {
        return clock;
    }

    /**
     * Creates the job the engine asked for, with its OPEN event (dated at the request's {@code at}, with its cause),
     * unless the bin already has an open job of that reason.
     *
     * @return the new job, or empty when an open job of its bin and reason already exists
     */
    public Optional<JobRecord> create(Connection c, CreateJob request, String actor) throws SQLException {
        requireTransaction(c);
        Instant now = clock.instant();
        JobRecord created;
        try (PreparedStatement ps = c.prepareStatement(INSERT_JOB)) {
            ps.setString(1, request.binId());
            ps.setString(2, Codes.of(request.reason()));
            ps.setString(3, Codes.of(request.priority()));
            ps.setTimestamp(4, Timestamp.from(DbClock.truncate(request.due())));
            ps.setTimestamp(5, Timestamp.from(now));
            ps.setTimestamp(6, Timestamp.from(now));
            ps.setString(7, request.cause());
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                created = row(rs);
            }
        }
        Job job = JobLifecycle.open(Long.toString(created.id()), request.binId(), request.reason(), request.priority(),
                DbClock.truncate(request.due()), DbClock.truncate(request.at()), actor, request.cause());
        insertEvent(c, created.id(), job.lastEvent());
        return Optional.of(created);
    }

    /**
     * Moves a job to {@code to} by {@link JobLifecycle#move}: the job row is locked, its history read, the move
     * checked (at {@code at} truncated to microseconds: the stored history has no more, and a nanosecond time would
     * compare with a rounded-up one), then its state and a new event written.
     *
     * @throws org.clearway.core.job.IllegalJobTransitionException when the state machine forbids the move
     * @throws IllegalArgumentException  when the move needs a reason, or is dated before the job's last event
     * @throws NoSuchJobException        when there is no such job
     */
    public JobRecord transition(Connection c, long jobId, JobState to, Instant at, String actor, String reason)
            throws SQLException {
        requireTransaction(c);
        JobRecord current = lockedRow(c, jobId);
        Job moved = JobLifecycle.move(current.toJob(events(c, jobId)), to, DbClock.truncate(at), actor, reason);
        try (PreparedStatement ps = c.prepareStatement(UPDATE_STATE)) {
            ps.setString(1, Codes.of(to));
            ps.setTimestamp(2, Timestamp.from(clock.instant()));
            ps.setLong(3, jobId);
            ps.executeUpdate();
        }
        insertEvent(c, jobId, moved.lastEvent());
        return find(c, jobId).orElseThrow();
    }

    /** The job with its history, for the decision module's checks; empty when there is no such job. */
    public Optional<Job> load(Connection c, long jobId) throws SQLException {
        Optional<JobRecord> row = find(c, jobId);
        return row.isEmpty() ? Optional.empty() : Optional.of(row.get().toJob(events(c, jobId)));
    }

    public Optional<JobRecord> find(Connection c, long jobId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(SELECT_JOB)) {
            ps.setLong(1, jobId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(row(rs)) : Optional.empty();
            }
        }
    }

    /** The job's events, oldest first. */
    public List<JobEvent> events(Connection c, long jobId) throws SQLException {
        List<JobEvent> events = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(SELECT_EVENTS)) {
            ps.setLong(1, jobId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String from = rs.getString(1);
                    events.add(new JobEvent(from == null ? null : Codes.state(from), Codes.state(rs.getString(2)),
                            rs.getTimestamp(3).toInstant(), rs.getString(4), rs.getString(5)));
                }
            }
        }
        return events;
    }

    /** The bin's jobs that are not in a final state, oldest first. */
    public List<JobRecord> openJobsOfBin(Connection c, String binId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(SELECT_OPEN_OF_BIN)) {
            ps.setString(1, binId);
            return rows(ps);
        }
    }

    /** The reasons of the bin's open jobs: what the decision engine must not ask for again. */
    public Set<JobReason> openReasons(Connection c, String binId) throws SQLException {
        Set<JobReason> reasons = EnumSet.noneOf(JobReason.class);
        for (JobRecord job : openJobsOfBin(c, binId)) {
            reasons.add(job.reason());
        }
        return reasons;
    }

    /** Those of {@code binIds} that have a job not in a final state, in one query. */
    public Set<String> binsWithOpenJobs(Connection c, Collection<String> binIds) throws SQLException {
        Set<String> found = new HashSet<>();
        try (PreparedStatement ps = c.prepareStatement(SELECT_BINS_WITH_OPEN)) {
            ps.setArray(1, c.createArrayOf("text", binIds.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    found.add(rs.getString(1));
                }
            }
        }
        return found;
    }

    /** The bin's jobs in one of {@code states} changed at or after {@code since}, with their histories. */
    public List<Job> jobsOfBinChangedSince(Connection c, String binId, Set<JobState> states, Instant since)
            throws SQLException {
        List<JobRecord> found;
        try (PreparedStatement ps = c.prepareStatement(SELECT_OF_BIN_UPDATED_SINCE)) {
            ps.setString(1, binId);
            ps.setArray(2, c.createArrayOf("text", states.stream().map(Codes::of).toArray()));
            ps.setTimestamp(3, Timestamp.from(since));
            found = rows(ps);
        }
        List<Job> jobs = new ArrayList<>(found.size());
        for (JobRecord row : found) {
            jobs.add(row.toJob(events(c, row.id())));
        }
        return jobs;
    }

    /** Jobs not yet acknowledged by the broker, oldest first. */
    public List<JobRecord> unannounced(Connection c, int limit) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(SELECT_UNANNOUNCED)) {
            ps.setInt(1, limit);
            return rows(ps);
        }
    }

    /** Records that the broker acknowledged these jobs' publications. */
    public void markAnnounced(Connection c, Collection<Long> jobIds, Instant at) throws SQLException {
        if (jobIds.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement(MARK_ANNOUNCED)) {
            ps.setTimestamp(1, Timestamp.from(at));
            ps.setArray(2, c.createArrayOf("bigint", jobIds.toArray()));
            ps.executeUpdate();
        }
    }

    /** Assigns the job to a truck (null to unassign). */
    public void assignTruck(Connection c, long jobId, String truckId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(ASSIGN_TRUCK)) {
            ps.setString(1, truckId);
            ps.setTimestamp(2, Timestamp.from(clock.instant()));
            ps.setLong(3, jobId);
            requireOne(ps.executeUpdate(), jobId);
        }
    }

    /** Records what the truck reported collecting. */
    public void recordCollected(Connection c, long jobId, Double weightKg, Double volumeL) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(RECORD_COLLECTED)) {
            setDouble(ps, 1, weightKg);
            setDouble(ps, 2, volumeL);
            ps.setLong(3, jobId);
            requireOne(ps.executeUpdate(), jobId);
        }
    }

    List<Job> withHistories(Connection c, List<JobRecord> found) throws SQLException {
        List<Job> withHistory = new ArrayList<>(found.size());
        for (JobRecord row : found) {
            withHistory.add(row.toJob(events(c, row.id())));
        }
        return withHistory;
    }

    private JobRecord lockedRow(Connection c, long jobId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(SELECT_JOB_FOR_UPDATE)) {
            ps.setLong(1, jobId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new NoSuchJobException(jobId);
                }
                return row(rs);
            }
        }
    }

    private static void insertEvent(Connection c, long jobId, JobEvent event) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(INSERT_EVENT)) {
            ps.setLong(1, jobId);
            ps.setString(2, event.from() == null ? null : Codes.of(event.from()));
            ps.setString(3, Codes.of(event.to()));
            ps.setTimestamp(4, Timestamp.from(event.at()));
            ps.setString(5, event.actor());
            ps.setString(6, event.reason());
            ps.executeUpdate();
        }
    }

    static List<JobRecord> rows(PreparedStatement ps) throws SQLException {
        List<JobRecord> rows = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                rows.add(row(rs));
            }
        }
        return rows;
    }

    private static JobRecord row(ResultSet rs) throws SQLException {
        return new JobRecord(rs.getLong("id"), rs.getString("bin_id"), Codes.reason(rs.getString("reason")),
                Codes.priority(rs.getString("priority")), Codes.state(rs.getString("state")), instant(rs, "due_at"),
                rs.getString("truck_id"), instant(rs, "created_at"), instant(rs, "updated_at"), rs.getString("cause"),
                rs.getObject("collected_weight_kg", Double.class), rs.getObject("collected_volume_l", Double.class),
                rs.getString("verification"), instant(rs, "announced_at"));
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }

    private static void setDouble(PreparedStatement ps, int index, Double value) throws SQLException {
        if (value == null) {
            ps.setNull(index, Types.DOUBLE);
        } else {
            ps.setDouble(index, value);
        }
    }

    static void requireOne(int updated, long jobId) {
        if (updated != 1) {
            throw new NoSuchJobException(jobId);
        }
    }

    static void requireTransaction(Connection c) throws SQLException {
        if (c.getAutoCommit()) {
            throw new IllegalStateException("call the job store inside a transaction (auto-commit off)");
        }
    }

    /** There is no job with this id. */
    public static final class NoSuchJobException extends IllegalArgumentException {
        private final long jobId;

        public NoSuchJobException(long jobId) {
            super("there is no job " + jobId);
            this.jobId = jobId;
        }

        public long jobId() {
            return jobId;
        }
    }
}
