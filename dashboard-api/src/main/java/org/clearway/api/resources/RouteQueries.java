package org.clearway.api.resources;

import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import javax.sql.DataSource;
import org.clearway.api.http.ApiException;
import org.clearway.api.http.Params;
import org.clearway.api.security.Principal;

/**
 * The routes published to the trucks. A route crosses zones, so a zone-scoped token sees a route only when one of
 * its bin stops is a bin of the token's zone, and sees it without the bin stops of other zones (their job and bin
 * ids, positions and times are left out; unload, break and depot stops stay, and the stops shown are numbered 1..n
 * again, so {@code seq} does not count the hidden ones). A whole-city token sees every route
 * whole, including empty ones (an empty stop list withdraws a route).
 */
public final class RouteQueries {
    /** The route's stops a token may see: every non-bin stop, and bin stops of bins in its scope. */
    static final String VISIBLE_STOPS = """
            (SELECT coalesce(jsonb_agg(e.s ORDER BY e.ord), '[]'::jsonb)
               FROM jsonb_array_elements(coalesce(r.message -> 'stops', '[]'::jsonb)) WITH ORDINALITY AS e(s, ord)
              WHERE e.s ->> 'kind' IS DISTINCT FROM 'bin'
                 OR e.s ->> 'binId' IN (SELECT b.id FROM bins b WHERE b.zone_id IN (SELECT id FROM scope)))
            """;
    static final String HAS_STOP_IN_SCOPE = """
            EXISTS (SELECT 1 FROM jsonb_array_elements(coalesce(r.message -> 'stops', '[]'::jsonb)) AS e(s)
                     WHERE e.s ->> 'kind' = 'bin'
                       AND e.s ->> 'binId' IN (SELECT b.id FROM bins b WHERE b.zone_id IN (SELECT id FROM scope)))
            """;
    static final String ROUTE_COLUMNS = "r.id, r.truck_id, r.shift_date, r.revision, r.created_at, r.cause, "
            + "r.distance_km, r.duration_min, r.announced_at, jsonb_array_length(coalesce(r.message -> 'stops', '[]'::jsonb)) AS all_stops, "
            + VISIBLE_STOPS + " AS visible";
    static final String LIST = Scope.SCOPE_CTE + "SELECT " + ROUTE_COLUMNS + """
             FROM routes r
            WHERE (?::text IS NULL OR r.truck_id = ?::text)
              AND (?::date IS NULL OR r.shift_date = ?::date)
              AND (?::text = '*' OR\s""" + HAS_STOP_IN_SCOPE + """
            )
              AND r.id < ?
            ORDER BY r.id DESC
            LIMIT ?
            """;
    static final String GET = Scope.SCOPE_CTE + "SELECT " + ROUTE_COLUMNS + ", r.message FROM routes r WHERE r.id = ?"
            + " AND (?::text = '*' OR " + HAS_STOP_IN_SCOPE + ")";

    private final DataSource dataSource;

    public RouteQueries(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public JsonObject list(Principal principal, Params params) throws SQLException {
        LocalDate date = date(params.string("date"));
        return ListQuery.scoped(principal, params)
                .filters("truck")
                .bind(date, date, principal.zone())
                .page(dataSource, LIST, rs -> route(rs, false));
    }

    public JsonObject get(Principal principal, long id) throws SQLException {
        List<Object> args = Scope.args(principal);
        args.add(id);
        args.add(principal.zone());
        try (Connection c = dataSource.getConnection()) {
            List<JsonObject> rows = Db.query(c, GET, args, rs -> route(rs, true));
            if (rows.isEmpty()) {
                throw ApiException.notFound("route " + id);
            }
            return rows.get(0);
        }
    }

    /**
     * The stops shown, numbered 1..n in their order: the published {@code seq} of a partial route would tell how many
     * stops of other zones lie between them.
     */
    static void renumber(io.vertx.core.json.JsonArray stops) {
        for (int i = 0; i < stops.size(); i++) {
            JsonObject stop = stops.getJsonObject(i);
            if (stop.containsKey("seq")) {
                stop.put("seq", i + 1);
            }
        }
    }

    private static LocalDate date(String text) {
        try {
            return text == null ? null : LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            throw ApiException.badRequest("bad_date", "date is not a date such as 2026-11-28");
        }
    }

    private static JsonObject route(ResultSet rs, boolean withMessage) throws SQLException {
        io.vertx.core.json.JsonArray visible = new io.vertx.core.json.JsonArray(rs.getString("visible"));
        int all = rs.getInt("all_stops");
        if (visible.size() < all) {
            renumber(visible);
        }
        JsonObject route = new JsonObject()
                .put("id", rs.getLong("id"))
                .put("truckId", rs.getString("truck_id"))
                .put("shiftDate", rs.getString("shift_date"))
                .put("revision", rs.getInt("revision"))
                .put("createdAt", Db.time(rs, "created_at"))
                .put("cause", rs.getString("cause"))
                .put("stops", visible.size())
                .put("partial", visible.size() < all)
                .put("distanceKm", rs.getDouble("distance_km"))
                .put("durationMin", rs.getDouble("duration_min"))
                .put("announcedAt", Db.time(rs, "announced_at"));
        if (withMessage) {
            route.put("message", new JsonObject(rs.getString("message")).put("stops", visible));
        }
        return route;
    }
}
