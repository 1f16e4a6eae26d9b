package org.clearway.lab.dispatch;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import org.clearway.dispatch.app.DispatchService;

/**
 * Fault 7 inside the latency benchmark: the leader is killed as a crash would be (no acknowledgement, no DISCONNECT,
 * its lock session gone) while readings flow. The takeover is measured from the kill to the first telemetry message
 * the new leader handled (committed and acknowledged): back at full speed, not merely holding the lock. It must be
 * within 2 s, with no job created twice and none lost (the benchmark's own count of missing jobs).
 */
final class LeaderKill implements AutoCloseable {
    static final Duration TAKEOVER_TARGET = Duration.ofSeconds(2);
    private static final String JOBS_TWICE = "SELECT count(*) - count(DISTINCT (bin_id, reason)) FROM jobs";
    private static final long POLL_NANOS = 1_000_000;

    private final DispatchService standby;
    private final ScheduledExecutorService timer =
            Executors.newSingleThreadScheduledExecutor(r -> Thread.ofPlatform().daemon().name("leader-kill").unstarted(r));
    private volatile long killedAt;
    private volatile long lockedAt;
    private volatile long subscribedAt;
    private volatile long handledAt;

    private LeaderKill(DispatchService standby) {
        this.standby = standby;
    }

    static LeaderKill schedule(DispatchService leader, DispatchService standby, Duration after) {
        LeaderKill kill = new LeaderKill(standby);
        kill.timer.schedule(() -> kill.run(leader), after.toMillis(), TimeUnit.MILLISECONDS);
        return kill;
    }

    private void run(DispatchService leader) {
        long handledBefore = standby.processedMessages();
        killedAt = System.nanoTime();
        leader.kill();
        System.out.println("  leader killed; waiting for the standby");
        while (handledAt == 0 && !Thread.currentThread().isInterrupted()) {
            long now = System.nanoTime();
            if (lockedAt == 0 && standby.isLeader()) {
                lockedAt = now;
            }
            if (subscribedAt == 0 && standby.isConsuming()) {
                subscribedAt = now;
            }
            if (standby.processedMessages() > handledBefore) {
                handledAt = now;
            }
            java.util.concurrent.locks.LockSupport.parkNanos(POLL_NANOS);
        }
        if (handledAt != 0) {
            System.out.printf(Locale.ROOT, "  the standby took the lock %.2f s, subscribed %.2f s and handled its first "
                    + "reading %.2f s after the kill%n", seconds(lockedAt), seconds(subscribedAt), seconds(handledAt));
        }
    }

    private double seconds(long at) {
        return at == 0 ? Double.NaN : (at - killedAt) / 1e9;
    }

    /** Prints the takeover time and the jobs stored twice; 1 if the takeover was late or missing or a job doubled. */
    int report(DataSource pool) throws SQLException {
        long twice;
        try (Connection c = pool.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(JOBS_TWICE)) {
            rs.next();
            twice = rs.getLong(1);
        }
        if (killedAt == 0) {
            System.out.println("Fault 7: the leader was not killed (publishing ended first): raise --bins or lower "
                    + "--kill-leader-after");
            return 1;
        }
        double takeover = seconds(handledAt);
        boolean ok = handledAt != 0 && takeover <= TAKEOVER_TARGET.toMillis() / 1000.0 && twice == 0;
        System.out.printf(Locale.ROOT, "Fault 7, leader killed: takeover %s (kill -> first reading handled by the new "
                        + "leader; lock taken after %.2f s, subscribed after %.2f s; target <= %d s); jobs created twice "
                        + "%,d (must be 0); missing jobs: see above (must be 0): %s%n",
                handledAt == 0 ? "NEVER" : String.format(Locale.ROOT, "%.2f s", takeover), seconds(lockedAt),
                seconds(subscribedAt), TAKEOVER_TARGET.toSeconds(), twice, ok ? "KEPT" : "BROKEN");
        return ok ? 0 : 1;
    }

    @Override
    public void close() {
        timer.shutdownNow();
        standby.close();
    }
}
