package org.clearway.api.resources;

import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import javax.sql.DataSource;
import org.clearway.api.http.ApiException;
import org.clearway.api.security.Principal;

/**
 * An operator's answers to alarms: acknowledge (active to acknowledged) and clear (active or acknowledged to cleared),
 * recording the token and the time. Each is one guarded UPDATE within the token's scope; a repeat is 409.
 */
public final class AlarmCommands {
    static final String ACKNOWLEDGE = Scope.SCOPE_CTE + """
            UPDATE alarms a SET state = 'acknowledged', acknowledged_at = ?, acknowledged_by = ?
             WHERE a.id = ? AND a.state = 'active'
               AND a.bin_id IN (SELECT b.id FROM bins b WHERE b.zone_id IN (SELECT id FROM scope))
            """;
    static final String CLEAR = Scope.SCOPE_CTE + """
            UPDATE alarms a SET state = 'cleared', cleared_at = ?, cleared_by = ?
             WHERE a.id = ? AND a.state IN ('active', 'acknowledged')
               AND a.bin_id IN (SELECT b.id FROM bins b WHERE b.zone_id IN (SELECT id FROM scope))
            """;

    private final DataSource dataSource;
    private final Clock clock;

    public AlarmCommands(DataSource dataSource, Clock clock) {
        this.dataSource = dataSource;
        this.clock = clock;
    }

    public JsonObject acknowledge(Principal principal, long id) throws SQLException {
        return change(principal, id, ACKNOWLEDGE, "acknowledged");
    }

    public JsonObject clear(Principal principal, long id) throws SQLException {
        return change(principal, id, CLEAR, "cleared");
    }

    private JsonObject change(Principal principal, long id, String sql, String target) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            List<Object> args = Scope.args(principal);
            args.add(clock.instant());
            args.add(Actor.of(principal));
            args.add(id);
            int changed = Db.update(c, sql, args);
            JsonObject alarm = AlarmQueries.get(c, principal, id);
            if (changed == 0) {
                String state = alarm.getString("state");
                throw ApiException.conflict("illegal_transition", "alarm " + id + " is " + state + " and cannot be "
                        + target + (state.equals("cleared") ? "; it is over" : "")).withDetail("state", state);
            }
            return alarm;
        }
    }
}
