package org.clearway.dispatch.plan;

import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.clearway.core.job.JobState;
import org.clearway.dispatch.store.Codes;
import org.clearway.dispatch.store.FleetStore;

/**
 * The planner's reads and writes on the caller's connection, never committing: the snapshot a plan starts from,
 * the job rows it locks, and the {@code routes} rows (migration V5).
 */
public final class PlanStore {

    static final String SELECT_JOBS = "SELECT j.id, j.bin_id, j.reason, j.priority, j.state, j.truck_id, j.due_at, "
            + "(SELECT max(e.at) FROM job_events e WHERE e.job_id = j.id) AS last_event_at, "
            + "b.lat, b.lon, b.stream, b.volume_l, s.fill_pct "
            + "FROM jobs j JOIN bins b ON b.id = j.bin_id LEFT JOIN bin_state s ON s.bin_id = j.bin_id "
            + "WHERE j.state NOT IN " + Codes.FINAL_STATES_SQL + " AND j.state <> 'collected' AND j.reason = ANY (?) "
            + "ORDER BY j.id";

    static final String SELECT_URGENT_OPEN = "SELECT j.id, j.bin_id, j.reason, j.priority, j.state, j.truck_id, j.due_at, "
            + "(SELECT max(e.at) FROM job_events e WHERE e.job_id = j.id) AS last_event_at, "
            + "b.lat, b.lon, b.stream, b.volume_l, s.fill_pct "
            + "FROM jobs j JOIN bins b ON b.id = j.bin_id LEFT JOIN bin_state s ON s.bin_id = j.bin_id "
            + "WHERE j.state NOT IN " + Codes.FINAL_STATES_SQL + " AND j.state = 'open' AND j.priority = 'urgent' "
            + "AND j.reason = ANY (?) AND j.id > ? ORDER BY j.id";

    static final String SELECT_LATEST_ROUTES = "SELECT DISTINCT ON (truck_id) truck_id, revision, message::text AS message "
            + "FROM routes WHERE shift_date = ? ORDER BY truck_id, revision DESC";

    static final String SELECT_POSITIONS = "SELECT id, last_lat, last_lon, last_position_at FROM trucks "
            + "WHERE last_position_at IS NOT NULL";

    /**
     * Each truck's load on board: its collections since the start of the shift day and since its newest position
     * that reported an empty body ({@code load_pct} 0, sent after an unload), summed; the stream of the newest; and
     * its newest position's load today with what it collected after it ({@link PlanSnapshot.OnBoard#capped}).
     */
    static final String SELECT_ON_BOARD = "SELECT j.truck_id, sum(coalesce(c.volume_l, 0)) AS volume_l, "
            + "sum(coalesce(c.weight_kg, 0)) AS weight_kg, "
            + "(array_agg(c.stream ORDER BY c.collected_at DESC))[1] AS stream, "
            + "CASE WHEN t.last_position_at >= ? THEN t.last_load_pct END AS reported_pct, "
            + "coalesce(sum(c.volume_l) FILTER (WHERE c.collected_at > t.last_position_at), 0) AS volume_after_l, "
            + "coalesce(sum(c.weight_kg) FILTER (WHERE c.collected_at > t.last_position_at), 0) AS weight_after_kg "
            + "FROM collections c JOIN jobs j ON j.id = c.job_id JOIN trucks t ON t.id = j.truck_id "
            + "WHERE c.collected_at >= ? AND c.collected_at > coalesce("
            + "(SELECT max(p.ts) FROM truck_positions p WHERE p.truck_id = j.truck_id AND p.load_pct = 0 AND p.ts >= ?), "
            + "'-infinity'::timestamptz) GROUP BY j.truck_id, t.last_position_at, t.last_load_pct";

    /**
     * Each truck's newest break since the start of the shift day ({@code truck_breaks}, migration V20): a truck has at
     * most one open break, and a break it opens is newer than those it ended.
     */
    static final String SELECT_BREAKS = "SELECT DISTINCT ON (truck_id) truck_id, started_at, ended_at FROM truck_breaks "
            + "WHERE started_at >= ? ORDER BY truck_id, started_at DESC";

    static final String LOCK_JOBS = "SELECT id, state, truck_id FROM jobs WHERE id = ANY (?) ORDER BY id FOR UPDATE";

    static final String NEXT_REVISION = "SELECT coalesce(max(revision), 0) + 1 FROM routes WHERE truck_id = ?";

    static final String INSERT_ROUTE = "INSERT INTO routes (truck_id, shift_date, revision, created_at, cause, stops, "
            + "distance_km, duration_min, message) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb) RETURNING id, message::text";

    /** Unacknowledged routes that are their truck's newest revision: an older one is never published after a newer. */
    static final String SELECT_UNANNOUNCED = "SELECT r.id, r.truck_id, r.revision, r.message::text AS message FROM routes r "
            + "WHERE r.announced_at IS NULL AND r.revision = (SELECT max(n.revision) FROM routes n "
            + "WHERE n.truck_id = r.truck_id) ORDER BY r.id LIMIT ?";

    static final String MARK_ANNOUNCED = "UPDATE routes SET announced_at = ? WHERE id = ANY (?) AND announced_at IS NULL";

    private final FleetStore fleet = new FleetStore();
    private final RouteMessage messages;

    public PlanStore(RouteMessage messages) {
        this.messages = messages;
    }

    /** A stored route, as published. */
    public record RouteRow(long id, String truckId, int revision, String message) {
    }

    /** A job row's assignment, as locked. */
    public record Assignment(JobState state, String truckId) {
    }

    /** Everything a plan of {@code shiftDate} starts from. */
    public PlanSnapshot snapshot(Connection c, Instant now, LocalDate shiftDate) throws SQLException {
        return snapshot(c, now, shiftDate, shiftDate.atStartOfDay(java.time.ZoneOffset.UTC).toInstant());
    }

    /** Everything a plan of {@code shiftDate} starts from; {@code dayStart}: its local midnight. */
    public PlanSnapshot snapshot(Connection c, Instant now, LocalDate shiftDate, Instant dayStart) throws SQLException {
        List<PlanJob> jobs;
        try (PreparedStatement ps = c.prepareStatement(SELECT_JOBS)) {
            ps.setArray(1, reasons(c));
            jobs = jobs(ps);
        }
        Map<String, PlanSnapshot.Position> positions = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement(SELECT_POSITIONS); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                positions.put(rs.getString("id"), new PlanSnapshot.Position(rs.getDouble("last_lat"),
                        rs.getDouble("last_lon"), rs.getTimestamp("last_position_at").toInstant()));
            }
        }
        return new PlanSnapshot(now, shiftDate, fleet.trucks(c), fleet.facilities(c), jobs,
                latestRoutes(c, shiftDate), positions, onBoard(c, dayStart), breaks(c, dayStart));
    }

    /** Each truck's newest break of the day starting at {@code dayStart}, by truck id. */
    public Map<String, PlanSnapshot.ReportedBreak> breaks(Connection c, Instant dayStart) throws SQLException {
        Map<String, PlanSnapshot.ReportedBreak> breaks = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement(SELECT_BREAKS)) {
            ps.setTimestamp(1, Timestamp.from(dayStart));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Timestamp ended = rs.getTimestamp("ended_at");
                    breaks.put(rs.getString("truck_id"), new PlanSnapshot.ReportedBreak(
                            rs.getTimestamp("started_at").toInstant(), ended == null ? null : ended.toInstant()));
                }
            }
        }
        return breaks;
    }

    /** Each truck's load since its last unload, by truck id (trucks carrying nothing are left out). */
    public Map<String, PlanSnapshot.OnBoard> onBoard(Connection c, Instant dayStart) throws SQLException {
        Map<String, PlanSnapshot.OnBoard> loads = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement(SELECT_ON_BOARD)) {
            ps.setTimestamp(1, Timestamp.from(dayStart));
            ps.setTimestamp(2, Timestamp.from(dayStart));
            ps.setTimestamp(3, Timestamp.from(dayStart));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    double reported = rs.getDouble("reported_pct");
                    loads.put(rs.getString("truck_id"), new PlanSnapshot.OnBoard(rs.getDouble("volume_l"),
                            rs.getDouble("weight_kg"), rs.getString("stream"), rs.wasNull() ? null : reported,
                            rs.getDouble("volume_after_l"), rs.getDouble("weight_after_kg")));
                }
            }
        }
        return loads;
    }

    /** Open urgent collection jobs with an id above {@code afterId}, oldest first. */
    public List<PlanJob> urgentOpenJobs(Connection c, long afterId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(SELECT_URGENT_OPEN)) {
            ps.setArray(1, reasons(c));
            ps.setLong(2, afterId);
            return jobs(ps);
        }
    }

    /** The newest route of each truck on the shift day, by truck id. */
    public Map<String, PlanSnapshot.PublishedRoute> latestRoutes(Connection c, LocalDate shiftDate) throws SQLException {
        Map<String, PlanSnapshot.PublishedRoute> latest = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement(SELECT_LATEST_ROUTES)) {
            ps.setDate(1, Date.valueOf(shiftDate));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String truck = rs.getString("truck_id");
                    latest.put(truck, new PlanSnapshot.PublishedRoute(truck, rs.getInt("revision"),
                            messages.stopKeys(rs.getString("message"))));
                }
            }
        }
        return latest;
    }

    /** Locks the jobs' rows (in id order) and returns their state and truck. */
    public Map<Long, Assignment> lockJobs(Connection c, Collection<Long> ids) throws SQLException {
        Map<Long, Assignment> locked = new LinkedHashMap<>();
        if (ids.isEmpty()) {
            return locked;
        }
        try (PreparedStatement ps = c.prepareStatement(LOCK_JOBS)) {
            ps.setArray(1, c.createArrayOf("bigint", ids.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    locked.put(rs.getLong("id"), new Assignment(Codes.state(rs.getString("state")), rs.getString("truck_id")));
                }
            }
        }
        return locked;
    }

    public int nextRevision(Connection c, String truckId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(NEXT_REVISION)) {
            ps.setString(1, truckId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    /** Stores a route; returns it as it will be published (the stored JSON). */
    public RouteRow insertRoute(Connection c, RouteDraft draft, LocalDate shiftDate, int revision, Instant at,
                                String cause, String message) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(INSERT_ROUTE)) {
            ps.setString(1, draft.truckId());
            ps.setDate(2, Date.valueOf(shiftDate));
            ps.setInt(3, revision);
            ps.setTimestamp(4, Timestamp.from(at));
            ps.setString(5, cause);
            ps.setInt(6, draft.jobIds().size());
            ps.setDouble(7, draft.distanceM() / 1000);
            ps.setDouble(8, draft.durationS() / 60);
            ps.setString(9, message);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return new RouteRow(rs.getLong(1), draft.truckId(), revision, rs.getString(2));
            }
        }
    }

    public List<RouteRow> unannounced(Connection c, int limit) throws SQLException {
        List<RouteRow> rows = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(SELECT_UNANNOUNCED)) {
            ps.setInt(1, limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(new RouteRow(rs.getLong("id"), rs.getString("truck_id"), rs.getInt("revision"),
                            rs.getString("message")));
                }
            }
        }
        return rows;
    }

    public void markAnnounced(Connection c, Collection<Long> routeIds, Instant at) throws SQLException {
        if (routeIds.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement(MARK_ANNOUNCED)) {
            ps.setTimestamp(1, Timestamp.from(at));
            ps.setArray(2, c.createArrayOf("bigint", routeIds.toArray()));
            ps.executeUpdate();
        }
    }

    private static java.sql.Array reasons(Connection c) throws SQLException {
        return c.createArrayOf("text", ProblemBuilder.COLLECTION_REASONS.stream().map(Codes::of).toArray());
    }

    private static List<PlanJob> jobs(PreparedStatement ps) throws SQLException {
        List<PlanJob> jobs = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                Timestamp last = rs.getTimestamp("last_event_at");
                jobs.add(new PlanJob(rs.getLong("id"), rs.getString("bin_id"), Codes.reason(rs.getString("reason")),
                        Codes.priority(rs.getString("priority")), Codes.state(rs.getString("state")),
                        rs.getString("truck_id"), rs.getTimestamp("due_at").toInstant(),
                        last == null ? Instant.EPOCH : last.toInstant(), rs.getDouble("lat"), rs.getDouble("lon"),
                        rs.getString("stream"), rs.getDouble("volume_l"), rs.getObject("fill_pct", Double.class)));
            }
        }
        return jobs;
    }
}
