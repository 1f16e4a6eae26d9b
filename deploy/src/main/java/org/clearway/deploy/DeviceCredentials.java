package org.clearway.deploy;

import org.clearway.core.credentials.MosquittoPassword;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.function.Function;
import org.clearway.core.config.DatabaseConfig;
import org.clearway.core.config.Env;
import org.clearway.core.config.MqttConfig;
import org.clearway.core.time.DbClock;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;

/**
 * Broker credentials for the bin sensors and the trucks, from the registry: a Mosquitto password file, an ACL
 * file (the services' blocks, then one block per device), and CSVs of the new passwords for provisioning the
 * sensors and the trucks' on-board units.
 */
@Command(name = "clearway-device-credentials", mixinStandardHelpOptions = true, version = "clearway-device-credentials 0.1.0",
        sortOptions = false, showDefaultValues = true, usageHelpWidth = 110,
        defaultValueProvider = DeviceCredentials.EnvDefaults.class,
        description = {
            "Writes Mosquitto credentials for every bin in service (not retired) in the bins table and every truck not retired"
                + " in the trucks table: " + CredentialFiles.PASSWORD_FILE + " (PBKDF2-SHA512 hashes, username = bin or truck id), "
                + CredentialFiles.ACL_FILE + " (each sensor may publish to {prefix}bins/{its id}/telemetry only; each truck may"
                + " publish {prefix}trucks/{its id}/position and /updates and read /route and /replies; the service users' blocks"
                + " first), " + CredentialFiles.CSV_FILE + " and " + CredentialFiles.TRUCK_CSV_FILE + " (the new passwords).",
            "Run again after bins or trucks are added or retired: devices that have an entry keep it, new ones get a password,"
                + " retired ones lose theirs. The CSVs are the only copy of the new passwords: provision the devices, then move"
                + " them away. Service users get ACL blocks here; their passwords are set where the broker runs.",
            ""},
        footer = {"", "Example:",
            "  --db-url jdbc:postgresql://127.0.0.1:5432/clearway --out deploy/mosquitto/compose/devices"})
public final class DeviceCredentials implements Callable<Integer> {
    /** The services' client ids start with this; no device may have it as its username. */
    static final String RESERVED_PREFIX = "clearway-";

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

    @Option(names = "--ingest-user", paramLabel = "USER", defaultValue = "clearway-ingest", description = "Ingest's broker user.")
    String ingestUser;

    @Option(names = "--ingest-share-group", paramLabel = "GROUP", defaultValue = "clearway-ingest",
            description = "Ingest's shared-subscription group (CLEARWAY_INGEST_SHARE_GROUP); empty for none.")
    String ingestShareGroup;

    @Option(names = "--dispatch-user", paramLabel = "USER", defaultValue = "clearway-dispatch", description = "Dispatch's broker user.")
    String dispatchUser;

    @Option(names = "--dispatch-share-group", paramLabel = "GROUP", defaultValue = "clearway-dispatch",
            description = "Dispatch's shared-subscription group (CLEARWAY_DISPATCH_SHARE_GROUP); empty for none.")
    String dispatchShareGroup;

    @Option(names = "--api-user", paramLabel = "USER", defaultValue = "clearway-api", description = "The dashboard API's broker user.")
    String apiUser;

    @Option(names = "--crl-out", paramLabel = "FILE",
            description = "Where to write the device CA's CRL that the API signed (crl.pem in --out when not given);"
                    + " Compose: deploy/compose/tls/crl.pem.")
    Path crlOut;

    @Option(names = "--reload-command", paramLabel = "COMMAND",
            description = "Run by sh -c after the files are written, to reload the broker, e.g."
                    + " 'docker compose -f deploy/compose/compose.yaml kill -s HUP mosquitto'.")
    String reloadCommand;

    @Option(names = "--close-sessions-url", paramLabel = "URI",
            description = "The broker's services' listener (e.g. tcp://127.0.0.1:1885): after the reload, close the open"
                    + " session of every device that lost its access (a revoked certificate stays connected otherwise).")
    String closeSessionsUrl;

    @Option(names = "--close-sessions-user", paramLabel = "USER", defaultValue = "clearway-credentials",
            description = "The services' listener account that closes sessions (it needs no topic).")
    String closeSessionsUser;

    @Option(names = "--close-sessions-password", paramLabel = "PASSWORD", showDefaultValue = CommandLine.Help.Visibility.NEVER,
            description = "Its password; env CLEARWAY_MQTT_CREDENTIALS_PASSWORD sets the default.")
    String closeSessionsPassword;

    @Option(names = "--close-sessions-ca-file", paramLabel = "FILE",
            description = "CA of the broker's certificate for an ssl:// --close-sessions-url; env CLEARWAY_MQTT_CA_FILE.")
    Path closeSessionsCaFile;

    @Option(names = "--close-sessions-delay", paramLabel = "MILLIS", defaultValue = "1000",
            description = "Wait after the reload command, for the broker to apply it, before closing sessions.")
    long closeSessionsDelay;

    @Option(names = "--no-new-passwords",
            description = "Give a device the registry does not manage and that has no entry no password (its ACL block"
                    + " only); --every implies it. For unattended runs: issue passwords through the API.")
    boolean noNewPasswords;

    @Option(names = "--every", paramLabel = "DURATION",
            description = "Keep running (the broker's sidecar): read the registry again every DURATION (ISO-8601, e.g."
                    + " PT30S), write the files atomically, and run --reload-command and close sessions only when a file"
                    + " changed (a new credential, a revocation, a renewed CRL). Makes no new passwords (issue them"
                    + " through the API); a failed round is reported and the next one tries again.")
    Duration every;

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
        if (every == null) {
            round(false);
            return 0;
        }
        if (rotate || every.isNegative() || every.isZero()) {
            throw new IllegalArgumentException("--every takes a positive duration, and not --rotate (rotate once, by hand)");
        }
        err.printf(Locale.ROOT, "Writing the broker's files from the registry every %s into %s%n", every, out);
        while (!Thread.currentThread().isInterrupted()) {
            try {
                round(true);
            } catch (SQLException | IOException | IllegalStateException e) {
                err.printf(Locale.ROOT, "clearway-device-credentials: this round failed (%s); the broker keeps the files"
                        + " it has; trying again in %s%n", e.getMessage(), every);
            }
            Thread.sleep(every.toMillis());
        }
        return 0;
    }

    /**
     * Reads the registry, writes the files, then reloads the broker and closes the sessions of the devices that lost
     * their access: always when run once, only when a file changed when {@code watching}.
     */
    private void round(boolean watching) throws Exception {
        List<String> bins;
        List<String> trucks;
        Map<String, CredentialIssuer.Managed> managed;
        java.util.Optional<String> crl;
        try (Connection c = DriverManager.getConnection(dbUrl, dbUser, dbPassword)) {
            bins = DeviceRegistry.binsInService(c);
            trucks = DeviceRegistry.trucksInService(c);
            managed = DeviceRegistry.managed(c, DbClock.wall().instant());
            crl = DeviceRegistry.crl(c);
        } catch (SQLException e) {
            throw new SQLException("Cannot read the bins and trucks at " + dbUrl + " (" + e.getMessage() + ")", e);
        }
        ServiceAcl.Users services = new ServiceAcl.Users(ingestUser, ingestShareGroup, dispatchUser, dispatchShareGroup, apiUser);
        List<String> usernames = usernames(bins, trucks, services);
        CredentialFiles files = new CredentialFiles(out);
        Path crlTarget = crlOut != null ? crlOut : out.resolve("crl.pem");
        List<byte[]> was = contents(files.passwordFile(), files.aclFile(), crlTarget);
        Map<String, String> existing = files.existingEntries();
        Set<String> before = new TreeSet<>(files.aclUsers());
        before.addAll(existing.keySet());
        CredentialIssuer.Outcome outcome = new CredentialIssuer(iterations, new SecureRandom())
                .issue(usernames, existing, rotate, managed, !watching && !noNewPasswords);
        files.write(topicPrefix, Set.copyOf(trucks), ServiceAcl.all(services, topicPrefix), outcome);
        if (crl.isPresent()) {
            CredentialFiles.writeCrl(crlTarget, crl.get());
        }
        boolean changed = !equal(was, contents(files.passwordFile(), files.aclFile(), crlTarget));
        if (watching && !changed) {
            return;
        }
        before.removeAll(outcome.aclUsers());
        before.removeAll(List.of(services.ingest(), services.dispatch(), services.api()));
        reloadAndCloseSessions(before);
        if (crl.isPresent()) {
            err.println("CRL: " + crlTarget);
        }
        err.printf(Locale.ROOT, "%,d devices (%,d bins, %,d trucks) in %s: %,d kept their password, %,d new%s; %,d revoked.%n",
                outcome.entries().size(), bins.size(), trucks.size(), files.passwordFile(), outcome.kept().size(),
                outcome.issued().size(), outcome.issued().isEmpty() ? "" : " (passwords in " + files.csvFile().getFileName()
                        + " and " + files.truckCsvFile().getFileName() + ")", outcome.revoked().size());
        err.println("ACL: " + files.aclFile());
        if (bins.isEmpty()) {
            err.println("Warning: no bins in service in the registry, so no sensor can connect.");
        }
    }

    /** Each file's bytes, or null for a file that is not there. */
    private static List<byte[]> contents(Path... paths) throws IOException {
        List<byte[]> all = new ArrayList<>();
        for (Path p : paths) {
            all.add(Files.exists(p) ? Files.readAllBytes(p) : null);
        }
        return all;
    }

    private static boolean equal(List<byte[]> a, List<byte[]> b) {
        for (int i = 0; i < a.size(); i++) {
            if (!java.util.Arrays.equals(a.get(i), b.get(i))) {
                return false;
            }
        }
        return true;
    }

    /** Runs the reload command, then closes the sessions of the devices that lost their access. */
    private void reloadAndCloseSessions(Set<String> lostAccess) throws Exception {
        if (reloadCommand != null && !reloadCommand.isBlank()) {
            Process reload = new ProcessBuilder("sh", "-c", reloadCommand).inheritIO().start();
            if (reload.waitFor() != 0) {
                throw new IllegalStateException("--reload-command exited with " + reload.exitValue() + ": " + reloadCommand);
            }
        }
        if (closeSessionsUrl == null || closeSessionsUrl.isBlank() || lostAccess.isEmpty()) {
            return;
        }
        Thread.sleep(closeSessionsDelay);
        List<String> failed = new SessionCloser(closeSessionsUrl, closeSessionsUser,
                closeSessionsPassword == null ? "" : closeSessionsPassword, closeSessionsCaFile).close(lostAccess);
        err.printf(Locale.ROOT, "Closed the sessions of %,d devices that lost their access%s%n",
                lostAccess.size() - failed.size(), failed.isEmpty() ? "" : "; could not close " + failed);
        if (!failed.isEmpty()) {
            throw new IllegalStateException("could not close the sessions of " + failed);
        }
    }

    /**
     * The usernames of the bins, then of the trucks: one namespace on the broker, so an id that is both a bin's and
     * a truck's, or a service user's, is refused; and so is one in the services' client-id space
     * ({@value #RESERVED_PREFIX}...): on the devices' listener a username is the client id, and Mosquitto keeps one
     * session per client id across its listeners.
     */
    static List<String> usernames(List<String> bins, List<String> trucks, ServiceAcl.Users services) {
        Set<String> taken = new TreeSet<>(bins);
        Set<String> clashes = new TreeSet<>();
        for (String id : bins) {
            if (id.startsWith(RESERVED_PREFIX)) {
                clashes.add(id);
            }
        }
        for (String id : trucks) {
            if (id.startsWith(RESERVED_PREFIX)) {
                clashes.add(id);
            }
        }
        for (String truck : trucks) {
            if (!taken.add(truck)) {
                clashes.add(truck);
            }
        }
        for (String user : List.of(services.ingest(), services.dispatch(), services.api())) {
            if (taken.contains(user)) {
                clashes.add(user);
            }
        }
        if (!clashes.isEmpty()) {
            throw new IllegalStateException("Broker usernames are the bin and truck ids, and these ids are taken twice (a bin"
                    + " and a truck, or a service user) or reserved to the services (" + RESERVED_PREFIX + "...): " + clashes
                    + ". Rename them in the registry.");
        }
        List<String> all = new ArrayList<>(bins);
        all.addAll(trucks);
        return all;
    }

    /** Defaults from Clearway's environment variables, as the services read them. */
    static final class EnvDefaults implements IDefaultValueProvider {
        private final Map<String, Function<Env, String>> byOption = Map.of(
                "--db-url", env -> DatabaseConfig.from(env).url(),
                "--db-user", env -> DatabaseConfig.from(env).user(),
                "--db-password", env -> DatabaseConfig.from(env).password(),
                "--topic-prefix", env -> MqttConfig.from(env).topicPrefix(),
                "--close-sessions-password", env -> env.string("CLEARWAY_MQTT_CREDENTIALS_PASSWORD", ""),
                "--close-sessions-ca-file", env -> MqttConfig.from(env).caFile().isEmpty() ? null : MqttConfig.from(env).caFile());
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
