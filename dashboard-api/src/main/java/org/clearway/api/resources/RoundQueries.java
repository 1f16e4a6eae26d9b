package org.clearway.api.resources;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.TreeSet;
import javax.sql.DataSource;
import org.clearway.api.http.ApiException;
import org.clearway.api.security.Principal;
import org.clearway.core.time.DbClock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The collection rounds per district and stream ({@code rounds}, V16), which the dispatch leader's rounds chore fits
 * and a city's dispatcher may pin. A token sees the rounds of the districts its zone lies in or holds; it pins only
 * a district inside its zone. A pin records who and when ({@code pinned_by} is the token's actor name, as job events
 * record it) and is logged; the chore keeps pinned days as they are.
 */
public final class RoundQueries {
    private static final Logger LOG = LoggerFactory.getLogger(RoundQueries.class);

    /** A zone's district: the top of its tree (district > street > community). */
    static final String DISTRICT_OF = "coalesce(z3.id, z2.id, z1.id)";
    static final String ZONE_UP = "zones z1 LEFT JOIN zones z2 ON z2.id = z1.parent_id LEFT JOIN zones z3 ON z3.id = z2.parent_id";
    static final String COLUMNS = "r.district_id, r.stream, r.weekdays, r.pinned, r.pinned_by, r.pinned_at, r.fitted_at, "
            + "r.longest_gap_days, r.selected_on, r.next_round_at, r.bins_at_risk, r.bins_selected, r.updated_at";
    /** Three arguments: the token's zone twice, then a zone filter (or null). */
    static final String LIST = Scope.SCOPE_CTE + "SELECT " + COLUMNS + " FROM rounds r WHERE r.district_id IN ("
            + "SELECT " + DISTRICT_OF + " FROM scope s JOIN " + ZONE_UP + " ON z1.id = s.id) "
            + "AND (?::text IS NULL OR r.district_id = (SELECT " + DISTRICT_OF + " FROM " + ZONE_UP + " WHERE z1.id = ?::text)) "
            + "ORDER BY r.district_id, r.stream";
    static final String DISTRICT_IN_SCOPE = Scope.SCOPE_CTE
            + "SELECT 1 FROM zones z WHERE z.id = ? AND z.level = 'district' AND z.id IN (SELECT id FROM scope)";
    static final String STREAM_EXISTS = "SELECT 1 FROM waste_streams WHERE code = ?";
    static final String PIN = "INSERT INTO rounds (district_id, stream, weekdays, pinned, pinned_by, pinned_at, updated_at) "
            + "VALUES (?, ?, ?::smallint[], true, ?, ?, ?) ON CONFLICT (district_id, stream) DO UPDATE SET "
            + "weekdays = excluded.weekdays, pinned = true, pinned_by = excluded.pinned_by, "
            + "pinned_at = excluded.pinned_at, updated_at = excluded.updated_at";
    static final String GET = "SELECT " + COLUMNS + " FROM rounds r WHERE r.district_id = ? AND r.stream = ?";

    private final DataSource dataSource;
    private final Clock clock;

    public RoundQueries(DataSource dataSource, Clock clock) {
        this.dataSource = dataSource;
        this.clock = DbClock.of(clock);
    }

    /** The rounds the token sees, of one zone's district with {@code zone}. */
    public JsonObject list(Principal principal, String zone) throws SQLException {
        List<Object> args = Scope.args(principal);
        args.add(zone);
        args.add(zone);
        return new JsonObject().put("rounds", new JsonArray(Db.query(dataSource, LIST, args, RoundQueries::round)));
    }

    /**
     * Pins a district and stream's round days (ISO weekday numbers, Monday 1 to Saturday 6): 404 for a district
     * outside the token's zone, 400 for an unknown stream or days outside Monday to Saturday.
     */
    public JsonObject pin(Principal principal, String districtId, String stream, JsonObject body) throws SQLException {
        JsonArray days = body.getJsonArray("weekdays");
        TreeSet<Integer> weekdays = new TreeSet<>();
        for (Object day : days) {
            if (!(day instanceof Number n) || n.intValue() < 1 || n.intValue() > 6 || n.doubleValue() != n.intValue()) {
                throw ApiException.badRequest("bad_weekdays", "round days are ISO weekday numbers from 1 (Monday) to "
                        + "6 (Saturday), got " + days.encode());
            }
            weekdays.add(n.intValue());
        }
        if (weekdays.isEmpty()) {
            throw ApiException.badRequest("bad_weekdays", "a group needs at least one round day a week");
        }
        try (Connection c = dataSource.getConnection()) {
            List<Object> scope = Scope.args(principal);
            scope.add(districtId);
            if (Db.query(c, DISTRICT_IN_SCOPE, scope, rs -> 1).isEmpty()) {
                throw ApiException.notFound("district " + districtId);
            }
            if (Db.query(c, STREAM_EXISTS, List.of(stream), rs -> 1).isEmpty()) {
                throw ApiException.badRequest("unknown_stream", "waste stream " + stream + " does not exist");
            }
            Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
            String actor = Actor.of(principal);
            Db.update(c, PIN, List.of(districtId, stream, "{" + String.join(",", weekdays.stream().map(String::valueOf)
                    .toList()) + "}", actor, now, now));
            LOG.info("Rounds of {} {} pinned to {} by {}", districtId, stream, weekdays, actor);
            return Db.query(c, GET, List.of(districtId, stream), RoundQueries::round).get(0);
        }
    }

    static JsonObject round(ResultSet rs) throws SQLException {
        JsonArray weekdays = new JsonArray();
        for (Object day : (Object[]) rs.getArray("weekdays").getArray()) {
            weekdays.add(((Number) day).intValue());
        }
        java.time.LocalDate selected = rs.getObject("selected_on", java.time.LocalDate.class);
        return new JsonObject()
                .put("districtId", rs.getString("district_id"))
                .put("stream", rs.getString("stream"))
                .put("weekdays", weekdays)
                .put("pinned", rs.getBoolean("pinned"))
                .put("pinnedBy", rs.getString("pinned_by"))
                .put("pinnedAt", Db.time(rs, "pinned_at"))
                .put("fittedAt", Db.time(rs, "fitted_at"))
                .put("longestGapDays", Db.nullableDouble(rs, "longest_gap_days"))
                .put("selectedOn", selected == null ? null : selected.toString())
                .put("nextRoundAt", Db.time(rs, "next_round_at"))
                .put("binsAtRisk", rs.getInt("bins_at_risk"))
                .put("binsSelected", rs.getInt("bins_selected"))
                .put("updatedAt", Db.time(rs, "updated_at"));
    }
}
