package org.clearway.dispatch.inbox;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * The one place that decides what a failure while handling a message means for the leader: step down, try the
 * message again, or give up on the message alone.
 *
 * <ul>
 *   <li>{@link Failure#LEADERSHIP_LOST}: the leader's database session is gone (SQLSTATE class 08, the server
 *       ending the session: 57P01, 57P02, 57P03, or a connection that no longer answers). The lock went with it:
 *       stop consuming, acknowledge nothing.</li>
 *   <li>{@link Failure#SKIP_MESSAGE}: the message's own data cannot be stored (class 22, data exception; class 23,
 *       integrity violation) or the logic refused it (a runtime exception that is not SQL): log it, count it,
 *       acknowledge it so that it does not block the bins behind it.</li>
 *   <li>{@link Failure#RETRY}: anything else (serialization failure, deadlock, lack of resources, a statement
 *       timeout): roll back and handle the same message again after a pause.</li>
 * </ul>
 */
public final class Failures {

    /** What to do about a failure. */
    public enum Failure {
        LEADERSHIP_LOST, RETRY, SKIP_MESSAGE
    }

    private static final int VALID_TIMEOUT_SECONDS = 1;

    private Failures() {
    }

    /** @param leaderConnection the session the work ran on */
    public static Failure classify(Throwable error, Connection leaderConnection) {
        SQLException sql = sqlCause(error);
        if (sql == null) {
            return connectionAlive(leaderConnection) ? Failure.SKIP_MESSAGE : Failure.LEADERSHIP_LOST;
        }
        String state = sql.getSQLState() == null ? "" : sql.getSQLState();
        if (state.startsWith("08") || state.equals("57P01") || state.equals("57P02") || state.equals("57P03")
                || !connectionAlive(leaderConnection)) {
            return Failure.LEADERSHIP_LOST;
        }
        if (state.startsWith("22") || state.startsWith("23")) {
            return Failure.SKIP_MESSAGE;
        }
        return Failure.RETRY;
    }

    private static SQLException sqlCause(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql) {
                return sql;
            }
        }
        return null;
    }

    private static boolean connectionAlive(Connection c) {
        try {
            return !c.isClosed() && c.isValid(VALID_TIMEOUT_SECONDS);
        } catch (SQLException e) {
            return false;
        }
    }
}
