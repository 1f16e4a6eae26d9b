package org.clearway.dispatch.leader;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.Executor;

import org.clearway.core.config.DatabaseConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Leadership as a PostgreSQL session-level advisory lock, held by one dedicated connection: the lock lives exactly
 * as long as that session, so losing the connection is losing the lock. The key is the pair (hashtext(name),
 * hashtext(current schema)), so services on different schemas of one database elect their leaders apart.
 *
 * <p>The leader also makes all its writes on this connection: a write can only commit while the lock is held, and
 * nothing a leader does can land after another instance took over.
 */
public final class LeaderLock implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LeaderLock.class);

    static final String TRY_LOCK = "SELECT pg_try_advisory_lock(hashtext(?), hashtext(current_schema()))";

    /** Whether this session holds the lock (a session-level lock shows in pg_locks with objsubid 2). */
    static final String HOLDS = "SELECT EXISTS (SELECT 1 FROM pg_locks WHERE locktype = 'advisory' AND granted "
            + "AND pid = pg_backend_pid() AND classid = hashtext(?)::oid AND objid = hashtext(current_schema())::oid "
            + "AND objsubid = 2)";

    private static final int CHECK_TIMEOUT_SECONDS = 2;
    /** A query on a half-open connection fails after this instead of hanging. */
    private static final String SOCKET_TIMEOUT_SECONDS = "30";
    /**
     * The server notices a vanished leader (machine down, network cut) within about 25 s and ends its session,
     * releasing the lock, instead of after the operating system's default of hours.
     */
    private static final String SERVER_KEEPALIVES = "-c tcp_keepalives_idle=10 -c tcp_keepalives_interval=5 "
            + "-c tcp_keepalives_count=3";
    private static final Executor ABORT_INLINE = Runnable::run;

    private final Connection connection;
    private final String name;

    private LeaderLock(Connection connection, String name) {
        this.connection = connection;
        this.name = name;
    }

    /**
     * Opens a connection and tries the lock once, without waiting.
     *
     * @return the held lock, or empty when another session holds it
     * @throws SQLException when the database cannot be reached
     */
    public static Optional<LeaderLock> tryAcquire(DatabaseConfig database, String name, String applicationName)
            throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", database.user());
        properties.setProperty("password", database.password());
        properties.setProperty("ApplicationName", applicationName);
        properties.setProperty("tcpKeepAlive", "true");
        properties.setProperty("socketTimeout", SOCKET_TIMEOUT_SECONDS);
        properties.setProperty("connectTimeout", "5");
        properties.setProperty("options", SERVER_KEEPALIVES);
        Connection c = DriverManager.getConnection(database.url(), properties);
        try (PreparedStatement ps = c.prepareStatement(TRY_LOCK)) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                if (!rs.getBoolean(1)) {
                    c.close();
                    return Optional.empty();
                }
            }
            c.setAutoCommit(false);
            return Optional.of(new LeaderLock(c, name));
        } catch (SQLException | RuntimeException e) {
            c.close();
            throw e;
        }
    }

    /** The session that holds the lock; auto-commit is off. Use it from one thread at a time. */
    public Connection connection() {
        return connection;
    }

    /** Asks the database whether this session still holds the lock; false when the connection is gone. */
    public boolean stillHeld() {
        try (PreparedStatement ps = connection.prepareStatement(HOLDS)) {
            ps.setQueryTimeout(CHECK_TIMEOUT_SECONDS);
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                boolean held = rs.next() && rs.getBoolean(1);
                connection.commit();
                return held;
            }
        } catch (SQLException e) {
            LOG.warn("The leader's database session is gone ({}): leadership lost", e.getMessage());
            return false;
        }
    }

    /** Drops the connection at once, from any thread (its transaction is lost, the lock released by the server). */
    public void abort() {
        try {
            connection.abort(ABORT_INLINE);
        } catch (SQLException | RuntimeException e) {
            LOG.debug("Aborting the leader connection: {}", e.getMessage());
        }
    }

    /** Ends the session, which releases the lock. */
    @Override
    public void close() {
        try {
            connection.close();
        } catch (SQLException e) {
            LOG.debug("Closing the leader connection: {}", e.getMessage());
        }
    }
}
