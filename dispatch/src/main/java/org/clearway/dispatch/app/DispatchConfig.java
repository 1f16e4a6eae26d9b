package org.clearway.dispatch.app;

import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;

import org.clearway.core.config.DatabaseConfig;
import org.clearway.core.config.Env;
import org.clearway.core.config.MqttConfig;
import org.clearway.core.mqtt.TopicFilters;
import org.clearway.decisions.PolicyConfig;
import org.clearway.dispatch.plan.DriverBreak;
import org.clearway.dispatch.plan.PlanSettings;
import org.clearway.dispatch.plan.PlanTravel;
import org.clearway.dispatch.plan.ProblemBuilder;
import org.clearway.dispatch.reporting.ReportingSettings;
import org.clearway.dispatch.rounds.DispatchPolicy;
import org.clearway.dispatch.rounds.RoundsSettings;

/**
 * The dispatch service's configuration; every key is an environment variable with a default.
 *
 * <ul>
 *   <li>{@code CLEARWAY_DISPATCH_INSTANCE}: this instance's name in logs and in the leader's database session
 *       ({@code application_name} "clearway-dispatch leader {instance}"), default {@code $HOSTNAME}, else
 *       {@code pid-{process id}}</li>
 *   <li>{@code CLEARWAY_DISPATCH_CLIENT_ID}: MQTT client id, default {@code clearway-dispatch}. The <em>same</em> on
 *       every instance: only the leader connects, and the broker session (with what it queued while no leader was
 *       connected) passes from one leader to the next</li>
 *   <li>{@code CLEARWAY_DISPATCH_SHARE_GROUP}: shared-subscription group, default {@code none}: a plain subscription,
 *       which is all dispatch needs (only the leader connects, and a plain subscription gets its own copy of every
 *       reading, apart from ingest's), and the kind Mosquitto 2.0 keeps across its own restart (docs/faults.md,
 *       fault 3)</li>
 *   <li>{@code CLEARWAY_DISPATCH_BATCH_SIZE}: most telemetry messages the leader handles in one transaction; it takes
 *       what has arrived, up to this, without waiting for more; default 200</li>
 *   <li>{@code CLEARWAY_DISPATCH_INFLIGHT}: MQTT 5 Receive Maximum, the messages the leader holds unacknowledged (the
 *       session keeps this bound whatever the broker does), default twice the batch size</li>
 *   <li>{@code CLEARWAY_DISPATCH_SESSION_EXPIRY}: how long the broker keeps the session while no leader is
 *       connected, default {@code 7d}</li>
 *   <li>{@code CLEARWAY_DISPATCH_LEADER_LOCK}: name of the PostgreSQL advisory lock that elects the leader (with the
 *       schema's name), default {@code clearway-dispatch}</li>
 *   <li>{@code CLEARWAY_DISPATCH_LEADER_RETRY}: how often a standby tries to take the lock, and how often an idle
 *       leader checks it still holds it, default {@code 1s}</li>
 *   <li>{@code CLEARWAY_DISPATCH_FLEET_FILE}: a fleet file (docs/dispatch.md) stored at start, adding and updating
 *       facilities and trucks; default none</li>
 *   <li>{@code CLEARWAY_DISPATCH_TIME_ZONE}: the city's time zone, for the forecast's hours of the week, default
 *       {@code UTC}</li>
 *   <li>{@code CLEARWAY_DISPATCH_COLLECTION_DUE_WITHIN}: latest due time of a collection job after it is asked for,
 *       default {@code 24h}</li>
 *   <li>{@code CLEARWAY_DISPATCH_FORECAST_LOOKAHEAD}: with no visit planned, a forecast job is asked for when the bin
 *       is forecast full within this, default {@code 24h}</li>
 *   <li>{@code CLEARWAY_DISPATCH_MAINTENANCE_DUE_WITHIN}: due time of a maintenance job after the alarm, default
 *       {@code 24h}</li>
 *   <li>{@code CLEARWAY_MAX_READING_AGE}: oldest reading {@code ts} accepted (as ingest), default {@code 7d}</li>
 *   <li>{@code CLEARWAY_DISPATCH_POSITION_RETENTION}: how long truck positions are kept, default {@code 90d}</li>
 *   <li>{@code CLEARWAY_DISPATCH_PLAN_INTERVAL}: time between two full route plans of the leader (one more runs
 *       when a leader takes over), default {@code 5m}</li>
 *   <li>{@code CLEARWAY_DISPATCH_PLAN_BUDGET}: the route solver's time budget per plan, default {@code 10s}</li>
 *   <li>{@code CLEARWAY_DISPATCH_PLAN_EARLY_STOP}: whether the solver returns before its budget when it finds no better
 *       plan for a number of iterations that grows with the stops (a plan of a few jobs in milliseconds), default
 *       {@code true}; {@code false} uses the whole budget every time</li>
 *   <li>{@code CLEARWAY_DISPATCH_PLAN_STREETS} ({@code direct}: great-circle, default; {@code grid}: north-south
 *       plus east-west), {@code CLEARWAY_DISPATCH_PLAN_ROAD_FACTOR} (with {@code direct}, default 1),
 *       {@code CLEARWAY_DISPATCH_PLAN_SPEED} (km/h, default 25), {@code CLEARWAY_DISPATCH_PLAN_BIN_SERVICE} (default
 *       {@code 120s}): the planner's travel model, see {@link PlanTravel}</li>
 *   <li>{@code CLEARWAY_DISPATCH_PLAN_DISPATCH_AHEAD}: a truck gets its route this long before its shift starts, its
 *       jobs planned on it until then (unset, the default: at once), see {@link PlanSettings#dispatchAhead}</li>
 *   <li>{@code CLEARWAY_DISPATCH_PLAN_TRUCK_COST}: whether a truck used costs the solver the drive from its depot to
 *       the nearest facility of its streams and back, as the policy evaluation's planner charges it (a second truck
 *       goes out only when it saves more), default {@code false}; the launcher's {@code --lab-city} sets it</li>
 *   <li>{@code CLEARWAY_DISPATCH_BREAK}: the drivers' break in live plans, a duration such as {@code 30m}, or
 *       {@code off}; default {@code 30m}</li>
 *   <li>{@code CLEARWAY_DISPATCH_BREAK_WINDOW}: when the break may start, local {@code HH:MM-HH:MM} in the city's time
 *       zone, default {@code 09:30-12:00}</li>
 *   <li>{@code CLEARWAY_DISPATCH_HTTP_HOST}, {@code CLEARWAY_DISPATCH_HTTP_PORT}: the /health and /metrics endpoint,
 *       default {@code 0.0.0.0:8083} (port 0 picks a free one)</li>
 *   <li>{@code CLEARWAY_DISPATCH_POLICY}: {@code rounds} (default: round days per district and stream, jobs for the
 *       bins at risk, on the way, and urgent between rounds; docs/policy.md "In the service") or {@code threshold} (a
 *       job per reading that crosses its threshold or is forecast full; no rounds), see {@link DispatchPolicy}</li>
 *   <li>{@code CLEARWAY_DISPATCH_ROUNDS_*}: with {@code rounds}, the chore's period and the policy's knobs, see
 *       {@link RoundsConfig}</li>
 *   <li>{@code CLEARWAY_DISPATCH_REPORTING} ({@code fixed} or {@code adaptive}) and its {@code _*} knobs,
 *       {@code CLEARWAY_DISPATCH_CHIRPSTACK_APPLICATION}, {@code CLEARWAY_DISPATCH_TTS_APPLICATION}: adaptive
 *       reporting by downlinks, see {@link ReportingConfig}</li>
 * </ul>
 * plus the database ({@link DatabaseConfig}) and broker ({@link MqttConfig}) variables.
 */
public record DispatchConfig(DatabaseConfig database, MqttConfig mqtt, String instance, String clientId, String shareGroup,
                             int batchSize, int inflight, Duration sessionExpiry, String leaderLock, Duration leaderRetry,
                             Path fleetFile, ZoneId timeZone, Duration collectionDueWithin,
                             Duration forecastLookahead, Duration maintenanceDueWithin, Duration maxReadingAge,
                             String httpHost, int httpPort, Duration positionRetention, Duration planInterval,
                             Duration planBudget, boolean planEarlyStop, boolean planTruckCost, PlanTravel planTravel,
                             Duration planDispatchAhead, DriverBreak driverBreak,
                             DispatchPolicy collectionPolicy,
                             RoundsSettings rounds, ReportingSettings reporting) {

    /** Default of {@code CLEARWAY_DISPATCH_BATCH_SIZE}. */
    public static final int DEFAULT_BATCH_SIZE = 200;

    public static DispatchConfig from(Env env) {
        String fleet = env.string("CLEARWAY_DISPATCH_FLEET_FILE", "");
        int batchSize = env.integer("CLEARWAY_DISPATCH_BATCH_SIZE", DEFAULT_BATCH_SIZE, 1, 10_000);
        return new DispatchConfig(
                DatabaseConfig.from(env),
                MqttConfig.from(env),
                env.string("CLEARWAY_DISPATCH_INSTANCE", env.string("HOSTNAME", "pid-" + ProcessHandle.current().pid())),
                env.string("CLEARWAY_DISPATCH_CLIENT_ID", "clearway-dispatch"),
                env.string("CLEARWAY_DISPATCH_SHARE_GROUP", TopicFilters.PLAIN),
                batchSize,
                env.integer("CLEARWAY_DISPATCH_INFLIGHT", Math.min(65_535, 2 * batchSize), 1, 65_535),
                env.duration("CLEARWAY_DISPATCH_SESSION_EXPIRY", Duration.ofDays(7)),
                env.string("CLEARWAY_DISPATCH_LEADER_LOCK", "clearway-dispatch"),
                PositiveDurations.of(env, "CLEARWAY_DISPATCH_LEADER_RETRY", Duration.ofSeconds(1)),
                fleet.isEmpty() ? null : Path.of(fleet),
                zone(env.string("CLEARWAY_DISPATCH_TIME_ZONE", "UTC")),
                PositiveDurations.of(env, "CLEARWAY_DISPATCH_COLLECTION_DUE_WITHIN", Duration.ofHours(24)),
                PositiveDurations.of(env, "CLEARWAY_DISPATCH_FORECAST_LOOKAHEAD", Duration.ofHours(24)),
                PositiveDurations.of(env, "CLEARWAY_DISPATCH_MAINTENANCE_DUE_WITHIN", Duration.ofHours(24)),
                PositiveDurations.of(env, "CLEARWAY_MAX_READING_AGE", Duration.ofDays(7)),
                env.string("CLEARWAY_DISPATCH_HTTP_HOST", "0.0.0.0"),
                env.integer("CLEARWAY_DISPATCH_HTTP_PORT", 8083, 0, 65_535),
                PositiveDurations.of(env, "CLEARWAY_DISPATCH_POSITION_RETENTION", Duration.ofDays(90)),
                PositiveDurations.of(env, "CLEARWAY_DISPATCH_PLAN_INTERVAL", Duration.ofMinutes(5)),
                PositiveDurations.of(env, "CLEARWAY_DISPATCH_PLAN_BUDGET", Duration.ofSeconds(10)),
                env.bool("CLEARWAY_DISPATCH_PLAN_EARLY_STOP", true),
                env.bool("CLEARWAY_DISPATCH_PLAN_TRUCK_COST", false),
                new PlanTravel(env.choice("CLEARWAY_DISPATCH_PLAN_STREETS", PlanTravel.Streets.DIRECT,
                        PlanTravel.Streets.class) == PlanTravel.Streets.GRID,
                        env.decimal("CLEARWAY_DISPATCH_PLAN_ROAD_FACTOR", PlanTravel.DEFAULT.roadFactor(), 1, 10),
                        env.decimal("CLEARWAY_DISPATCH_PLAN_SPEED", PlanTravel.DEFAULT.speedKmh(), 1, 200),
                        binService(env)),
                env.duration("CLEARWAY_DISPATCH_PLAN_DISPATCH_AHEAD", null),
                driverBreak(env),
                DispatchPolicy.parse(env.string("CLEARWAY_DISPATCH_POLICY", "rounds")),
                RoundsConfig.from(env),
                ReportingConfig.from(env));
    }

    /** How often (city clock) the rounds chore selects the shift's bins again. */
    public Duration roundsEvery() {
        return rounds.every();
    }

    /** The decision policy: the defaults of docs/decisions.md with this configuration's time zone and due times. */
    public PolicyConfig policy() {
        PolicyConfig defaults = PolicyConfig.defaults();
        return new PolicyConfig(defaults.thresholds(), defaults.quality(), defaults.forecast().withZone(timeZone),
                new PolicyConfig.Jobs(forecastLookahead, collectionDueWithin, maintenanceDueWithin),
                defaults.verification());
    }

    /** How the leader plans routes: these intervals, the city's time zone, routes re-published every leader retry. */
    public PlanSettings planSettings() {
        return new PlanSettings(planInterval, planBudget, timeZone, leaderRetry, PlanSettings.URGENT_POLL, driverBreak,
                planEarlyStop, planTruckCost, planTravel, planDispatchAhead);
    }

    private static long binService(Env env) {
        Duration d = env.duration("CLEARWAY_DISPATCH_PLAN_BIN_SERVICE", Duration.ofSeconds(ProblemBuilder.SERVICE_SECONDS));
        if (d.isNegative()) {
            throw new IllegalArgumentException("Environment variable CLEARWAY_DISPATCH_PLAN_BIN_SERVICE='" + d
                    + "' is not valid: set it to a duration of at least 0 such as 60s, or unset it for 120s.");
        }
        return d.toSeconds();
    }

    private static DriverBreak driverBreak(Env env) {
        String window = env.string("CLEARWAY_DISPATCH_BREAK_WINDOW", "09:30-12:00").strip();
        if (env.string("CLEARWAY_DISPATCH_BREAK", "30m").strip().equalsIgnoreCase("off")) {
            return DriverBreak.OFF;
        }
        Duration length = PositiveDurations.of(env, "CLEARWAY_DISPATCH_BREAK", Duration.ofMinutes(30));
        String[] times = window.split("-", -1);
        try {
            if (times.length != 2) {
                throw new DateTimeException("not two times");
            }
            return new DriverBreak(length, LocalTime.parse(times[0].strip()), LocalTime.parse(times[1].strip()));
        } catch (DateTimeException | IllegalArgumentException e) {
            throw new IllegalArgumentException("Environment variable CLEARWAY_DISPATCH_BREAK_WINDOW='" + window
                    + "' is not valid: set it to the local times between which the break may start, such as "
                    + "09:30-12:00 (the first not after the second), or unset it for the default.");
        }
    }

    private static ZoneId zone(String id) {
        try {
            return ZoneId.of(id);
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("Environment variable CLEARWAY_DISPATCH_TIME_ZONE='" + id
                    + "' is not valid: set it to a time zone such as Europe/Berlin or Asia/Shanghai, or unset it for UTC.");
        }
    }

}
