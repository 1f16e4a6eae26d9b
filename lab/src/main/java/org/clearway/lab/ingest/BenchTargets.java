package org.clearway.lab.ingest;

import org.clearway.core.config.Env;
import picocli.CommandLine.Option;

/**
 * The broker and database a measuring command runs against (the benchmark, the fault command):
 * options, with {@code CLEARWAY_MQTT_URL} and {@code CLEARWAY_DB_URL} taking precedence when set.
 */
public final class BenchTargets {
    @Option(names = "--mqtt-url", description = "Broker (default: $CLEARWAY_MQTT_URL or ${DEFAULT-VALUE})",
            defaultValue = "tcp://127.0.0.1:1884")
    String mqttUrl;
    @Option(names = "--db-url", description = "PostgreSQL JDBC URL; each run makes and drops its own schema "
            + "(default: $CLEARWAY_DB_URL or ${DEFAULT-VALUE})", defaultValue = "jdbc:postgresql://127.0.0.1:5432/postgres")
    String dbUrl;
    @Option(names = "--db-user", defaultValue = "postgres", description = "Database user (default: ${DEFAULT-VALUE})")
    String dbUser;
    @Option(names = "--db-password", defaultValue = "", description = "Database password")
    String dbPassword;

    public String mqttUrl() {
        return Env.system().string("CLEARWAY_MQTT_URL", mqttUrl);
    }

    public String dbUrl() {
        return Env.system().string("CLEARWAY_DB_URL", dbUrl);
    }

    public String dbUser() {
        return dbUser;
    }

    public String dbPassword() {
        return dbPassword;
    }
}
