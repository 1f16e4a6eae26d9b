package org.clearway.api.resources;

import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.clearway.api.security.Principal;

/**
 * "Plan again now": a dispatcher's request for a full plan, written to {@code plan_requests} (V15), where the dispatch
 * leader's planner takes it at its next poll. The API does not call dispatch; they meet in the database. A plan is
 * city-wide whatever the token's zone (the zone is kept for the record); whether it ran is seen in {@code handledAt}.
 */
public final class PlanRequests {
    static final String INSERT = """
            INSERT INTO plan_requests (requested_at, requested_by, zone_id) VALUES (?, ?, ?)
            RETURNING id, requested_at, requested_by, zone_id, handled_at
            """;

    private final DataSource dataSource;
    private final Clock clock;

    public PlanRequests(DataSource dataSource, Clock clock) {
        this.dataSource = dataSource;
        this.clock = clock;
    }

    public JsonObject request(Principal principal) throws SQLException {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        List<Object> args = new ArrayList<>();
        args.add(now);
        args.add(Actor.of(principal));
        args.add(principal.wholeCity() ? null : principal.zone());
        try (Connection c = dataSource.getConnection()) {
            return Db.query(c, INSERT, args, rs -> new JsonObject().put("id", rs.getLong("id"))
                    .put("requestedAt", Db.time(rs, "requested_at")).put("requestedBy", rs.getString("requested_by"))
                    .put("zoneId", rs.getString("zone_id")).put("handledAt", Db.time(rs, "handled_at"))).get(0);
        }
    }
}
