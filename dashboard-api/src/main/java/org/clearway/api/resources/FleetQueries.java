package org.clearway.api.resources;

import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.List;
import javax.sql.DataSource;
import org.clearway.api.http.ApiException;
import org.clearway.api.http.Params;
import org.clearway.api.security.Principal;

/**
 * The fleet: trucks with their last position and today's driven kilometres, a truck's position history, the
 * facilities. Trucks and facilities are city-wide data with no bin in them: the operations' roles decide who sees
 * them (openapi.yaml), not the zone scope.
 */
public final class FleetQueries {
    static final String TRUCK_COLUMNS = """
            SELECT t.id, t.depot_id, t.streams, t.capacity_volume_l, t.capacity_weight_kg, t.shift_start, t.shift_end,
                   t.status, t.last_position_at, t.last_lat, t.last_lon, t.last_load_pct,
                   s.driven_km, s.first_at, s.last_at
              FROM trucks t LEFT JOIN truck_shifts s ON s.truck_id = t.id AND s.shift_date = ?
            """;
    static final String LIST_TRUCKS = TRUCK_COLUMNS
            + " WHERE (?::text IS NULL OR t.status = ?::text) AND t.id > ? ORDER BY t.id LIMIT ?";
    static final String GET_TRUCK = TRUCK_COLUMNS + " WHERE t.id = ?";
    static final String POSITIONS = """
            SELECT ts, lat, lon, speed_kmh, heading_deg, load_pct, received_at FROM truck_positions
             WHERE truck_id = ? AND ts >= ? AND ts < ? AND ts > ?
             ORDER BY ts LIMIT ?
            """;
    static final String FACILITIES = """
            SELECT id, kind, name, lat, lon, accepted_streams, open_time, close_time FROM facilities
             WHERE (?::text IS NULL OR kind = ?::text) ORDER BY id
            """;
    static final Duration DEFAULT_RANGE = Duration.ofHours(24);
    static final Duration MAX_RANGE = Duration.ofDays(7);

    private final DataSource dataSource;
    private final Clock clock;
    private final ZoneId cityZone;

    /** @param cityZone the city's time zone: "today's shift" is the shift of today's date there */
    public FleetQueries(DataSource dataSource, Clock clock, ZoneId cityZone) {
        this.dataSource = dataSource;
        this.clock = clock;
        this.cityZone = cityZone;
    }

    public JsonObject trucks(Principal principal, Params params) throws SQLException {
        int limit = params.limit();
        String status = params.string("status");
        String cursor = params.string("cursor");
        List<Object> args = java.util.Arrays.asList(today(), status, status, cursor == null ? "" : cursor, limit + 1);
        return Page.of(Db.query(dataSource, LIST_TRUCKS, args, this::truck), limit, item -> item.getString("id"));
    }

    public JsonObject truck(Principal principal, String id) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            return truck(c, id);
        }
    }

    private JsonObject truck(Connection c, String id) throws SQLException {
        List<JsonObject> rows = Db.query(c, GET_TRUCK, List.of(today(), id), this::truck);
        if (rows.isEmpty()) {
            throw ApiException.notFound("truck " + id);
        }
        return rows.get(0);
    }

    /** Positions in [from, to), default the 24 hours before to (now by default), at most 7 days, oldest first. */
    public JsonObject positions(Principal principal, String id, Params params) throws SQLException {
        Instant to = params.instant("to");
        to = to == null ? clock.instant() : to;
        Instant from = params.instant("from");
        from = from == null ? to.minus(DEFAULT_RANGE) : from;
        Params.requireBefore(from, to);
        if (Duration.between(from, to).compareTo(MAX_RANGE) > 0) {
            throw ApiException.badRequest("range_too_large", "positions cover at most 7 days per request; narrow from/to");
        }
        int limit = params.limit();
        Instant after = timeCursor(params.string("cursor"));
        try (Connection c = dataSource.getConnection()) {
            truck(c, id);
            List<JsonObject> rows = Db.query(c, POSITIONS, List.of(id, from, to, after, limit + 1), FleetQueries::position);
            return Page.of(rows, limit, item -> item.getString("ts"));
        }
    }

    public JsonObject facilities(Principal principal, Params params) throws SQLException {
        String kind = params.string("kind");
        List<JsonObject> rows = Db.query(dataSource, FACILITIES, java.util.Arrays.asList(kind, kind), FleetQueries::facility);
        return new JsonObject().put("items", new io.vertx.core.json.JsonArray(new java.util.ArrayList<Object>(rows)));
    }

    private LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), cityZone);
    }

    private static Instant timeCursor(String text) {
        if (text == null) {
            return ListQuery.MIN_TIME;
        }
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw ApiException.badRequest("bad_cursor", "cursor is not one this API gave");
        }
    }

    private JsonObject truck(ResultSet rs) throws SQLException {
        JsonObject last = rs.getObject("last_position_at") == null ? null : new JsonObject()
                .put("at", Db.time(rs, "last_position_at"))
                .put("lat", Db.nullableDouble(rs, "last_lat"))
                .put("lon", Db.nullableDouble(rs, "last_lon"))
                .put("loadPct", Db.nullableDouble(rs, "last_load_pct"));
        Double driven = Db.nullableDouble(rs, "driven_km");
        return new JsonObject()
                .put("id", rs.getString("id"))
                .put("depotId", rs.getString("depot_id"))
                .put("streams", Db.textArray(rs, "streams"))
                .put("capacityVolumeL", rs.getDouble("capacity_volume_l"))
                .put("capacityWeightKg", rs.getDouble("capacity_weight_kg"))
                .put("shiftStart", rs.getString("shift_start").substring(0, 5))
                .put("shiftEnd", rs.getString("shift_end").substring(0, 5))
                .put("status", rs.getString("status"))
                .put("lastPosition", last)
                .put("today", new JsonObject()
                        .put("shiftDate", today().toString())
                        .put("drivenKm", driven == null ? 0.0 : driven)
                        .put("firstAt", Db.time(rs, "first_at"))
                        .put("lastAt", Db.time(rs, "last_at")));
    }

    private static JsonObject position(ResultSet rs) throws SQLException {
        return new JsonObject()
                .put("ts", Db.time(rs, "ts"))
                .put("lat", rs.getDouble("lat"))
                .put("lon", rs.getDouble("lon"))
                .put("speedKmh", Db.nullableDouble(rs, "speed_kmh"))
                .put("headingDeg", Db.nullableDouble(rs, "heading_deg"))
                .put("loadPct", Db.nullableDouble(rs, "load_pct"))
                .put("receivedAt", Db.time(rs, "received_at"));
    }

    private static JsonObject facility(ResultSet rs) throws SQLException {
        return new JsonObject()
                .put("id", rs.getString("id"))
                .put("kind", rs.getString("kind"))
                .put("name", rs.getString("name"))
                .put("lat", rs.getDouble("lat"))
                .put("lon", rs.getDouble("lon"))
                .put("acceptedStreams", Db.textArray(rs, "accepted_streams"))
                .put("openTime", rs.getString("open_time").substring(0, 5))
                .put("closeTime", rs.getString("close_time").substring(0, 5));
    }
}
