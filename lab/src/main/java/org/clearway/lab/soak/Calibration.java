package org.clearway.lab.soak;

import java.io.IOException;
import java.io.PrintStream;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import javax.sql.DataSource;
import org.clearway.core.config.MqttConfig;
import org.clearway.core.time.DbClock;

/**
 * The short calibration: bins replay three hours of their past as fast as the chain takes it
 * (simulator, broker, ingest, dispatch, database, all on this machine). After a warm-up quarter,
 * the readings ingest stored per second and the messages dispatch handled per second are measured;
 * the system's capacity is the smaller of the two, the slowest stage. The backlogs of both are then
 * left to drain (dispatch's waits in the broker).
 */
final class Calibration {
    static final int BINS = 2_000;
    static final Duration INTERVAL = Duration.ofSeconds(15);
    static final Duration HISTORY = Duration.ofHours(3);

    private Calibration() {
    }

    /** What the stages did per second at full load; {@link #system()} is the smaller. */
    record Capacity(double ingestStored, double dispatchHandled) {
        double system() {
            return Math.min(ingestStored, dispatchHandled);
        }
    }

    /** Measures the capacity of ingest and of dispatch at full load, then lets both drain. */
    static Capacity measure(Duration length, DataSource db, MqttConfig mqtt, IngestProbe ingest, String tag, long seed,
                          PrintStream out) throws SQLException, IOException, InterruptedException {
        out.printf(Locale.ROOT, "Calibrating for %s: %,d bins replay %s of readings as fast as ingest takes them ...%n",
                SoakFormat.duration(length), BINS, SoakFormat.duration(HISTORY));
        SoakLoad.Spec spec = new SoakLoad.Spec("cal-" + tag, BINS, INTERVAL, Double.POSITIVE_INFINITY,
                DbClock.wall().instant().minus(HISTORY), 0, 0, seed);
        Capacity capacity;
        PrometheusText before = ingest.scrape();
        long base = IngestProbe.handled(before);
        long dispatchedBase = ingest.dispatched();
        try (SoakLoad load = SoakLoad.start(spec, db, mqtt, "soak-calibration-" + tag)) {
            Thread.sleep(length.toMillis() / 4);
            long s0 = ingest.stored();
            long d0 = ingest.dispatched();
            long t0 = System.nanoTime();
            Thread.sleep(length.toMillis() * 3 / 4);
            long s1 = ingest.stored();
            long d1 = ingest.dispatched();
            double seconds = (System.nanoTime() - t0) / 1e9;
            capacity = new Capacity((s1 - s0) / seconds, (d1 - d0) / seconds);
            load.stop();
            if (!ingest.awaitDrained(base, () -> load.expectedValid() + load.expectedRejected(), Duration.ofSeconds(30))) {
                out.println("Calibration: ingest did not store the whole calibration backlog; the soak starts anyway.");
            }
            long received = Math.round(ingest.scrape().sum(IngestProbe.RECEIVED) - before.sum(IngestProbe.RECEIVED));
            out.printf(Locale.ROOT, "Calibration: ingest stored %,.0f readings/s, dispatch handled %,.0f messages/s; "
                    + "waiting for dispatch to handle the rest of the %,d messages ...%n", capacity.ingestStored(),
                    capacity.dispatchHandled(), received);
            if (!ingest.awaitDispatched(dispatchedBase, received, Duration.ofSeconds(30))) {
                out.println("Calibration: dispatch did not handle the whole calibration backlog; the soak starts anyway.");
            }
        }
        out.printf(Locale.ROOT, "Capacity: %,.0f readings/s (the slower of ingest, %,.0f/s stored, and dispatch, "
                + "%,.0f/s handled).%n", capacity.system(), capacity.ingestStored(), capacity.dispatchHandled());
        return capacity;
    }
}
