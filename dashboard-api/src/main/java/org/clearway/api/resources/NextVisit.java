package org.clearway.api.resources;

import io.vertx.core.json.JsonObject;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * A bin's next planned visit, in its JSON: the planned arrival of its open job on its truck's newest route
 * ({@code basis} {@code route}), else the start of its group's next round ({@code round}: its district and stream in
 * {@code rounds}, V16, kept by the dispatch leader's rounds chore), else null.
 */
final class NextVisit {

    /** Two columns of a query on {@code bins b}: {@code planned_visit_at}, {@code next_round_at}. */
    static final String COLUMNS = """
            (SELECT min((s->>'plannedArrival')::timestamptz) FROM jobs j
               JOIN LATERAL (SELECT r.message FROM routes r WHERE r.truck_id = j.truck_id
                              ORDER BY r.revision DESC LIMIT 1) r ON true
               CROSS JOIN LATERAL jsonb_array_elements(r.message->'stops') s
              WHERE j.bin_id = b.id AND j.state IN ('planned', 'dispatched', 'accepted', 'arrived')
                AND s->>'jobId' = j.id::text) AS planned_visit_at,
            (SELECT ro.next_round_at FROM rounds ro, zones z1 LEFT JOIN zones z2 ON z2.id = z1.parent_id
               LEFT JOIN zones z3 ON z3.id = z2.parent_id
              WHERE z1.id = b.zone_id AND ro.district_id = coalesce(z3.id, z2.id, z1.id)
                AND ro.stream = b.stream) AS next_round_at""";

    private NextVisit() {
    }

    static JsonObject of(ResultSet rs) throws SQLException {
        String planned = Db.time(rs, "planned_visit_at");
        if (planned != null) {
            return new JsonObject().put("at", planned).put("basis", "route");
        }
        String round = Db.time(rs, "next_round_at");
        return round == null ? null : new JsonObject().put("at", round).put("basis", "round");
    }
}
