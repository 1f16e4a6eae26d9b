package org.clearway.dispatch.plan;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/**
 * "Plan again now" requests (V15 {@code plan_requests}), written by the dashboard API for a dispatcher: the leader's
 * planner takes every unhandled one at its poll, marks them handled and plans in full. The services meet in the
 * database; the API never calls dispatch.
 */
final class PlanRequestInbox {
    static final String TAKE = """
            UPDATE plan_requests SET handled_at = ?, handled_by = 'dispatch'
             WHERE handled_at IS NULL
            RETURNING id
            """;

    /** Marks the waiting requests handled, in a transaction of its own; true when there was one. */
    boolean take(Connection c, Instant now) throws SQLException {
        int taken = 0;
        try (PreparedStatement ps = c.prepareStatement(TAKE)) {
            ps.setObject(1, now.truncatedTo(ChronoUnit.MICROS).atOffset(ZoneOffset.UTC));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    taken++;
                }
            }
            c.commit();
        } catch (SQLException | RuntimeException e) {
            c.rollback();
            throw e;
        }
        return taken > 0;
    }
}
