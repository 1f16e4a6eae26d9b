package org.clearway.lab.dispatch;

import java.time.Duration;

import org.clearway.core.config.DatabaseConfig;

import picocli.CommandLine.Option;

/** The broker and database options of the dispatch benchmarks (a picocli mixin). */
final class BenchConnection {
    @Option(names = "--mqtt-url", description = "Broker (default: $CLEARWAY_MQTT_URL, else tcp://127.0.0.1:1884)",
            defaultValue = "${env:CLEARWAY_MQTT_URL:-tcp://127.0.0.1:1884}")
    String mqttUrl;
    @Option(names = "--db-url",
            description = "PostgreSQL JDBC URL (default: $CLEARWAY_DB_URL, else jdbc:postgresql://127.0.0.1:5432/postgres)",
            defaultValue = "${env:CLEARWAY_DB_URL:-jdbc:postgresql://127.0.0.1:5432/postgres}")
    String dbUrl;
    @Option(names = "--db-user", defaultValue = "postgres", description = "Database user (default: ${DEFAULT-VALUE})")
    String dbUser;
    @Option(names = "--db-password", defaultValue = "", description = "Database password")
    String dbPassword;

    /** The database URL with {@code schema} as its current schema. */
    String schemaUrl(String schema) {
        return dbUrl + (dbUrl.contains("?") ? "&" : "?") + "currentSchema=" + schema;
    }

    /** A small pool's configuration for {@code schemaUrl}. */
    DatabaseConfig database(String schemaUrl) {
        return new DatabaseConfig(schemaUrl, dbUser, dbPassword, 2, Duration.ofDays(400), Duration.ofDays(30));
    }
}
