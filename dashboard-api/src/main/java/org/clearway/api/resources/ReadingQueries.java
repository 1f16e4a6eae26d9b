package org.clearway.api.resources;

import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
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
    /** The daily bucket, which {@link #DAILY} answers from the roll-up {@code bin_days} for whole UTC days. */
    static final String DAY = "1d";
    /** One raw window of {@link #DAILY}: its own bounds, so that the planner reads only that window's partition. */
    private static final String DAILY_WINDOW = """
            SELECT date_bin(interval '1 day', r.measured_at, timestamptz '2000-01-01 00:00:00+00') AS bucket,
                   min(r.fill_pct) AS min_fill, max(r.fill_pct) AS max_fill, avg(r.fill_pct) AS mean_fill, count(*) AS n
              FROM readings r
             WHERE r.bin_id = ? AND r.measured_at >= ? AND r.measured_at < ?
             GROUP BY 1
            """;
    /**
     * {@link #BUCKETED} for daily buckets, with the whole UTC days of the range from the roll-up of migration V11
     * ({@code bin_days}: the day's readings, least and greatest fill and their sum, so the mean is the sum over the
     * count) and the partial days at its two ends from the readings. One statement, so one snapshot. The roll-up
     * answers only when it is kept exactly for that bin and those days ({@code usable}): the roll-ups are maintained
     * (not TimescaleDB's path), no reading of the bin in those days is still waiting in {@code rollup_pending} (V29's
     * deferred upkeep), and days before the oldest readings partition (dropped by retention, whose roll-ups outlive
     * them) are left out as the readings query leaves them. When not usable the statement returns one row with a null
     * bucket and the caller asks {@link #BUCKETED}. Arguments: the bin, first whole day, end of the whole days (dates),
     * the bin and the same two days for {@code rollup_pending}; the bin, the head window; the bin, the tail window.
     */
    static final String DAILY = """
            WITH p AS (SELECT ?::text AS bin, ?::date AS d0, ?::date AS d1),
            parts AS (
                SELECT min(to_date(substring(c.relname FROM '^readings_p([0-9]{8})$'), 'YYYYMMDD')) AS first_day,
                       bool_and(c.relname ~ '^readings_p[0-9]{8}$') AS named
                  FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
                 WHERE i.inhparent = to_regclass('readings')),
            g AS (
                SELECT coalesce((SELECT s.maintained FROM rollup_settings s), false) AND coalesce(parts.named, false)
                       AND NOT EXISTS (SELECT 1 FROM rollup_pending rp
                                        WHERE rp.bin_id = ?::text AND rp.measured_at >= (?::date::timestamp AT TIME ZONE 'UTC')
                                          AND rp.measured_at < (?::date::timestamp AT TIME ZONE 'UTC')) AS usable,
                       parts.first_day
                  FROM parts)
            SELECT (bd.day::timestamp AT TIME ZONE 'UTC') AS bucket, bd.fill_min AS min_fill, bd.fill_max AS max_fill,
                   bd.fill_sum / bd.readings AS mean_fill, bd.readings::bigint AS n
              FROM p CROSS JOIN g
              JOIN bin_days bd ON bd.bin_id = p.bin AND bd.day >= greatest(p.d0, g.first_day) AND bd.day < p.d1
             WHERE g.usable AND bd.readings > 0
            UNION ALL
            SELECT NULL, NULL, NULL, NULL, NULL FROM g WHERE NOT g.usable
            UNION ALL
            """ + DAILY_WINDOW + "UNION ALL\n" + DAILY_WINDOW + "ORDER BY 1\n";

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
        List<JsonObject> rows = DAY.equals(bucket) ? daily(c, binId, from, to) : null;
        if (rows == null) {
            rows = Db.query(c, BUCKETED, List.of(width.toSeconds(), binId, from, to), ReadingQueries::bucket);
        }
        return new JsonObject().put("bucket", bucket).put("from", from.toString()).put("to", to.toString())
                .put("items", new io.vertx.core.json.JsonArray(new ArrayList<Object>(rows))).put("nextCursor", null);
    }

    /**
     * Daily buckets by {@link #DAILY}, or null when the roll-up cannot answer for this bin and range. The same buckets
     * as {@link #BUCKETED}: the same count, least and greatest fill; the mean is the roll-up's sum over the count, which
     * equals the readings' mean except in the last binary digits where the roll-up added the day's readings in another
     * order (their arrival, in batches).
     */
    private static List<JsonObject> daily(Connection c, String binId, Instant from, Instant to) throws SQLException {
        Instant firstDay = from.truncatedTo(ChronoUnit.DAYS);
        if (firstDay.isBefore(from)) {
            firstDay = firstDay.plus(Duration.ofDays(1));
        }
        Instant endDay = to.truncatedTo(ChronoUnit.DAYS);
        Instant headEnd = firstDay;
        Instant tailStart = endDay;
        if (!firstDay.isBefore(endDay)) {
            firstDay = endDay;
            headEnd = to;
            tailStart = to;
        }
        LocalDate d0 = LocalDate.ofInstant(firstDay, ZoneOffset.UTC);
        LocalDate d1 = LocalDate.ofInstant(endDay, ZoneOffset.UTC);
        List<Object> args = List.of(binId, d0, d1, binId, d0, d1, binId, from, headEnd, binId, tailStart, to);
        List<JsonObject> rows = Db.query(c, DAILY, args, rs -> rs.getObject("bucket") == null ? null : bucket(rs));
        return rows.contains(null) ? null : rows;
    }

    private static JsonObject bucket(ResultSet rs) throws SQLException {
        return new JsonObject()
                .put("bucket", Db.time(rs, "bucket"))
                .put("min", rs.getDouble("min_fill"))
                .put("max", rs.getDouble("max_fill"))
                .put("mean", rs.getDouble("mean_fill"))
                .put("count", rs.getLong("n"));
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
