package org.clearway.dispatch.leader;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Makes the planner's writes, which run on a connection of their own, safe when leadership is lost. Each planner
 * transaction first takes a transaction-level advisory lock of its own (so the planners of an old and a new leader
 * never write at once: the second waits for the first to end), then checks that the leader's session, identified
 * by its backend pid, still holds the leader lock. A planner whose leader lost the lock writes nothing.
 */
public final class LeaderFence {

    static final String BACKEND_PID = "SELECT pg_backend_pid()";

    static final String PLANNER_LOCK = "SELECT pg_advisory_xact_lock(hashtext(?), hashtext(current_schema()))";

    /** As LeaderLock.HOLDS, for another session: a session-level lock shows in pg_locks with objsubid 2. */
    static final String LEADER_HOLDS = "SELECT EXISTS (SELECT 1 FROM pg_locks WHERE locktype = 'advisory' AND granted "
            + "AND pid = ? AND classid = hashtext(?)::oid AND objid = hashtext(current_schema())::oid AND objsubid = 2)";

    private final String lockName;
    private final int leaderPid;

    LeaderFence(String lockName, int leaderPid) {
        this.lockName = lockName;
        this.leaderPid = leaderPid;
    }

    /**
     * The fence of the leader whose session is {@code leaderConnection}; call it on the leader's thread (it runs one
     * statement on that session and commits).
     */
    public static LeaderFence of(Connection leaderConnection, String lockName) throws SQLException {
        try (PreparedStatement ps = leaderConnection.prepareStatement(BACKEND_PID); ResultSet rs = ps.executeQuery()) {
            rs.next();
            int pid = rs.getInt(1);
            leaderConnection.commit();
            return new LeaderFence(lockName, pid);
        }
    }

    /**
     * Starts a planner transaction on {@code c} (auto-commit off): waits for the planner lock, then checks the leader.
     *
     * @throws NotLeaderException when the leader's session no longer holds the leader lock
     */
    public void enter(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(PLANNER_LOCK)) {
            ps.setString(1, lockName + " planner");
            ps.execute();
        }
        try (PreparedStatement ps = c.prepareStatement(LEADER_HOLDS)) {
            ps.setInt(1, leaderPid);
            ps.setString(2, lockName);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next() || !rs.getBoolean(1)) {
                    throw new NotLeaderException("the leader session (pid " + leaderPid + ") no longer holds the lock '"
                            + lockName + "': this instance stopped leading, so its planner writes nothing");
                }
            }
        }
    }

    /** This instance is no longer the leader. */
    public static final class NotLeaderException extends IllegalStateException {
        public NotLeaderException(String message) {
            super(message);
        }
    }
}
