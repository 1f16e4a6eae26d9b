package org.clearway.api.resources;

import io.vertx.core.json.JsonObject;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Base64;
import javax.sql.DataSource;
import org.clearway.api.http.Params;
import org.clearway.api.security.Principal;

/**
 * Rejected telemetry, newest first (by id), filtered by reason and received time. A zone-scoped
 * token sees only the rejects of bins in its zone; a whole-city token sees all of them, also
 * those for unknown bins or bad topics.
 */
public final class RejectedQueries {
    static final String LIST = Scope.SCOPE_CTE + """
            SELECT r.id, r.received_at, r.last_received_at, r.occurrences, r.topic, r.bin_id, r.item_index,
                   r.reason, r.detail, r.payload
              FROM rejected_messages r
             WHERE (?::text = '*' OR r.bin_id IN (SELECT b.id FROM bins b WHERE b.zone_id IN (SELECT id FROM scope)))
               AND (?::text IS NULL OR r.reason = ?::text)
               AND r.received_at >= ? AND r.received_at < ?
               AND r.id < ?
             ORDER BY r.id DESC
             LIMIT ?
            """;

    private final DataSource dataSource;

    public RejectedQueries(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** An empty or reversed from/to range finds nothing (it is not refused). */
    public JsonObject list(Principal principal, Params params) throws SQLException {
        return ListQuery.scoped(principal, params)
                .bind(principal.zone())
                .filters("reason")
                .timeRangeUnchecked()
                .page(dataSource, LIST, RejectedQueries::rejected);
    }

    private static JsonObject rejected(ResultSet rs) throws SQLException {
        return new JsonObject()
                .put("id", rs.getLong("id"))
                .put("receivedAt", Db.time(rs, "received_at"))
                .put("lastReceivedAt", Db.time(rs, "last_received_at"))
                .put("occurrences", rs.getInt("occurrences"))
                .put("topic", rs.getString("topic"))
                .put("binId", rs.getString("bin_id"))
                .put("itemIndex", rs.getInt("item_index"))
                .put("reason", rs.getString("reason"))
                .put("detail", rs.getString("detail"))
                .put("payloadBase64", Base64.getEncoder().encodeToString(rs.getBytes("payload")));
    }
}
