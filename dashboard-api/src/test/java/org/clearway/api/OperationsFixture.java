package org.clearway.api;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import org.clearway.api.security.TokenRegistry;

/**
 * The operations' fixture on top of {@link ApiHarness}'s city: a fleet, jobs in several states, alarms, positions,
 * a driven shift and two routes. Two more tokens see the other district's community c3 only.
 *
 * <pre>
 * jobs:   open    = b1 (c1) threshold          dispatched = b3 (c2) threshold, truck t1
 *         planned = b4 (c3) forecast, truck t2  collected  = b1 (c1) fire_alarm, truck t1
 * alarms: fire = b1 active, tilt = b3 active, tamper = b4 acknowledged
 * trucks: t1 (residual, recyclable; positions), t2 (residual), t3 (residual, maintenance), tk (kitchen)
 * routes: r1 of t1: b1, b3, b4, unload, depot     r2 of t2: b4, depot
 * </pre>
 */
final class OperationsFixture {
    static final Instant T0 = ApiHarness.BASE;

    final Map<String, Long> jobs = new HashMap<>();
    final Map<String, Long> alarms = new HashMap<>();
    final Map<String, Long> routes = new HashMap<>();

    /** The harness's tokens and two of community c3. */
    static Map<String, String> env(Map<String, String> more) {
        Map<String, String> env = new HashMap<>(more);
        env.put("CLEARWAY_API_TOKENS", ApiHarness.tokenSpec() + "," + TokenRegistry.sha256("dispatcher-c3") + "=dispatcher:c3,"
                + TokenRegistry.sha256("viewer-c3") + "=viewer:c3");
        return env;
    }

    static OperationsFixture seed(ApiHarness api) throws SQLException {
        OperationsFixture f = new OperationsFixture();
        api.sql("INSERT INTO facilities (id, kind, name, lat, lon, accepted_streams) VALUES"
                + " ('depot-n', 'depot', 'North depot', 31.27, 121.46, '{}'),"
                + " ('transfer-e', 'transfer_station', 'East transfer', 31.22, 121.53, '{residual,recyclable,kitchen}')");
        api.sql("INSERT INTO trucks (id, depot_id, streams, capacity_volume_l, capacity_weight_kg, shift_start, shift_end, status,"
                + " last_position_at, last_lat, last_lon, last_load_pct) VALUES"
                + " ('t1', 'depot-n', '{residual,recyclable}', 20000, 8000, '06:00', '14:00', 'active', ?, 31.23, 121.47, 35),"
                + " ('t2', 'depot-n', '{residual}', 20000, 8000, '06:00', '14:00', 'active', NULL, NULL, NULL, NULL),"
                + " ('t3', 'depot-n', '{residual}', 20000, 8000, '06:00', '14:00', 'maintenance', NULL, NULL, NULL, NULL),"
                + " ('tk', 'depot-n', '{kitchen}', 8000, 4000, '06:00', '14:00', 'active', NULL, NULL, NULL, NULL)",
                T0.plusSeconds(600));
        for (int i = 0; i < 5; i++) {
            api.sql("INSERT INTO truck_positions (truck_id, ts, lat, lon, speed_kmh, load_pct, received_at)"
                    + " VALUES ('t1', ?, ?, 121.47, 20, 30, ?)", T0.plusSeconds(120L * i), 31.2 + i * 0.001, T0.plusSeconds(120L * i + 1));
        }
        api.sql("INSERT INTO truck_shifts (truck_id, shift_date, driven_km, first_at, last_at) VALUES ('t1', ?, 12.5, ?, ?),"
                + " ('t1', ?, 99, ?, ?)", LocalDate.now(ZoneOffset.UTC), T0, T0.plusSeconds(600),
                LocalDate.now(ZoneOffset.UTC).minusDays(1), T0, T0);
        f.jobs.put("open", job(api, "b1", "threshold", "normal", "open", null));
        f.jobs.put("dispatched", job(api, "b3", "threshold", "urgent", "dispatched", "t1"));
        f.jobs.put("planned", job(api, "b4", "forecast", "normal", "planned", "t2"));
        f.jobs.put("collected", job(api, "b1", "fire_alarm", "urgent", "collected", "t1"));
        f.alarms.put("fire", id(api, "INSERT INTO alarms (bin_id, kind, source, raised_at, last_seen_at) VALUES ('b1', 'fire', 'sensor', ?, ?) RETURNING id",
                T0, T0.plusSeconds(60)));
        f.alarms.put("tilt", id(api, "INSERT INTO alarms (bin_id, kind, source, raised_at, last_seen_at) VALUES ('b3', 'tilt', 'sensor', ?, ?) RETURNING id",
                T0.plusSeconds(10), T0.plusSeconds(10)));
        f.alarms.put("tamper", id(api, "INSERT INTO alarms (bin_id, kind, source, state, raised_at, last_seen_at, acknowledged_at, acknowledged_by)"
                + " VALUES ('b4', 'tamper', 'sensor', 'acknowledged', ?, ?, ?, 'token:someone') RETURNING id", T0.plusSeconds(20), T0.plusSeconds(20), T0.plusSeconds(30)));
        f.routes.put("r1", route(api, "t1", 1, "[" + binStop(1, f.jobs.get("collected"), "b1") + "," + binStop(2, f.jobs.get("dispatched"), "b3")
                + "," + binStop(3, f.jobs.get("planned"), "b4")
                + ",{\"seq\":4,\"kind\":\"unload\",\"facilityId\":\"transfer-e\",\"lat\":31.22,\"lon\":121.53},"
                + "{\"seq\":5,\"kind\":\"depot\",\"facilityId\":\"depot-n\",\"lat\":31.27,\"lon\":121.46}]"));
        f.routes.put("r2", route(api, "t2", 1, "[" + binStop(1, f.jobs.get("planned"), "b4")
                + ",{\"seq\":2,\"kind\":\"depot\",\"facilityId\":\"depot-n\",\"lat\":31.27,\"lon\":121.46}]"));
        return f;
    }

    private static String binStop(int seq, long jobId, String bin) {
        return "{\"seq\":" + seq + ",\"kind\":\"bin\",\"jobId\":" + jobId + ",\"binId\":\"" + bin + "\",\"lat\":31.2,\"lon\":121.4}";
    }

    private static long route(ApiHarness api, String truck, int revision, String stops) throws SQLException {
        String message = "{\"version\":1,\"truckId\":\"" + truck + "\",\"shiftDate\":\"" + LocalDate.now(ZoneOffset.UTC)
                + "\",\"revision\":" + revision + ",\"stops\":" + stops + "}";
        return id(api, "INSERT INTO routes (truck_id, shift_date, revision, created_at, cause, stops, distance_km, duration_min, message)"
                + " VALUES (?, ?, ?, ?, 'plan', ?, 42.0, 300, ?::jsonb) RETURNING id", truck, LocalDate.now(ZoneOffset.UTC), revision,
                T0, stops.split("\"seq\"").length - 1, message);
    }

    /** A job with the events that led to its state, by the lifecycle's happy path. */
    static long job(ApiHarness api, String bin, String reason, String priority, String state, String truck) throws SQLException {
        long id = id(api, "INSERT INTO jobs (bin_id, reason, priority, state, due_at, truck_id, created_at, updated_at, cause, announced_at)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'fixture', ?) RETURNING id", bin, reason, priority, state, T0.plus(Duration.ofDays(1)),
                truck, T0, T0.plusSeconds(300), T0.plusSeconds(300));
        String[] path = {"open", "planned", "dispatched", "accepted", "arrived", "collected"};
        String from = null;
        for (int i = 0; i < path.length; i++) {
            api.sql("INSERT INTO job_events (job_id, from_state, to_state, at, actor) VALUES (?, ?, ?, ?, 'dispatch')",
                    id, from, path[i], T0.plusSeconds(10L * i));
            if (path[i].equals(state)) {
                break;
            }
            from = path[i];
        }
        return id;
    }

    static long id(ApiHarness api, String sql, Object... args) throws SQLException {
        try (Connection c = api.db().getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                Object arg = args[i];
                ps.setObject(i + 1, arg instanceof Instant t ? OffsetDateTime.ofInstant(t, ZoneOffset.UTC) : arg);
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
