package org.clearway.core.config;

import java.time.Duration;

/**
 * Where the telemetry store is.
 *
 * <ul>
 *   <li>{@code CLEARWAY_DB_URL}: JDBC URL, default {@code jdbc:postgresql://127.0.0.1:5432/clearway}</li>
 *   <li>{@code CLEARWAY_DB_USER}: default {@code postgres}</li>
 *   <li>{@code CLEARWAY_DB_PASSWORD}: default empty</li>
 *   <li>{@code CLEARWAY_DB_POOL_SIZE}: connections per service, default 4</li>
 *   <li>{@code CLEARWAY_READINGS_RETENTION}: how long readings are kept, default {@code 400d}</li>
 *   <li>{@code CLEARWAY_REJECTED_RETENTION}: how long rejected messages are kept, default {@code 30d}</li>
 *   <li>{@code CLEARWAY_READINGS_COMPRESS_AFTER}: age at which TimescaleDB compresses readings, default
 *       {@code 7d} (no effect on plain PostgreSQL)</li>
 * </ul>
 */
public record DatabaseConfig(String url, String user, String password, int poolSize,
                             Duration readingsRetention, Duration rejectedRetention, Duration readingsCompressAfter) {
    /** The default compression age, {@value #DEFAULT_COMPRESS_AFTER_DAYS} days. */
    public static final int DEFAULT_COMPRESS_AFTER_DAYS = 7;

    /** A configuration with the default compression age (tools and tests that do not compress). */
    public DatabaseConfig(String url, String user, String password, int poolSize,
                          Duration readingsRetention, Duration rejectedRetention) {
        this(url, user, password, poolSize, readingsRetention, rejectedRetention,
                Duration.ofDays(DEFAULT_COMPRESS_AFTER_DAYS));
    }

    public static DatabaseConfig from(Env env) {
        return new DatabaseConfig(
                env.string("CLEARWAY_DB_URL", "jdbc:postgresql://127.0.0.1:5432/clearway"),
                env.string("CLEARWAY_DB_USER", "postgres"),
                env.string("CLEARWAY_DB_PASSWORD", ""),
                env.integer("CLEARWAY_DB_POOL_SIZE", 4, 1, 64),
                env.duration("CLEARWAY_READINGS_RETENTION", Duration.ofDays(400)),
                env.duration("CLEARWAY_REJECTED_RETENTION", Duration.ofDays(30)),
                env.duration("CLEARWAY_READINGS_COMPRESS_AFTER", Duration.ofDays(DEFAULT_COMPRESS_AFTER_DAYS)));
    }

    @Override
    public String toString() {
        return "DatabaseConfig[url=" + url + ", user=" + user + ", poolSize=" + poolSize + "]";
    }
}
