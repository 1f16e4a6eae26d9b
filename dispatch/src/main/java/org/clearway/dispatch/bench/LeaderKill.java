package org.clearway.dispatch.bench;

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
 * its lock session gone) while readings flow, and the standby must take over within 10 s with no job created twice
 * and none lost (the benchmark's own count of missing jobs).
 */
final class LeaderKill implements AutoCloseable {
    static final Duration TAKEOVER_TARGET = Duration.ofSeconds(10);
    private static final String JOBS_TWICE = "SELECT count(*) - count(DISTINCT (bin_id, reason)) FROM jobs";

    private final DispatchService standby;
    private final ScheduledExecutorService timer =
            Executors.newSingleThreadScheduledExecutor(r -> Thread.ofPlatform().daemon().name("leader-kill").unstarted(r));
    private volatile long killedAt;
    private volatile long tookOverAt;

    private LeaderKill(DispatchService standby) {
        this.standby = standby;
    }

    static LeaderKill schedule(DispatchService leader, DispatchService standby, Duration after) {
        LeaderKill kill = new LeaderKill(standby);
        kill.timer.schedule(() -> {
            kill.killedAt = System.nanoTime();
            leader.kill();
            System.out.println("  leader killed; waiting for the standby");
            while (!standby.isConsuming() && !Thread.currentThread().isInterrupted()) {
                try {
                    Thread.sleep(10);
                } catch (InterruptedException e) {
                    return;
                }
            }
            kill.tookOverAt = System.nanoTime();
            System.out.printf(Locale.ROOT, "  standby leading and subscribed %.2f s after the kill%n",
                    (kill.tookOverAt - kill.killedAt) / 1e9);
        }, after.toMillis(), TimeUnit.MILLISECONDS);
        return kill;
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
        double takeover = tookOverAt == 0 ? Double.NaN : (tookOverAt - killedAt) / 1e9;
        boolean ok = tookOverAt != 0 && takeover <= TAKEOVER_TARGET.toSeconds() && twice == 0;
        System.out.printf(Locale.ROOT, "Fault 7, leader killed: takeover %s (target <= %d s); jobs created twice %,d "
                        + "(must be 0); missing jobs: see above (must be 0): %s%n",
                tookOverAt == 0 ? "NEVER" : String.format(Locale.ROOT, "%.2f s", takeover), TAKEOVER_TARGET.toSeconds(),
                twice, ok ? "KEPT" : "BROKEN");
        return ok ? 0 : 1;
    }

    @Override
    public void close() {
        timer.shutdownNow();
        standby.close();
    }
}
