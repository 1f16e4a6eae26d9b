package org.clearway.simulator.cli;

import java.time.Duration;
import java.util.Map;
import java.util.function.Function;
import org.clearway.core.config.DatabaseConfig;
import org.clearway.core.config.Env;
import org.clearway.core.config.MqttConfig;
import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Defaults of the options that Clearway's environment variables also set, so that the simulator
 * finds the same broker and database as the services: {@code CLEARWAY_MQTT_URL},
 * {@code CLEARWAY_TOPIC_PREFIX}, {@code CLEARWAY_DB_URL}, {@code CLEARWAY_DB_USER},
 * {@code CLEARWAY_DB_PASSWORD} and {@code CLEARWAY_MAX_READING_AGE}.
 */
final class EnvDefaults implements IDefaultValueProvider {
    private final Map<String, Function<Env, String>> byOption = Map.of(
            "--mqtt-url", env -> MqttConfig.from(env).serverUris(),
            "--topic-prefix", env -> MqttConfig.from(env).topicPrefix(),
            "--db-url", env -> DatabaseConfig.from(env).url(),
            "--db-user", env -> DatabaseConfig.from(env).user(),
            "--db-password", env -> DatabaseConfig.from(env).password(),
            "--max-age", env -> Durations.format(env.duration("CLEARWAY_MAX_READING_AGE", Duration.ofDays(7))));
    private final Env env;

    EnvDefaults() {
        this(Env.system());
    }

    EnvDefaults(Env env) {
        this.env = env;
    }

    @Override
    public String defaultValue(ArgSpec argSpec) {
        if (argSpec instanceof OptionSpec option) {
            Function<Env, String> f = byOption.get(option.longestName());
            if (f != null) {
                return f.apply(env);
            }
        }
        return null;
    }
}
