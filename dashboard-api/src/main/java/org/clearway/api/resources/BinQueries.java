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

/** Reading bins: the list, one bin, its state, the GeoJSON map layer. All within the token's scope. */
public final class BinQueries {
    static final String BIN_COLUMNS = "b.id, b.zone_id, b.stream, b.volume_l, b.depth_mm, b.sensor_offset_mm, "
            + "b.lat, b.lon, b.threshold_pct, b.created_at, b.retired_at, " + NextVisit.COLUMNS;
    static final String LIST = Scope.SCOPE_AND_FILTER_CTE + "SELECT " + BIN_COLUMNS + " FROM bins b WHERE "
            + BinFilter.CONDITIONS + " AND (?::boolean OR b.retired_at IS NULL) AND b.id > ?::text ORDER BY b.id LIMIT ?";
    static final String GET = Scope.SCOPE_CTE + "SELECT " + BIN_COLUMNS
            + " FROM bins b WHERE b.id = ? AND b.zone_id IN (SELECT id FROM scope)";
    /** The bin (in scope) and its state, null columns when it has not reported: one query for both 404s. */
    static final String STATE = Scope.SCOPE_CTE + """
            SELECT s.* FROM bins b LEFT JOIN bin_state s ON s.bin_id = b.id
             WHERE b.id = ? AND b.zone_id IN (SELECT id FROM scope)
            """;
    static final String GEOJSON = Scope.SCOPE_AND_FILTER_CTE + """
            SELECT b.id, b.zone_id, b.stream, b.volume_l, b.lat, b.lon,
                   coalesce(b.threshold_pct, w.default_threshold_pct) AS threshold_pct,
                   s.fill_pct, s.measured_at, s.last_seen_at, s.battery_pct, s.alarms
              FROM bins b
              JOIN waste_streams w ON w.code = b.stream
              LEFT JOIN bin_state s ON s.bin_id = b.id
             WHERE b.retired_at IS NULL AND\s""" + BinFilter.CONDITIONS + " AND b.id > ?::text ORDER BY b.id LIMIT ?";
    static final int GEOJSON_DEFAULT_LIMIT = 1000;

    private final DataSource dataSource;
    private final MapLayer map;

    /** @param mapMaxAge how old the map layer's fingerprints may be when an answer reuses them ({@link MapLayer}) */
    public BinQueries(DataSource dataSource, java.time.Duration mapMaxAge, java.time.Clock clock) {
        this.dataSource = dataSource;
        this.map = new MapLayer(dataSource, mapMaxAge, clock);
    }

    /** The whole zone's map layer, cached per zone ({@code GET /map/bins.geojson}). */
    public MapLayer map() {
        return map;
    }

    public JsonObject list(Principal principal, Params params) throws SQLException {
        BinFilter filter = BinFilter.from(params);
        int limit = params.limit();
        List<Object> args = Scope.args(principal);
        args.add(filter.zone());
        filter.addArgs(args);
        args.add(params.bool("retired", false));
        String cursor = params.string("cursor");
        args.add(cursor == null ? "" : cursor);
        args.add(limit + 1);
        return Page.of(Db.query(dataSource, LIST, args, BinQueries::bin), limit, item -> item.getString("id"));
    }

    public JsonObject get(Principal principal, String id) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            return get(c, principal, id);
        }
    }

    /** The bin, or 404 when it does not exist or is outside the token's zone. */
    static JsonObject get(Connection c, Principal principal, String id) throws SQLException {
        List<Object> args = Scope.args(principal);
        args.add(id);
        List<JsonObject> rows = Db.query(c, GET, args, BinQueries::bin);
        if (rows.isEmpty()) {
            throw ApiException.notFound("bin " + id);
        }
        return rows.get(0);
    }

    public JsonObject state(Principal principal, String id) throws SQLException {
        List<Object> args = Scope.args(principal);
        args.add(id);
        List<JsonObject> rows = Db.query(dataSource, STATE, args,
                rs -> rs.getString("bin_id") == null ? new JsonObject() : state(rs));
        if (rows.isEmpty()) {
            throw ApiException.notFound("bin " + id);
        }
        if (rows.get(0).isEmpty()) {
            throw new ApiException(404, "no_state", "bin " + id + " has not reported yet");
        }
        return rows.get(0);
    }

    public JsonObject geoJson(Principal principal, Params params) throws SQLException {
        BinFilter filter = BinFilter.from(params);
        int limit = params.integer("limit", GEOJSON_DEFAULT_LIMIT);
        List<Object> args = Scope.args(principal);
        args.add(filter.zone());
        filter.addArgs(args);
        String cursor = params.string("cursor");
        args.add(cursor == null ? "" : cursor);
        args.add(limit + 1);
        List<JsonObject> features = Db.query(dataSource, GEOJSON, args, BinQueries::feature);
        boolean truncated = features.size() > limit;
        List<JsonObject> page = truncated ? features.subList(0, limit) : features;
        return new JsonObject()
                .put("type", "FeatureCollection")
                .put("features", new JsonArray(new java.util.ArrayList<Object>(page)))
                .put("truncated", truncated)
                .put("nextCursor", truncated ? page.get(page.size() - 1).getString("id") : null);
    }

    static JsonObject bin(ResultSet rs) throws SQLException {
        return new JsonObject()
                .put("id", rs.getString("id"))
                .put("zoneId", rs.getString("zone_id"))
                .put("stream", rs.getString("stream"))
                .put("volumeL", rs.getDouble("volume_l"))
                .put("depthMm", rs.getInt("depth_mm"))
                .put("sensorOffsetMm", rs.getInt("sensor_offset_mm"))
                .put("lat", rs.getDouble("lat"))
                .put("lon", rs.getDouble("lon"))
                .put("thresholdPct", Db.nullableDouble(rs, "threshold_pct"))
                .put("createdAt", Db.time(rs, "created_at"))
                .put("retiredAt", Db.time(rs, "retired_at"))
                .put("nextVisit", NextVisit.of(rs));
    }

    static JsonObject state(ResultSet rs) throws SQLException {
        return ReadingQueries.measurement(new JsonObject()
                .put("binId", rs.getString("bin_id"))
                .put("measuredAt", Db.time(rs, "measured_at"))
                .put("receivedAt", Db.time(rs, "received_at"))
                .put("lastSeenAt", Db.time(rs, "last_seen_at")), rs);
    }

    static JsonObject feature(ResultSet rs) throws SQLException {
        JsonObject properties = new JsonObject()
                .put("id", rs.getString("id"))
                .put("zoneId", rs.getString("zone_id"))
                .put("stream", rs.getString("stream"))
                .put("volumeL", rs.getDouble("volume_l"))
                .put("thresholdPct", rs.getDouble("threshold_pct"))
                .put("fillPct", Db.nullableDouble(rs, "fill_pct"))
                .put("measuredAt", Db.time(rs, "measured_at"))
                .put("lastSeenAt", Db.time(rs, "last_seen_at"))
                .put("batteryPct", Db.nullableDouble(rs, "battery_pct"))
                .put("alarms", Db.textArray(rs, "alarms"));
        return new JsonObject()
                .put("type", "Feature")
                .put("id", rs.getString("id"))
                .put("geometry", new JsonObject().put("type", "Point")
                        .put("coordinates", new JsonArray().add(rs.getDouble("lon")).add(rs.getDouble("lat"))))
                .put("properties", properties);
    }
}
