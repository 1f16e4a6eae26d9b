package org.clearway.dispatch.leader;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * Periodic work of the leader (sweeps), run by {@link LeaderTerm} on the leader's own session between messages,
 * about once per leader retry interval; a chore decides itself how often it really works. It commits its own work;
 * on an exception the term rolls back and {@link Failures} decides whether leadership is lost.
 */
@FunctionalInterface
public interface LeaderChore {

    void run(Connection c) throws SQLException;
}
