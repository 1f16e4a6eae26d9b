package org.clearway.lab.read;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;

/**
 * Readings arriving while the map is measured, as ingest's would: {@code perSecond} times a second one bin's
 * {@code bin_state} gets a new fill and last-seen time (its zone's fingerprint changes, so the next map request encodes
 * that zone again). A 10,000-bin city reporting hourly changes 2.8 bins a second.
 */
final class StateChanges implements AutoCloseable {
    static final String TOUCH = """
            UPDATE bin_state SET fill_pct = ?, last_seen_at = date_trunc('milliseconds', clock_timestamp())
             WHERE bin_id = ?
            """;

    private final AtomicBoolean running = new AtomicBoolean(true);
    private final Thread thread;
    private volatile long changes;

    StateChanges(DataSource db, int bins, int perSecond, long seed) {
        long pause = 1000L / Math.max(1, perSecond);
        Random r = new Random(seed);
        thread = Thread.ofPlatform().daemon().name("read-bench-changes").start(() -> {
            try (Connection c = db.getConnection(); PreparedStatement p = c.prepareStatement(TOUCH)) {
                while (running.get()) {
                    p.setDouble(1, Math.round(r.nextDouble() * 1000) / 10.0);
                    p.setString(2, CityHistory.bin(r.nextInt(bins)));
                    p.executeUpdate();
                    changes++;
                    Thread.sleep(pause);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (Exception e) {
                System.err.println("state changes stopped: " + e);
            }
        });
    }

    long changes() {
        return changes;
    }

    @Override
    public void close() throws InterruptedException {
        running.set(false);
        thread.join(5_000);
    }
}
