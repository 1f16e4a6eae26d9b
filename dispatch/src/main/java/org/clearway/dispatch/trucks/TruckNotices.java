package org.clearway.dispatch.trucks;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import org.clearway.core.job.JobReason;
import org.clearway.core.job.Priority;
import org.clearway.core.time.DbClock;
import org.clearway.decisions.Decision;
import org.clearway.dispatch.store.Codes;
import org.clearway.dispatch.store.JobRecord;
import org.clearway.dispatch.store.JobStore;

/**
 * Applies a truck's {@link TruckNotice} in the update's transaction (docs/trucks.md, updates version 2):
 * <ul>
 *   <li>{@code break_started}: a {@code truck_breaks} row, open; refused while another break of the truck is open;</li>
 *   <li>{@code break_ended}: closes the truck's open break; refused when none is open or it started later;</li>
 *   <li>{@code full_bin}: an urgent manual job for the bin (like a citizen's report), the truck as actor, unless the
 *       bin already has an open manual job, which is then the answer.</li>
 * </ul>
 * A repeat (same break start, same end, or a full bin already reported by this very update id) is answered as a
 * duplicate and stored once.
 */
final class TruckNotices {
    /** How soon a bin a driver reports full is due: like a citizen's report, within the next hours. */
    static final Duration FULL_BIN_DUE = Duration.ofHours(4);
    static final String ON_BREAK = "on_break";
    static final String WORKING = "working";

    private static final String START_BREAK = "INSERT INTO truck_breaks (truck_id, started_at, start_update_id) "
            + "VALUES (?, ?, ?) ON CONFLICT DO NOTHING";
    private static final String OPEN_BREAK = "SELECT started_at FROM truck_breaks WHERE truck_id = ? AND ended_at IS NULL";
    private static final String BREAK_AT = "SELECT 1 FROM truck_breaks WHERE truck_id = ? AND started_at = ?";
    private static final String END_BREAK = "UPDATE truck_breaks SET ended_at = ?, end_update_id = ? "
            + "WHERE truck_id = ? AND ended_at IS NULL AND started_at <= ?";
    private static final String BREAK_ENDED_AT = "SELECT 1 FROM truck_breaks WHERE truck_id = ? AND ended_at = ?";
    private static final String BIN_EXISTS = "SELECT 1 FROM bins WHERE id = ? AND retired_at IS NULL";
    private static final String REPORTED_BY = "SELECT j.id FROM jobs j JOIN job_events e ON e.job_id = j.id "
            + "WHERE j.bin_id = ? AND e.from_state IS NULL AND e.actor = ? AND e.at = ?";
    private static final String OPEN_MANUAL_JOB = "SELECT id, state FROM jobs WHERE bin_id = ? AND reason = 'manual' "
            + "AND state NOT IN " + Codes.FINAL_STATES_SQL + " ORDER BY id LIMIT 1";

    private final JobStore jobs;

    TruckNotices(JobStore jobs) {
        this.jobs = jobs;
    }

    /** Applies the notice on {@code c} (auto-commit off) and commits, or rolls back and says why it is refused. */
    TruckReply apply(Connection c, String truckId, TruckNotice notice) throws SQLException {
        Instant at = DbClock.truncate(notice.at());
        TruckReply reply = switch (notice.kind()) {
            case BREAK_STARTED -> startBreak(c, truckId, notice, at);
            case BREAK_ENDED -> endBreak(c, truckId, notice, at);
            case FULL_BIN -> fullBin(c, truckId, notice, at);
        };
        if (TruckReply.APPLIED.equals(reply.status())) {
            c.commit();
        } else {
            c.rollback();
        }
        return reply;
    }

    private static TruckReply startBreak(Connection c, String truckId, TruckNotice notice, Instant at) throws SQLException {
        if (exists(c, BREAK_AT, truckId, at)) {
            return reply(notice, null, TruckReply.DUPLICATE, ON_BREAK, null);
        }
        Optional<Instant> open = openBreak(c, truckId);
        if (open.isPresent()) {
            return reply(notice, null, TruckReply.REJECTED, ON_BREAK, "truck " + truckId + " is on a break since "
                    + open.get() + ": end it first");
        }
        try (PreparedStatement ps = c.prepareStatement(START_BREAK)) {
            ps.setString(1, truckId);
            ps.setTimestamp(2, Timestamp.from(at));
            ps.setString(3, notice.updateId());
            ps.executeUpdate();
        }
        return reply(notice, null, TruckReply.APPLIED, ON_BREAK, null);
    }

    private static TruckReply endBreak(Connection c, String truckId, TruckNotice notice, Instant at) throws SQLException {
        if (exists(c, BREAK_ENDED_AT, truckId, at)) {
            return reply(notice, null, TruckReply.DUPLICATE, WORKING, null);
        }
        int ended;
        try (PreparedStatement ps = c.prepareStatement(END_BREAK)) {
            ps.setTimestamp(1, Timestamp.from(at));
            ps.setString(2, notice.updateId());
            ps.setString(3, truckId);
            ps.setTimestamp(4, Timestamp.from(at));
            ended = ps.executeUpdate();
        }
        if (ended == 0) {
            Optional<Instant> open = openBreak(c, truckId);
            return reply(notice, null, TruckReply.REJECTED, open.isPresent() ? ON_BREAK : WORKING, open.isPresent()
                    ? "the break of truck " + truckId + " started at " + open.get() + ", after " + at
                    : "truck " + truckId + " is not on a break");
        }
        return reply(notice, null, TruckReply.APPLIED, WORKING, null);
    }

    private TruckReply fullBin(Connection c, String truckId, TruckNotice notice, Instant at) throws SQLException {
        if (!exists(c, BIN_EXISTS, notice.binId(), null)) {
            return reply(notice, null, TruckReply.REJECTED, null, "there is no bin " + notice.binId());
        }
        try (PreparedStatement ps = c.prepareStatement(REPORTED_BY)) {
            ps.setString(1, notice.binId());
            ps.setString(2, truckId);
            ps.setTimestamp(3, Timestamp.from(at));
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    long id = rs.getLong(1);
                    return reply(notice, id, TruckReply.DUPLICATE, stateOf(c, id), null);
                }
            }
        }
        String cause = "reported full by truck " + truckId + (notice.reason() == null ? "" : ": " + notice.reason());
        Optional<JobRecord> created = jobs.create(c, new Decision.CreateJob(notice.binId(), JobReason.MANUAL,
                Priority.URGENT, at.plus(FULL_BIN_DUE), at, cause), truckId);
        if (created.isPresent()) {
            return reply(notice, created.get().id(), TruckReply.APPLIED, "open", null);
        }
        try (PreparedStatement ps = c.prepareStatement(OPEN_MANUAL_JOB)) {
            ps.setString(1, notice.binId());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return reply(notice, rs.getLong(1), TruckReply.DUPLICATE, rs.getString(2),
                        "bin " + notice.binId() + " already has an open manual job");
            }
        }
    }

    private static String stateOf(Connection c, long jobId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT state FROM jobs WHERE id = ?")) {
            ps.setLong(1, jobId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    private static Optional<Instant> openBreak(Connection c, String truckId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(OPEN_BREAK)) {
            ps.setString(1, truckId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getTimestamp(1).toInstant()) : Optional.empty();
            }
        }
    }

    private static boolean exists(Connection c, String sql, String key, Instant at) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, key);
            if (at != null) {
                ps.setTimestamp(2, Timestamp.from(at));
            }
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    private static TruckReply reply(TruckNotice notice, Long jobId, String status, String state, String detail) {
        return TruckReply.of(notice.updateId(), jobId, status, state, detail);
    }
}
