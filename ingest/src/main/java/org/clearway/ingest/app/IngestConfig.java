package org.clearway.ingest.app;

import java.time.Duration;
import org.clearway.core.config.DatabaseConfig;
import org.clearway.core.config.Env;
import org.clearway.core.config.MqttConfig;
import org.clearway.core.mqtt.TopicFilters;
import org.clearway.ingest.pipeline.SensorRateLimiter;
import org.clearway.ingest.store.DeviceStatus;

/**
 * The ingest service's configuration; every key is an environment variable with a default.
 *
 * <ul>
 *   <li>{@code CLEARWAY_INGEST_CLIENT_ID}: MQTT client id, stable across restarts so the broker keeps
 *       the session; one per replica. Default {@code clearway-ingest-1}</li>
 *   <li>{@code CLEARWAY_INGEST_SHARE_GROUP}: shared-subscription group that replicas split the load
 *       in; {@value #PLAIN_SUBSCRIPTION} for a plain subscription (one replica; the subscription that
 *       Mosquitto 2.0 keeps across its own restart, docs/faults.md). Default {@code clearway-ingest}</li>
 *   <li>{@code CLEARWAY_INGEST_BATCH_SIZE}: messages per database commit at most, default 500</li>
 *   <li>{@code CLEARWAY_INGEST_BATCH_DELAY}: how long the oldest message waits for its batch to fill, default {@code 50ms}</li>
 *   <li>{@code CLEARWAY_INGEST_WRITERS}: batches committed at once, each on its own connection, default
 *       {@value #DEFAULT_WRITERS}</li>
 *   <li>{@code CLEARWAY_DB_POOL_SIZE}: as for every service ({@link DatabaseConfig}), but when it is not set ingest's
 *       pool is the writers plus {@value #POOL_BESIDE_WRITERS} (the roll-up flusher, partition upkeep and flood
 *       alarms, /health): a writer never waits for a connection</li>
 *   <li>{@code CLEARWAY_INGEST_INFLIGHT}: MQTT 5 Receive Maximum, the unacknowledged messages the
 *       broker may send us; default the batch size times (writers + 1): each writer committing a
 *       batch while one more fills</li>
 *   <li>{@code CLEARWAY_INGEST_ROLLUP_INTERVAL}: how often the readings committed since are added to the roll-ups
 *       ({@code bin_days}, {@code community_days}) after their commit, default {@code 1s}; {@code 0s} keeps them in
 *       the batch's own commit (slower: docs/assessment.md, "Cost to ingest")</li>
 *   <li>{@code CLEARWAY_INGEST_ROLLUP_MAX_DELAY}: while messages wait for a writer (a burst, a backlog) the roll-ups
 *       wait, at most this long since they were last brought up to date; default {@code 10s}</li>
 *   <li>{@code CLEARWAY_INGEST_SESSION_EXPIRY}: how long the broker keeps our session while we are away, default {@code 7d}</li>
 *   <li>{@code CLEARWAY_INGEST_SENSOR_WINDOW}, {@code CLEARWAY_INGEST_SENSOR_FLOOR},
 *       {@code CLEARWAY_INGEST_SENSOR_FACTOR}: a bin that sends more than the larger of FLOOR messages
 *       and FACTOR times the normal per-bin count within a WINDOW is flagged (its readings still stored);
 *       defaults {@code 10s}, 20, 10 (see {@link SensorRateLimiter})</li>
 *   <li>{@code CLEARWAY_INGEST_SENSOR_CEILING}: beyond the larger of this many messages per WINDOW and its
 *       flood limit, a flooding bin's valid messages are parked whole in rejected_messages
 *       ({@code rate_limited}, to replay) instead of stored; default {@value #DEFAULT_CEILING}, at least FLOOR</li>
 *   <li>{@code CLEARWAY_MAX_READING_AGE}: oldest accepted {@code ts}, default {@code 7d}</li>
 *   <li>{@code CLEARWAY_INGEST_LOW_BATTERY_PCT}: a device's battery at or under this percent is low (status and
 *       {@code low_battery} alarm), default 20</li>
 *   <li>{@code CLEARWAY_INGEST_LOW_BATTERY_VOLTS}: the same for devices that report volts; default 0, off (each
 *       model's discharge curve differs: set it for the fleet you run)</li>
 *   <li>{@code CLEARWAY_MAINTENANCE_INTERVAL}: partition and retention upkeep, default {@code 1h}</li>
 *   <li>{@code CLEARWAY_HTTP_HOST}, {@code CLEARWAY_HTTP_PORT}: the /health and /metrics endpoint,
 *       default {@code 0.0.0.0:8081} (port 0 picks a free one)</li>
 * </ul>
 * plus the sources ({@link UplinkSources}: {@code CLEARWAY_INGEST_SOURCES}, {@code CLEARWAY_INGEST_CHIRPSTACK_TOPIC},
 * {@code CLEARWAY_INGEST_TTS_TOPIC}), the HTTP sources ({@link HttpSourcesConfig}), the database ({@link DatabaseConfig}) and broker ({@link MqttConfig}) variables.
 */
public record IngestConfig(DatabaseConfig database, MqttConfig mqtt, String clientId, String shareGroup,
                           int batchSize, Duration batchDelay, int writers, int inflight, Duration rollupInterval,
                           Duration rollupMaxDelay, Duration sessionExpiry,
                           SensorRateLimiter.Limits sensorLimits,
                           Duration maxReadingAge, Duration maintenanceInterval, String httpHost, int httpPort,
                           UplinkSources sources, HttpSourcesConfig httpSources, DeviceStatus.LowBattery lowBattery) {

    /** Messages per window of one bin stored at least: far above a sensor replaying a buffer of a few hundred. */
    public static final int DEFAULT_CEILING = 1_000;

    /** The share-group value that asks for a plain subscription (an empty value means the default). */
    public static final String PLAIN_SUBSCRIPTION = TopicFilters.PLAIN;

    /**
     * Batches committed at once by default. Three keep the database busy while a batch's round trip waits for a core
     * (docs/assessment.md, "Cost to ingest": two reached 0.53-0.78 of the broker alone under load, three more).
     */
    public static final int DEFAULT_WRITERS = 3;

    /** Connections beside the writers' when CLEARWAY_DB_POOL_SIZE is not set: flusher, upkeep and alarms, health. */
    public static final int POOL_BESIDE_WRITERS = 3;

    public static IngestConfig from(Env env) {
        int batch = env.integer("CLEARWAY_INGEST_BATCH_SIZE", 500, 1, 30_000);
        int writers = env.integer("CLEARWAY_INGEST_WRITERS", DEFAULT_WRITERS, 1, 16);
        MqttConfig mqtt = MqttConfig.from(env);
        UplinkSources sources = UplinkSources.from(env,
                new org.clearway.core.contract.TelemetryTopic(mqtt.topicPrefix()).filterAllUnderBins());
        return new IngestConfig(
                database(env, writers),
                mqtt,
                env.string("CLEARWAY_INGEST_CLIENT_ID", "clearway-ingest-1"),
                shareGroup(env.string("CLEARWAY_INGEST_SHARE_GROUP", "clearway-ingest")),
                batch,
                env.duration("CLEARWAY_INGEST_BATCH_DELAY", Duration.ofMillis(50)),
                writers,
                env.integer("CLEARWAY_INGEST_INFLIGHT", Math.min(65_535, batch * (writers + 1)), 1, 65_535),
                env.duration("CLEARWAY_INGEST_ROLLUP_INTERVAL", Duration.ofSeconds(1)),
                env.duration("CLEARWAY_INGEST_ROLLUP_MAX_DELAY", Duration.ofSeconds(10)),
                env.duration("CLEARWAY_INGEST_SESSION_EXPIRY", Duration.ofDays(7)),
                sensorLimits(env),
                env.duration("CLEARWAY_MAX_READING_AGE", Duration.ofDays(7)),
                env.duration("CLEARWAY_MAINTENANCE_INTERVAL", Duration.ofHours(1)),
                env.string("CLEARWAY_HTTP_HOST", "0.0.0.0"),
                env.integer("CLEARWAY_HTTP_PORT", 8081, 0, 65_535),
                sources,
                HttpSourcesConfig.from(env, sources),
                new DeviceStatus.LowBattery(env.integer("CLEARWAY_INGEST_LOW_BATTERY_PCT", 20, 0, 100),
                        decimal(env, "CLEARWAY_INGEST_LOW_BATTERY_VOLTS", 0, 0, 100)));
    }

    /** Roll-ups left to the flusher after the commit, rather than kept in it. */
    public boolean deferRollups() {
        return !rollupInterval.isZero();
    }

    /** The database settings, the pool sized from the writers unless CLEARWAY_DB_POOL_SIZE says otherwise. */
    private static DatabaseConfig database(Env env, int writers) {
        DatabaseConfig db = DatabaseConfig.from(env);
        if (!env.string("CLEARWAY_DB_POOL_SIZE", "").isEmpty()) {
            return db;
        }
        return new DatabaseConfig(db.url(), db.user(), db.password(), writers + POOL_BESIDE_WRITERS,
                db.readingsRetention(), db.rejectedRetention(), db.readingsCompressAfter());
    }

    private static double decimal(Env env, String key, double defaultValue, double min, double max) {
        String text = env.string(key, "").trim();
        if (text.isEmpty()) {
            return defaultValue;
        }
        try {
            double v = Double.parseDouble(text);
            if (v >= min && v <= max) {
                return v;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(key + " must be a number from " + min + " to " + max + ", got '" + text + "'");
    }

    private static SensorRateLimiter.Limits sensorLimits(Env env) {
        int floor = env.integer("CLEARWAY_INGEST_SENSOR_FLOOR", 20, 1, Integer.MAX_VALUE);
        return new SensorRateLimiter.Limits(env.duration("CLEARWAY_INGEST_SENSOR_WINDOW", Duration.ofSeconds(10)),
                floor, env.integer("CLEARWAY_INGEST_SENSOR_FACTOR", 10, 1, 1_000_000),
                env.integer("CLEARWAY_INGEST_SENSOR_CEILING", Math.max(DEFAULT_CEILING, floor), floor, Integer.MAX_VALUE));
    }

    private static String shareGroup(String value) {
        return PLAIN_SUBSCRIPTION.equalsIgnoreCase(value) ? "" : value;
    }
}
