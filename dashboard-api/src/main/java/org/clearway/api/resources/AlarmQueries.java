package org.clearway.api.resources;

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
 * Reading alarms of bins in the token's zone, newest first (keyset on id). The state filter {@code live} means
 * active or acknowledged.
 */
public final class AlarmQueries {
    static final String ALARM_COLUMNS = "a.id, a.bin_id, b.zone_id, a.kind, a.source, a.state, a.raised_at, a.last_seen_at, "
            + "a.occurrences, a.detail, a.job_id, a.acknowledged_at, a.acknowledged_by, a.cleared_at, a.cleared_by";
    static final String LIST = Scope.SCOPE_AND_FILTER_CTE + "SELECT " + ALARM_COLUMNS + """
             FROM alarms a JOIN bins b ON b.id = a.bin_id
            WHERE b.zone_id IN (SELECT id FROM scope)
              AND (?::text IS NULL OR b.zone_id IN (SELECT id FROM sub))
              AND (?::text IS NULL OR (?::text = 'live' AND a.state <> 'cleared') OR a.state = ?::text)
              AND (?::text IS NULL OR a.kind = ?::text)
              AND (?::text IS NULL OR a.bin_id = ?::text)
              AND a.raised_at >= ? AND a.raised_at < ?
              AND a.id < ?
            ORDER BY a.id DESC
            LIMIT ?
            """;
    static final String GET = Scope.SCOPE_CTE + "SELECT " + ALARM_COLUMNS
            + " FROM alarms a JOIN bins b ON b.id = a.bin_id WHERE a.id = ? AND b.zone_id IN (SELECT id FROM scope)";

    private final DataSource dataSource;

    public AlarmQueries(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public JsonObject list(Principal principal, Params params) throws SQLException {
        String state = params.string("state");
        return ListQuery.scoped(principal, params)
                .filters("zone") // the filter CTE's and the condition's
                .bind(state, state, state)
                .filters("kind", "bin")
                .timeRange()
                .page(dataSource, LIST, AlarmQueries::alarm);
    }

    /** The alarm, or 404 when it does not exist or its bin is outside the token's zone. */
    static JsonObject get(Connection c, Principal principal, long id) throws SQLException {
        List<Object> args = Scope.args(principal);
        args.add(id);
        List<JsonObject> rows = Db.query(c, GET, args, AlarmQueries::alarm);
        if (rows.isEmpty()) {
            throw ApiException.notFound("alarm " + id);
        }
        return rows.get(0);
    }

    static JsonObject alarm(ResultSet rs) throws SQLException {
        return new JsonObject()
                .put("id", rs.getLong("id"))
                .put("binId", rs.getString("bin_id"))
                .put("zoneId", rs.getString("zone_id"))
                .put("kind", rs.getString("kind"))
                .put("source", rs.getString("source"))
                .put("state", rs.getString("state"))
                .put("raisedAt", Db.time(rs, "raised_at"))
                .put("lastSeenAt", Db.time(rs, "last_seen_at"))
                .put("occurrences", rs.getInt("occurrences"))
                .put("detail", rs.getString("detail"))
                .put("jobId", Db.nullableLong(rs, "job_id"))
                .put("acknowledgedAt", Db.time(rs, "acknowledged_at"))
                .put("acknowledgedBy", rs.getString("acknowledged_by"))
                .put("clearedAt", Db.time(rs, "cleared_at"))
                .put("clearedBy", rs.getString("cleared_by"));
    }
}
