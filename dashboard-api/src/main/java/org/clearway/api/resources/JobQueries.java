package org.clearway.api.resources;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import javax.sql.DataSource;
import org.clearway.api.http.ApiException;
import org.clearway.api.http.Params;
import org.clearway.api.security.Principal;

/**
 * Reading clearance jobs: the list (newest first, keyset on id) and one job with its events. A job is in a token's
 * scope when its bin is.
 */
public final class JobQueries {
    static final String JOB_COLUMNS = "j.id, j.bin_id, b.zone_id, b.stream, j.reason, j.priority, j.state, j.due_at, "
            + "j.truck_id, j.created_at, j.updated_at, j.cause, j.collected_weight_kg, j.collected_volume_l, j.verification";
    /** The job filters, cursor and limit after the zone and stream conditions of {@link #LIST} and {@link #LIST_IN_ZONE}. */
    private static final String JOB_FILTERS = """
              AND (?::text IS NULL OR j.state = ?::text)
              AND (?::text IS NULL OR j.truck_id = ?::text)
              AND (?::text IS NULL OR j.reason = ?::text)
              AND (?::text IS NULL OR j.priority = ?::text)
              AND j.created_at >= ? AND j.created_at < ?
              AND j.id < ?
            ORDER BY j.id DESC
            LIMIT ?
            """;
    /** The list without a zone filter: newest first along the primary key until the page is full. */
    static final String LIST = Scope.SCOPE_AND_FILTER_CTE + "SELECT " + JOB_COLUMNS + """
             FROM jobs j JOIN bins b ON b.id = j.bin_id
            WHERE b.zone_id IN (SELECT id FROM scope)
              AND (?::text IS NULL OR b.zone_id IN (SELECT id FROM sub))
              AND (?::text IS NULL OR b.stream = ?::text)
            """ + JOB_FILTERS;
    /**
     * The list of one zone: the zone's bins of the stream asked for first (an array, so that the planner reads their
     * jobs by {@code jobs_bin_idx} rather than every job along the primary key with a join per row), then the ids of
     * the newest of their jobs (the page: the top-N sort carries ids only), then those jobs with their bins. Joining
     * every job of the zone to its bin before the sort (as before) built a hash of the whole city's bins and carried
     * the jobs' wide rows through the sort: for a community's 3,900 jobs of a quarter at 10,000 bins a median of
     * 16-26 ms against 6-8 ms now at the same load (docs/assessment.md, "Read benchmark, 2026-12-07 (the read endpoints
     * at their targets)"). Arguments as {@link #LIST} without the zone's second one.
     */
    static final String LIST_IN_ZONE = Scope.SCOPE_AND_FILTER_CTE + """
            , page AS (
                SELECT j.id FROM jobs j
                 WHERE j.bin_id = ANY (ARRAY(SELECT z.id FROM bins z
                                              WHERE z.zone_id IN (SELECT id FROM sub) AND z.zone_id IN (SELECT id FROM scope)
                                                AND (?::text IS NULL OR z.stream = ?::text)))
            """ + JOB_FILTERS + ")\nSELECT " + JOB_COLUMNS + """
             FROM page JOIN jobs j ON j.id = page.id JOIN bins b ON b.id = j.bin_id
            WHERE b.zone_id IN (SELECT id FROM scope)
            ORDER BY j.id DESC
            """;
    static final String GET = Scope.SCOPE_CTE + "SELECT " + JOB_COLUMNS
            + " FROM jobs j JOIN bins b ON b.id = j.bin_id WHERE j.id = ? AND b.zone_id IN (SELECT id FROM scope)";
    static final String EVENTS = "SELECT id, from_state, to_state, at, actor, reason FROM job_events WHERE job_id = ? ORDER BY id";

    private final DataSource dataSource;

    public JobQueries(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public JsonObject list(Principal principal, Params params) throws SQLException {
        String zone = params.string("zone");
        if (zone != null) {
            return ListQuery.scoped(principal, params)
                    .bind(zone) // the filter CTE's
                    .filters("stream", "state", "truck", "reason", "priority")
                    .timeRange()
                    .page(dataSource, LIST_IN_ZONE, JobQueries::job);
        }
        return ListQuery.scoped(principal, params)
                .filters("zone") // the filter CTE's and the condition's
                .filters("stream", "state", "truck", "reason", "priority")
                .timeRange()
                .page(dataSource, LIST, JobQueries::job);
    }

    public JsonObject get(Principal principal, long id) throws SQLException {
        return get(principal, id, dataSource);
    }

    static JsonObject get(Principal principal, long id, DataSource dataSource) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            return get(c, principal, id);
        }
    }

    /** The job with its events, or 404 when it does not exist or its bin is outside the token's zone. */
    static JsonObject get(Connection c, Principal principal, long id) throws SQLException {
        List<Object> args = Scope.args(principal);
        args.add(id);
        List<JsonObject> rows = Db.query(c, GET, args, JobQueries::job);
        if (rows.isEmpty()) {
            throw ApiException.notFound("job " + id);
        }
        JsonArray events = new JsonArray(new java.util.ArrayList<Object>(
                Db.query(c, EVENTS, List.of(id), JobQueries::event)));
        return rows.get(0).put("events", events);
    }

    static JsonObject job(ResultSet rs) throws SQLException {
        return new JsonObject()
                .put("id", rs.getLong("id"))
                .put("binId", rs.getString("bin_id"))
                .put("zoneId", rs.getString("zone_id"))
                .put("stream", rs.getString("stream"))
                .put("reason", rs.getString("reason"))
                .put("priority", rs.getString("priority"))
                .put("state", rs.getString("state"))
                .put("dueAt", Db.time(rs, "due_at"))
                .put("truckId", rs.getString("truck_id"))
                .put("createdAt", Db.time(rs, "created_at"))
                .put("updatedAt", Db.time(rs, "updated_at"))
                .put("cause", rs.getString("cause"))
                .put("collectedWeightKg", Db.nullableDouble(rs, "collected_weight_kg"))
                .put("collectedVolumeL", Db.nullableDouble(rs, "collected_volume_l"))
                .put("verification", rs.getString("verification"));
    }

    static JsonObject event(ResultSet rs) throws SQLException {
        return new JsonObject()
                .put("id", rs.getLong("id"))
                .put("from", rs.getString("from_state"))
                .put("to", rs.getString("to_state"))
                .put("at", Db.time(rs, "at"))
                .put("actor", rs.getString("actor"))
                .put("reason", rs.getString("reason"));
    }
}
