package org.clearway.api.app;

import java.time.Duration;
import java.time.ZoneId;
import org.clearway.core.config.Env;

/**
 * Settings of the operations resources and the live event streams, all from the environment.
 *
 * <ul>
 *   <li>{@code CLEARWAY_API_TIME_ZONE}: the city's time zone, for "today's shift" of a truck, default {@code UTC}</li>
 *   <li>{@code CLEARWAY_API_SSE_MAX_CLIENTS}: open event streams at most, all tokens together, default 50</li>
 *   <li>{@code CLEARWAY_API_SSE_CLIENTS_PER_TOKEN}: open event streams at most per token, default 4</li>
 *   <li>{@code CLEARWAY_API_SSE_POLL}: how often a stream polls the database, default 500ms</li>
 *   <li>{@code CLEARWAY_API_SSE_HEARTBEAT}: the interval of keep-alive comments, default 15s</li>
 *   <li>{@code CLEARWAY_API_SSE_SETTLE}: how old a bin state or alarm change must be before it is streamed, so that
 *       a transaction committing shortly after the time it wrote is not passed over, default 1s</li>
 *   <li>{@code CLEARWAY_API_SSE_GAP_WAIT}: how long a stream waits for a missing job event id to commit before it
 *       passes it as rolled back, default 5s</li>
 * </ul>
 */
public record OperationsConfig(ZoneId cityZone, int sseMaxClients, int sseClientsPerToken, Duration ssePoll,
                               Duration sseHeartbeat, Duration sseSettle, Duration sseGapWait) {

    public static OperationsConfig from(Env env) {
        String zone = env.string("CLEARWAY_API_TIME_ZONE", "UTC");
        ZoneId cityZone;
        try {
            cityZone = ZoneId.of(zone);
        } catch (java.time.DateTimeException e) {
            throw new IllegalArgumentException("Environment variable CLEARWAY_API_TIME_ZONE='" + zone
                    + "' is not a time zone; use a region id such as Asia/Shanghai or UTC.");
        }
        return new OperationsConfig(cityZone,
                env.integer("CLEARWAY_API_SSE_MAX_CLIENTS", 50, 1, 100_000),
                env.integer("CLEARWAY_API_SSE_CLIENTS_PER_TOKEN", 4, 1, 10_000),
                positive(env, "CLEARWAY_API_SSE_POLL", Duration.ofMillis(500)),
                positive(env, "CLEARWAY_API_SSE_HEARTBEAT", Duration.ofSeconds(15)),
                env.duration("CLEARWAY_API_SSE_SETTLE", Duration.ofSeconds(1)),
                env.duration("CLEARWAY_API_SSE_GAP_WAIT", Duration.ofSeconds(5)));
    }

    private static Duration positive(Env env, String key, Duration defaultValue) {
        Duration d = env.duration(key, defaultValue);
        if (d.toMillis() < 1) {
            throw new IllegalArgumentException("Environment variable " + key + " must be at least 1ms.");
        }
        return d;
    }
}
