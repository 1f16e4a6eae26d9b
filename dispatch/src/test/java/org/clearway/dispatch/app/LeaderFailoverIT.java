package org.clearway.dispatch.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.clearway.dispatch.DispatchTestDb;
import org.clearway.testsupport.FakeClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Two instances on one schema and one broker session: one leads and consumes, the other waits; when the leader
 * crashes or loses its database session, a leader is back within seconds and no job is created twice.
 */
class LeaderFailoverIT {

    private static final Instant NOW = Instant.parse("2026-11-28T08:00:00Z");
    private static final Duration TAKEOVER = Duration.ofSeconds(10);
    private DispatchHarness harness;

    @AfterEach
    void close() {
        if (harness != null) {
            harness.close();
        }
    }

    @Test
    void onlyTheLeaderConsumesAndTheStandbyTakesOverAfterACrash() throws Exception {
        harness = new DispatchHarness("dispatch_failover", FakeClock.at(NOW), Map.of());
        List<String> bins = List.of("f1", "f2", "f3", "f4");
        for (String bin : bins) {
            harness.registerBin(bin, 1000, 0);
        }
        DispatchService first = harness.startService();
        DispatchService second = harness.startService();
        DispatchService leader = harness.awaitConsumer();
        DispatchService standby = leader == first ? second : first;

        Instant t = NOW.minus(Duration.ofHours(1));
        harness.publishFills("f1", t, 50, 85, 90);
        DispatchTestDb.await("the job of f1", DispatchHarness.WAIT, () -> harness.jobs("f1", "threshold") == 1);
        harness.publishFills("f2", t, 50, 85);
        harness.awaitDecided("f2", t);
        DispatchTestDb.await("the leader to acknowledge", DispatchHarness.WAIT, () -> leader.processedMessages() == 5);
        assertThat(standby.isLeader()).isFalse();
        assertThat(standby.processedMessages()).as("the standby consumes nothing").isZero();
        assertThat(harness.http(standby, "/health")).isEqualTo(
                "200 {\"status\":\"UP\",\"role\":\"standby\",\"database\":\"UP\",\"broker\":\"NOT_CONNECTED\"}");

        leader.kill();
        long killedAt = System.nanoTime();
        long handledByTheDeadLeader = leader.processedMessages();
        // Published while no leader is connected: the broker keeps them in the dispatcher's session.
        harness.publish("f2", DispatchHarness.reading(t.plus(Duration.ofMinutes(15)), 90));
        harness.publishFills("f3", t, 50, 85, 90);
        DispatchTestDb.await("the standby to take over", TAKEOVER, standby::isConsuming);
        assertThat(Duration.ofNanos(System.nanoTime() - killedAt)).isLessThan(TAKEOVER);

        harness.publishFills("f4", t, 50, 85, 90);
        harness.publishFills("f1", t, 50, 85, 90);
        for (String bin : bins) {
            DispatchTestDb.await("the job of " + bin, DispatchHarness.WAIT, () -> harness.jobs(bin, "threshold") >= 1);
        }
        harness.awaitDecided("f1", t);

        for (String bin : bins) {
            assertThat(harness.jobs(bin, "threshold")).as("jobs of " + bin).isEqualTo(1);
        }
        assertThat(DispatchTestDb.count(harness.db(), "SELECT count(*) FROM job_events WHERE from_state IS NULL")).isEqualTo(4);
        assertThat(leader.processedMessages()).isEqualTo(handledByTheDeadLeader);
        assertThat(leader.isLeader()).isFalse();
    }

    @Test
    void losingTheDatabaseSessionLosesLeadershipAndALeaderCarriesOn() throws Exception {
        harness = new DispatchHarness("dispatch_session", FakeClock.at(NOW), Map.of());
        List<String> bins = List.of("s1", "s2");
        for (String bin : bins) {
            harness.registerBin(bin, 1000, 0);
        }
        harness.startService();
        harness.startService();
        DispatchService leader = harness.awaitConsumer();
        Instant t = NOW.minus(Duration.ofHours(1));
        harness.publishFills("s1", t, 50, 85, 90);
        DispatchTestDb.await("the job of s1", DispatchHarness.WAIT, () -> harness.jobs("s1", "threshold") == 1);

        terminateLockHolder();
        DispatchTestDb.await("the leader to notice", TAKEOVER,
                () -> harness.counter(leader, "clearway.dispatch.leadership.lost", null, null) == 1);
        harness.publishFills("s2", t, 50, 85, 90);
        harness.publishFills("s1", t, 50, 85, 90);
        DispatchService next = harness.awaitConsumer();
        DispatchTestDb.await("the job of s2", DispatchHarness.WAIT, () -> harness.jobs("s2", "threshold") == 1);
        harness.awaitDecided("s1", t);

        assertThat(next.isLeader()).isTrue();
        assertThat(harness.jobs("s1", "threshold")).isEqualTo(1);
        assertThat(DispatchTestDb.count(harness.db(), "SELECT count(*) FROM job_events WHERE from_state IS NULL")).isEqualTo(2);
    }

    @Test
    void aMessageTheDeadLeaderNeverAcknowledgedIsDecidedByTheNext() throws Exception {
        harness = new DispatchHarness("dispatch_unacked", FakeClock.at(NOW), Map.of());
        harness.registerBin("u1", 1000, 0);
        harness.startService();
        harness.startService();
        DispatchService leader = harness.awaitConsumer();
        DispatchService standby = harness.services.get(0) == leader ? harness.services.get(1) : harness.services.get(0);
        Instant t = NOW.minus(Duration.ofHours(1));
        harness.publishFills("u1", t.minus(Duration.ofMinutes(30)), 50);
        harness.awaitDecided("u1", t.minus(Duration.ofMinutes(30)));

        try (Connection blocker = harness.db().getConnection()) {
            blocker.setAutoCommit(false);
            blocker.createStatement().execute("SELECT 1 FROM bin_decisions WHERE bin_id = 'u1' FOR UPDATE");
            harness.publishFills("u1", t, 85, 90);
            String instance = "clearway-dispatch leader instance-" + (harness.services.indexOf(leader) + 1);
            DispatchTestDb.await("the leader to wait for the bin's row", DispatchHarness.WAIT, () -> DispatchTestDb.count(
                    harness.db(), "SELECT count(*) FROM pg_stat_activity WHERE application_name = ? "
                            + "AND wait_event_type = 'Lock'", instance) == 1);
            long handled = leader.processedMessages();
            leader.kill();
            blocker.rollback();
            assertThat(leader.processedMessages()).isEqualTo(handled);
        }
        DispatchTestDb.await("the standby to take over", TAKEOVER, standby::isConsuming);
        DispatchTestDb.await("the job of u1", DispatchHarness.WAIT, () -> harness.jobs("u1", "threshold") == 1);
        harness.awaitDecided("u1", t);

        assertThat(harness.jobs("u1", "threshold")).isEqualTo(1);
        assertThat(standby.processedMessages()).as("the two readings the dead leader held, at least").isGreaterThanOrEqualTo(2);
    }

    /** Ends the database session that holds this schema's leader lock, as a failover or a network cut would. */
    private void terminateLockHolder() throws Exception {
        try (Connection c = harness.db().getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT pg_terminate_backend(pid) FROM pg_locks WHERE locktype = 'advisory' AND granted AND objsubid = 2 "
                        + "AND classid = hashtext('clearway-dispatch')::oid AND objid = hashtext(?)::oid")) {
            ps.setString(1, harness.schema.name());
            try (ResultSet rs = ps.executeQuery()) {
                assertThat(rs.next()).as("a session holds the lock").isTrue();
                assertThat(rs.getBoolean(1)).isTrue();
            }
        }
    }
}
