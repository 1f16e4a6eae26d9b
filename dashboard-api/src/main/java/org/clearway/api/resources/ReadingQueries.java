package org.clearway.api.resources;

import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.clearway.api.http.ApiException;
import org.clearway.api.http.Params;
import org.clearway.api.security.Principal;

/**
 * A bin's readings in [from, to): raw (at most {@link #MAX_RAW_RANGE}, paginated by time) or
 * per bucket with min, max, mean and count of fill (at most {@link #MAX_BUCKETED_RANGE} and
 * {@link #MAX_BUCKETS} buckets), buckets aligned by {@code date_bin} on 2000-01-01T00:00Z.
 */
public final class ReadingQueries {
    static final Duration DEFAULT_RANGE = Duration.ofHours(24);
    static final Duration MAX_RAW_RANGE = Duration.ofDays(31);
    static final Duration MAX_BUCKETED_RANGE = Duration.ofDays(400);
    static final long MAX_BUCKETS = 5000;
    static final Map<String, Duration> BUCKETS = Map.of(
            "1m", Duration.ofMinutes(1), "5m", Duration.ofMinutes(5), "15m", Duration.ofMinutes(15),
            "30m", Duration.ofMinutes(30), "1h", Duration.ofHours(1), "3h", Duration.ofHours(3),
            "6h", Duration.ofHours(6), "12h", Duration.ofHours(12), "1d", Duration.ofDays(1), "7d", Duration.ofDays(7));
    static final String RAW = """
            SELECT measured_at, received_at, fill_pct, distance_mm, seq, battery_pct, temp_c, tilt, rssi, alarms
              FROM readings
             WHERE bin_id = ? AND measured_at >= ? AND measured_at < ? AND measured_at > ?
             ORDER BY measured_at
             LIMIT ?
            """;
    static final String BUCKETED = """
            SELECT date_bin(make_interval(secs => ?::double precision), measured_at, timestamptz '2000-01-01 00:00:00+00') AS bucket,
                   min(fill_pct) AS min_fill, max(fill_pct) AS max_fill, avg(fill_pct) AS mean_fill, count(*) AS n
              FROM readings
             WHERE bin_id = ? AND measured_at >= ? AND measured_at < ?
             GROUP BY 1
             ORDER BY 1
            """;

    private final DataSource dataSource;
    private final Clock clock;

    public ReadingQueries(DataSource dataSource, Clock clock) {
        this.dataSource = dataSource;
        this.clock = clock;
    }

    public JsonObject readings(Principal principal, String binId, Params params) throws SQLException {
        Instant to = params.instant("to");
        Instant from = params.instant("from");
        to = to != null ? to : (from != null ? from.plus(DEFAULT_RANGE) : clock.instant());
        from = from != null ? from : to.minus(DEFAULT_RANGE);
        Params.requireBefore(from, to);
        String bucket = params.string("bucket");
        Duration range = Duration.between(from, to);
        try (Connection c = dataSource.getConnection()) {
            BinQueries.get(c, principal, binId);
            return bucket == null ? raw(c, binId, from, to, range, params) : bucketed(c, binId, from, to, range, bucket);
        }
    }

    private static JsonObject raw(Connection c, String binId, Instant from, Instant to, Duration range, Params params)
            throws SQLException {
        if (range.compareTo(MAX_RAW_RANGE) > 0) {
            throw ApiException.badRequest("range_too_large", "raw readings cover at most 31 days; use bucket for more");
        }
        int limit = params.limit();
        Instant after = cursor(params.string("cursor"));
        List<Object> args = new ArrayList<>(List.of(binId, from, to, after == null ? from.minusNanos(1000) : after, limit + 1));
        List<JsonObject> rows = Db.query(c, RAW, args, ReadingQueries::reading);
        return Page.of(rows, limit, item -> item.getString("measuredAt")).put("bucket", null)
                .put("from", from.toString()).put("to", to.toString());
    }

    private static JsonObject bucketed(Connection c, String binId, Instant from, Instant to, Duration range, String bucket)
            throws SQLException {
        Duration width = BUCKETS.get(bucket);
        if (range.compareTo(MAX_BUCKETED_RANGE) > 0) {
            throw ApiException.badRequest("range_too_large", "bucketed readings cover at most 400 days");
        }
        if (range.toSeconds() / width.toSeconds() > MAX_BUCKETS) {
            throw ApiException.badRequest("too_many_buckets", "at most " + MAX_BUCKETS + " buckets; use a wider bucket");
        }
        List<Object> args = List.of(width.toSeconds(), binId, from, to);
        List<JsonObject> rows = Db.query(c, BUCKETED, args, rs -> new JsonObject()
                .put("bucket", Db.time(rs, "bucket"))
                .put("min", rs.getDouble("min_fill"))
                .put("max", rs.getDouble("max_fill"))
                .put("mean", rs.getDouble("mean_fill"))
                .put("count", rs.getLong("n")));
        return new JsonObject().put("bucket", bucket).put("from", from.toString()).put("to", to.toString())
                .put("items", new io.vertx.core.json.JsonArray(new ArrayList<Object>(rows))).put("nextCursor", null);
    }

    private static Instant cursor(String text) {
        if (text == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            throw ApiException.badRequest("bad_cursor", "cursor is not one this API gave");
        }
    }

    private static JsonObject reading(ResultSet rs) throws SQLException {
        return measurement(new JsonObject()
                .put("measuredAt", Db.time(rs, "measured_at"))
                .put("receivedAt", Db.time(rs, "received_at")), rs);
    }

    /** Adds what a sensor measured, the columns a reading and a bin's state share, after the fields already in it. */
    static JsonObject measurement(JsonObject into, ResultSet rs) throws SQLException {
        return into
                .put("fillPct", rs.getDouble("fill_pct"))
                .put("distanceMm", Db.nullableInt(rs, "distance_mm"))
                .put("seq", Db.nullableLong(rs, "seq"))
                .put("batteryPct", Db.nullableDouble(rs, "battery_pct"))
                .put("tempC", Db.nullableDouble(rs, "temp_c"))
                .put("tilt", Db.nullableBool(rs, "tilt"))
                .put("rssi", Db.nullableInt(rs, "rssi"))
                .put("alarms", Db.textArray(rs, "alarms"));
    }
}
