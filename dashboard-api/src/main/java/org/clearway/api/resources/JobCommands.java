package org.clearway.api.resources;

import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import javax.sql.DataSource;
import org.clearway.api.http.ApiException;
import org.clearway.api.security.Principal;

/**
 * Changing jobs by hand: a manual job for a bin, giving a job to another truck, cancelling it. Each is one transaction:
 * the job row locked within the token's scope, a guarded {@code UPDATE ... WHERE state IN (...)} that only makes a move
 * {@link JobMoves} allows, and one {@code job_events} row with the token as actor. Every change clears
 * {@code announced_at}, so that the dispatch leader publishes the job again.
 */
public final class JobCommands {
    static final Duration DEFAULT_DUE = Duration.ofHours(24);
    static final Duration MAX_DUE = Duration.ofDays(90);
    static final String FINAL_SQL = "('verified', 'skipped', 'failed', 'cancelled')";
    static final String INSERT = """
            INSERT INTO jobs (bin_id, reason, priority, state, due_at, created_at, updated_at, cause)
            VALUES (?, 'manual', ?, 'open', ?, ?, ?, ?)
            ON CONFLICT (bin_id, reason) WHERE state NOT IN\s""" + FINAL_SQL + " DO NOTHING RETURNING id";
    static final String OPEN_MANUAL_OF_BIN = "SELECT id FROM jobs WHERE bin_id = ? AND reason = 'manual' AND state NOT IN "
            + FINAL_SQL;
    static final String LOCK = Scope.SCOPE_CTE + """
            SELECT j.state, j.truck_id, b.stream FROM jobs j JOIN bins b ON b.id = j.bin_id
             WHERE j.id = ? AND b.zone_id IN (SELECT id FROM scope)
             FOR UPDATE OF j
            """;
    static final String TRUCK = "SELECT status, ? = ANY (streams) AS collects FROM trucks WHERE id = ?";
    static final String REASSIGN = """
            UPDATE jobs SET state = 'open', truck_id = ?, updated_at = greatest(updated_at, ?), announced_at = NULL
             WHERE id = ? AND state IN ('open', 'planned', 'dispatched')
            """;
    static final String CANCEL = """
            UPDATE jobs SET state = 'cancelled', updated_at = greatest(updated_at, ?), announced_at = NULL
             WHERE id = ? AND state IN ('open', 'planned', 'dispatched', 'accepted')
            """;
    /** Dated no earlier than the job's last event, as the lifecycle requires. */
    static final String INSERT_EVENT = """
            INSERT INTO job_events (job_id, from_state, to_state, at, actor, reason)
            SELECT ?, ?, ?, greatest(?::timestamptz, coalesce(max(at), '-infinity'::timestamptz)), ?, ?
              FROM job_events WHERE job_id = ?
            """;

    private final DataSource dataSource;
    private final Clock clock;

    public JobCommands(DataSource dataSource, Clock clock) {
        this.dataSource = dataSource;
        this.clock = clock;
    }

    /** A manual job (reason manual) for an active bin of the token's zone; 409 {@code job_exists} with its id. */
    public JsonObject create(Principal principal, JsonObject body) throws SQLException {
        String binId = body.getString("binId");
        String priority = body.getString("priority", "normal");
        String cause = body.getString("cause", "manual job by " + Actor.of(principal));
        Instant now = clock.instant();
        Instant due = due(body.getString("dueAt"), now);
        long id = Tx.run(dataSource, c -> {
            JsonObject bin = bin(c, principal, binId);
            if (bin.getString("retiredAt") != null) {
                throw ApiException.conflict("bin_retired", "bin " + binId + " is retired; it takes no jobs");
            }
            List<Long> created = Db.query(c, INSERT, Arrays.asList(binId, priority, due, now, now, cause), rs -> rs.getLong(1));
            if (created.isEmpty()) {
                long existing = Db.query(c, OPEN_MANUAL_OF_BIN, List.of(binId), rs -> rs.getLong(1)).get(0);
                throw ApiException.conflict("job_exists", "bin " + binId + " already has an open manual job " + existing
                        + "; change that one or cancel it first").withDetail("jobId", existing);
            }
            event(c, created.get(0), null, "open", now, Actor.of(principal), cause);
            return created.get(0);
        });
        return JobQueries.get(principal, id, dataSource);
    }

    /**
     * Gives a job that no driver has accepted yet to another active truck that collects its stream. A planned or
     * dispatched job goes back to open (the lifecycle's withdraw move), pinned to the new truck for the next plan.
     */
    public JsonObject reassign(Principal principal, long id, JsonObject body) throws SQLException {
        String truckId = body.getString("truckId");
        String note = body.getString("reason");
        Tx.run(dataSource, c -> {
            Locked job = lock(c, principal, id);
            if (!JobMoves.REASSIGNABLE.contains(job.state())) {
                throw JobMoves.illegal(id, job.state(), "reassigned (only open, planned or dispatched jobs can)");
            }
            if (job.state().equals("open") && truckId.equals(job.truckId())) {
                throw ApiException.conflict("already_assigned", "job " + id + " is open and assigned to truck " + truckId
                        + " already");
            }
            checkTruck(c, truckId, job.stream());
            Instant now = clock.instant();
            update(c, REASSIGN, Arrays.asList(truckId, now, id), id, job.state(), "reassigned");
            String reason = "reassigned to truck " + truckId + (note == null ? "" : ": " + note);
            event(c, id, job.state(), "open", now, Actor.of(principal), reason);
            return null;
        });
        return JobQueries.get(principal, id, dataSource);
    }

    /** Cancels an open, planned, dispatched or accepted job, with the reason given. */
    public JsonObject cancel(Principal principal, long id, JsonObject body) throws SQLException {
        String reason = body.getString("reason").strip();
        Tx.run(dataSource, c -> {
            Locked job = lock(c, principal, id);
            if (!JobMoves.CANCELLABLE.contains(job.state()) || !JobMoves.allowed(job.state(), "cancelled")) {
                throw JobMoves.illegal(id, job.state(), "cancelled");
            }
            Instant now = clock.instant();
            update(c, CANCEL, Arrays.asList(now, id), id, job.state(), "cancelled");
            event(c, id, job.state(), "cancelled", now, Actor.of(principal), reason);
            return null;
        });
        return JobQueries.get(principal, id, dataSource);
    }

    private record Locked(String state, String truckId, String stream) {
    }

    private static Locked lock(Connection c, Principal principal, long id) throws SQLException {
        List<Object> args = Scope.args(principal);
        args.add(id);
        List<Locked> rows = Db.query(c, LOCK, args, rs -> new Locked(rs.getString(1), rs.getString(2), rs.getString(3)));
        if (rows.isEmpty()) {
            throw ApiException.notFound("job " + id);
        }
        return rows.get(0);
    }

    private static JsonObject bin(Connection c, Principal principal, String binId) throws SQLException {
        try {
            return BinQueries.get(c, principal, binId);
        } catch (ApiException e) {
            throw ApiException.badRequest("unknown_bin", "bin " + binId + " does not exist or is outside this token's zone");
        }
    }

    private static void checkTruck(Connection c, String truckId, String stream) throws SQLException {
        record Truck(String status, boolean collects) {
        }
        List<Truck> trucks = Db.query(c, TRUCK, List.of(stream, truckId), rs -> new Truck(rs.getString(1), rs.getBoolean(2)));
        if (trucks.isEmpty()) {
            throw ApiException.badRequest("unknown_truck", "there is no truck " + truckId);
        }
        if (!trucks.get(0).status().equals("active")) {
            throw ApiException.conflict("truck_unavailable", "truck " + truckId + " is " + trucks.get(0).status()
                    + "; give the job to an active truck");
        }
        if (!trucks.get(0).collects()) {
            throw ApiException.conflict("truck_unsuitable", "truck " + truckId + " does not collect " + stream);
        }
    }

    /** The guarded update: the row is locked, so no row changed means the state check failed. */
    private static void update(Connection c, String sql, List<Object> args, long id, String state, String action)
            throws SQLException {
        if (Db.update(c, sql, args) != 1) {
            throw JobMoves.illegal(id, state, action);
        }
    }

    private static void event(Connection c, long id, String from, String to, Instant at, String actor, String reason)
            throws SQLException {
        Db.update(c, INSERT_EVENT, Arrays.asList(id, from, to, at, actor, reason, id));
    }

    private static Instant due(String text, Instant now) {
        if (text == null) {
            return now.plus(DEFAULT_DUE);
        }
        Instant due;
        try {
            due = OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            throw ApiException.badRequest("bad_time", "dueAt is not an RFC 3339 time such as 2026-01-31T12:00:00Z");
        }
        if (due.isBefore(now) || due.isAfter(now.plus(MAX_DUE))) {
            throw ApiException.badRequest("bad_due", "dueAt must be between now and " + MAX_DUE.toDays() + " days ahead");
        }
        return due;
    }
}
