package org.clearway.api.resources;

import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import javax.sql.DataSource;
import org.clearway.api.security.Principal;
import org.clearway.core.time.DbClock;

/**
 * What changed since a {@link FeedCursor}, read by polling (no migration may add triggers for LISTEN/NOTIFY):
 * <ul>
 *   <li>job changes: {@code job_events} by id, every event with whether its bin is in the token's scope, so that
 *       the caller can see gaps in the ids (a transaction not yet committed) before moving past them;</li>
 *   <li>alarms: by their latest change time (raised, last seen, acknowledged or cleared) and id;</li>
 *   <li>bin state: {@code bin_state} by {@code last_seen_at} and bin id.</li>
 * </ul>
 * The time-keyed sources read only rows at least {@code settle} (real time) old by the services' clock (the times in
 * those rows come from it; on an accelerated clock the window is {@code settle} times its speed), so that a
 * transaction that commits shortly after the time it wrote is still seen.
 */
public final class ChangeFeed {
    static final String START = "SELECT coalesce((SELECT max(id) FROM job_events), 0)";
    static final String JOB_EVENTS = Scope.SCOPE_CTE + "SELECT e.id AS event_id, e.from_state, e.to_state, e.at, e.actor, "
            + "e.reason AS event_reason, b.zone_id IN (SELECT id FROM scope) AS visible, " + JobQueries.JOB_COLUMNS + """
             FROM job_events e JOIN jobs j ON j.id = e.job_id JOIN bins b ON b.id = j.bin_id
            WHERE e.id > ?
            ORDER BY e.id
            LIMIT ?
            """;
    static final String ALARMS = Scope.SCOPE_CTE + """
            SELECT * FROM (
                SELECT\s""" + AlarmQueries.ALARM_COLUMNS + """
                       , greatest(a.raised_at, a.last_seen_at, a.acknowledged_at, a.cleared_at) AS changed_at
                  FROM alarms a JOIN bins b ON b.id = a.bin_id
                 WHERE b.zone_id IN (SELECT id FROM scope)) x
             WHERE (x.changed_at, x.id) > (?, ?) AND x.changed_at <= ?
             ORDER BY x.changed_at, x.id
             LIMIT ?
            """;
    static final String STATES = Scope.SCOPE_CTE + """
            SELECT s.*, b.zone_id FROM bin_state s JOIN bins b ON b.id = s.bin_id
             WHERE b.zone_id IN (SELECT id FROM scope)
               AND (s.last_seen_at, s.bin_id) > (?, ?) AND s.last_seen_at <= ?
             ORDER BY s.last_seen_at, s.bin_id
             LIMIT ?
            """;

    /** One row of a source: its key for the cursor, whether the token may see it, and what the client gets. */
    public record Change(String type, long id, Instant at, String key, boolean visible, JsonObject data) {
    }

    private final DataSource dataSource;
    private final DbClock clock;
    private final Duration settle;

    public ChangeFeed(DataSource dataSource, Duration settle, Clock clock) {
        this.dataSource = dataSource;
        this.clock = DbClock.of(clock);
        this.settle = settle;
    }

    /** The cursor of "now": the newest job event, and the settle window's end for the time-keyed sources. */
    public FeedCursor now() throws SQLException {
        Instant t = settled();
        return Db.query(dataSource, START, List.of(), rs -> new FeedCursor(rs.getLong(1), t, 0, t, "")).get(0);
    }

    /** The newest time a time-keyed row may carry to be read: the clock's now less the settle window. */
    private Instant settled() {
        return clock.instant().minus(clock.simulated(settle));
    }

    /** Up to {@code max} of each source after the cursor, oldest first per source. */
    public List<List<Change>> poll(Principal principal, FeedCursor cursor, int max) throws SQLException {
        Instant settledAt = settled();
        try (Connection c = dataSource.getConnection()) {
            List<Object> jobArgs = Scope.args(principal);
            jobArgs.addAll(List.of(cursor.jobEventId(), max));
            List<Change> jobs = Db.query(c, JOB_EVENTS, jobArgs, rs -> new Change("job", rs.getLong("event_id"), null, null,
                    rs.getBoolean("visible"), JobQueries.job(rs).put("event", new JsonObject()
                            .put("id", rs.getLong("event_id"))
                            .put("from", rs.getString("from_state"))
                            .put("to", rs.getString("to_state"))
                            .put("at", Db.time(rs, "at"))
                            .put("actor", rs.getString("actor"))
                            .put("reason", rs.getString("event_reason")))));
            List<Object> alarmArgs = Scope.args(principal);
            alarmArgs.addAll(List.of(cursor.alarmAt(), cursor.alarmId(), settledAt, max));
            List<Change> alarms = Db.query(c, ALARMS, alarmArgs, rs -> new Change("alarm", rs.getLong("id"),
                    rs.getObject("changed_at", OffsetDateTime.class).toInstant(), null, true, AlarmQueries.alarm(rs)));
            List<Object> stateArgs = Scope.args(principal);
            stateArgs.addAll(List.of(cursor.stateAt(), cursor.stateBinId(), settledAt, max));
            List<Change> states = Db.query(c, STATES, stateArgs, rs -> new Change("bin_state", 0,
                    rs.getObject("last_seen_at", OffsetDateTime.class).toInstant(), rs.getString("bin_id"), true,
                    BinQueries.state(rs).put("zoneId", rs.getString("zone_id"))));
            return List.of(jobs, alarms, states);
        }
    }
}
