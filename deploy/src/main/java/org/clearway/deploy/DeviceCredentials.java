package org.clearway.deploy;

import java.io.PrintStream;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Function;
import org.clearway.core.config.DatabaseConfig;
import org.clearway.core.config.Env;
import org.clearway.core.config.MqttConfig;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;

/**
 * Broker credentials for the bin sensors, from the bin registry: a Mosquitto password file, a
 * per-device ACL file, and a CSV of the new passwords for provisioning the sensors.
 */
@Command(name = "clearway-device-credentials", mixinStandardHelpOptions = true, version = "clearway-device-credentials 0.1.0",
        sortOptions = false, showDefaultValues = true, usageHelpWidth = 110,
        defaultValueProvider = DeviceCredentials.EnvDefaults.class,
        description = {
            "Writes Mosquitto credentials for every bin in service (not retired) in the bins table: " + CredentialFiles.PASSWORD_FILE
                + " (PBKDF2-SHA512 hashes, username = bin id), " + CredentialFiles.ACL_FILE + " (each device may publish to"
                + " {prefix}bins/{its id}/telemetry only) and " + CredentialFiles.CSV_FILE + " (the new passwords, for the sensors).",
            "Run again after bins are added or retired: devices that have an entry keep it, new bins get a password, retired"
                + " bins lose theirs. The CSV is the only copy of the new passwords: provision the sensors, then move it away.",
            ""},
        footer = {"", "Example:",
            "  --db-url jdbc:postgresql://127.0.0.1:5432/clearway --out deploy/mosquitto/compose/devices"})
public final class DeviceCredentials implements Callable<Integer> {

    @Option(names = "--db-url", paramLabel = "JDBC-URL", description = "The registry's database; env CLEARWAY_DB_URL sets the default.")
    String dbUrl;

    @Option(names = "--db-user", paramLabel = "USER", description = "Database user; env CLEARWAY_DB_USER sets the default.")
    String dbUser;

    @Option(names = "--db-password", paramLabel = "PASSWORD", showDefaultValue = CommandLine.Help.Visibility.NEVER,
            description = "Database password; env CLEARWAY_DB_PASSWORD sets the default.")
    String dbPassword;

    @Option(names = "--topic-prefix", paramLabel = "PREFIX", description = "Before bins/, e.g. city-a/; env CLEARWAY_TOPIC_PREFIX sets the default.")
    String topicPrefix;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "mosquitto-devices",
            description = "Directory of " + CredentialFiles.PASSWORD_FILE + ", " + CredentialFiles.ACL_FILE + " and "
                    + CredentialFiles.CSV_FILE + "; an existing " + CredentialFiles.PASSWORD_FILE + " there is updated.")
    Path out;

    @Option(names = "--iterations", paramLabel = "N", defaultValue = "" + MosquittoPassword.DEFAULT_ITERATIONS,
            description = "PBKDF2 iterations of new hashes (mosquitto_passwd's default is 101; each costs time at every CONNECT).")
    int iterations;

    @Option(names = "--rotate", description = "Give every device a new password, not only the new ones.")
    boolean rotate;

    private final PrintStream err;

    public DeviceCredentials() {
        this(System.err);
    }

    DeviceCredentials(PrintStream err) {
        this.err = err;
    }

    public static void main(String[] args) {
        System.exit(commandLine(new DeviceCredentials()).execute(args));
    }

    static CommandLine commandLine(DeviceCredentials command) {
        CommandLine cl = new CommandLine(command);
        cl.setExecutionExceptionHandler((e, line, parsed) -> {
            if (e instanceof IllegalArgumentException || e instanceof IllegalStateException || e instanceof SQLException) {
                line.getErr().println("clearway-device-credentials: " + e.getMessage());
                return 1;
            }
            throw e;
        });
        return cl;
    }

    @Override
    public Integer call() throws Exception {
        if (iterations < 1) {
            throw new IllegalArgumentException("--iterations must be 1 or more");
        }
        List<String> bins;
        try (Connection c = DriverManager.getConnection(dbUrl, dbUser, dbPassword)) {
            bins = BinRegistry.binsInService(c);
        } catch (SQLException e) {
            throw new SQLException("Cannot read the bins at " + dbUrl + " (" + e.getMessage() + ")", e);
        }
        CredentialFiles files = new CredentialFiles(out);
        Map<String, String> existing = files.existingEntries();
        CredentialIssuer.Outcome outcome = new CredentialIssuer(iterations, new SecureRandom()).issue(bins, existing, rotate);
        files.write(topicPrefix, outcome);
        err.printf(Locale.ROOT, "%,d devices in %s: %,d kept their password, %,d new%s; %,d revoked.%n",
                outcome.entries().size(), files.passwordFile(), outcome.kept().size(), outcome.issued().size(),
                outcome.issued().isEmpty() ? "" : " (passwords in " + files.csvFile() + ")", outcome.revoked().size());
        err.println("ACL: " + files.aclFile());
        if (bins.isEmpty()) {
            err.println("Warning: no bins in service in the registry, so no device can connect.");
        }
        return 0;
    }

    /** Defaults from Clearway's environment variables, as the services read them. */
    static final class EnvDefaults implements IDefaultValueProvider {
        private final Map<String, Function<Env, String>> byOption = Map.of(
                "--db-url", env -> DatabaseConfig.from(env).url(),
                "--db-user", env -> DatabaseConfig.from(env).user(),
                "--db-password", env -> DatabaseConfig.from(env).password(),
                "--topic-prefix", env -> MqttConfig.from(env).topicPrefix());
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
}
