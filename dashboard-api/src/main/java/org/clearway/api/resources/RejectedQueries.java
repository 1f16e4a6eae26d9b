package org.clearway.api.resources;

import io.vertx.core.json.JsonObject;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Base64;
import java.util.List;
import javax.sql.DataSource;
import org.clearway.api.http.ApiException;
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
    private static final java.time.Instant MIN_TIME = java.time.Instant.parse("1970-01-01T00:00:00Z");
    private static final java.time.Instant MAX_TIME = java.time.Instant.parse("9999-01-01T00:00:00Z");

    private final DataSource dataSource;

    public RejectedQueries(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public JsonObject list(Principal principal, Params params) throws SQLException {
        int limit = params.limit();
        String reason = params.string("reason");
        java.time.Instant from = params.instant("from");
        java.time.Instant to = params.instant("to");
        List<Object> args = Scope.args(principal);
        args.add(principal.zone());
        args.add(reason);
        args.add(reason);
        args.add(from == null ? MIN_TIME : from);
        args.add(to == null ? MAX_TIME : to);
        args.add(cursor(params.string("cursor")));
        args.add(limit + 1);
        return Page.of(Db.query(dataSource, LIST, args, RejectedQueries::rejected), limit,
                item -> Long.toString(item.getLong("id")));
    }

    private static long cursor(String text) {
        if (text == null) {
            return Long.MAX_VALUE;
        }
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("bad_cursor", "cursor is not one this API gave");
        }
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
