package org.clearway.dispatch.leader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;

import org.clearway.dispatch.DispatchTestDb;
import org.clearway.testsupport.TestInfrastructure;
import org.clearway.testsupport.TestSchema;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The planner's fence lets a transaction through only while the leader's session holds the leader lock. */
class LeaderFenceIT {

    private static final String LOCK = "fence-test";
    private static TestSchema schema;

    @BeforeAll
    static void schema() {
        schema = DispatchTestDb.migratedSchema("dispatch_plan_fence");
    }

    @AfterAll
    static void drop() {
        schema.close();
    }

    @Test
    void aPlannerWritesWhileItsLeaderHoldsTheLockAndNotAfter() throws Exception {
        var db = TestInfrastructure.database();
        // a session of its own (a pooled connection would outlive close(), and the lock with it)
        Connection leader = DriverManager.getConnection(schema.jdbcUrl(), db.user(), db.password());
        try (Connection planner = schema.dataSource().getConnection()) {
            try (Statement s = leader.createStatement();
                 ResultSet rs = s.executeQuery("SELECT pg_try_advisory_lock(hashtext('" + LOCK + "'), hashtext(current_schema()))")) {
                rs.next();
                assertThat(rs.getBoolean(1)).isTrue();
            }
            leader.setAutoCommit(false);
            LeaderFence fence = LeaderFence.of(leader, LOCK);
            planner.setAutoCommit(false);

            fence.enter(planner);
            planner.commit();

            leader.close();
            // The server ends the closed session's backend, and releases its lock, a moment after close() returns.
            DispatchTestDb.await("the closed leader session's lock to be released", Duration.ofSeconds(10), () -> {
                try {
                    fence.enter(planner);
                    return false;
                } catch (LeaderFence.NotLeaderException e) {
                    return true;
                } finally {
                    planner.rollback();
                }
            });
            assertThatThrownBy(() -> fence.enter(planner)).isInstanceOf(LeaderFence.NotLeaderException.class)
                    .hasMessageContaining("no longer holds the lock 'fence-test'");
            planner.rollback();
        } finally {
            if (!leader.isClosed()) {
                leader.close();
            }
        }
    }

    @Test
    void anotherSessionHoldingTheLockDoesNotCount() throws Exception {
        try (Connection leader = schema.dataSource().getConnection();
             Connection usurper = schema.dataSource().getConnection();
             Connection planner = schema.dataSource().getConnection()) {
            leader.setAutoCommit(false);
            LeaderFence fence = LeaderFence.of(leader, LOCK + "-2");
            try (Statement s = usurper.createStatement()) {
                s.execute("SELECT pg_advisory_lock(hashtext('" + LOCK + "-2'), hashtext(current_schema()))");
            }
            planner.setAutoCommit(false);
            assertThatThrownBy(() -> fence.enter(planner)).isInstanceOf(LeaderFence.NotLeaderException.class);
            planner.rollback();
        }
    }
}
