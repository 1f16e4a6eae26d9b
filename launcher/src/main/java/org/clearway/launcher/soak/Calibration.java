package org.clearway.launcher.soak;

import java.io.IOException;
import java.io.PrintStream;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import javax.sql.DataSource;
import org.clearway.core.config.MqttConfig;

/**
 * The short ingest calibration: bins replay three hours of their past as fast as the chain takes it
 * (simulator, broker, ingest, database, all on this machine), and the readings ingest stored per
 * second after a warm-up quarter are the capacity. The backlog is then left to drain.
 */
final class Calibration {
    static final int BINS = 2_000;
    static final Duration INTERVAL = Duration.ofSeconds(15);
    static final Duration HISTORY = Duration.ofHours(3);

    private Calibration() {
    }

    /** Readings per second ingest stored at full load. */
    static double measure(Duration length, DataSource db, MqttConfig mqtt, IngestProbe ingest, String tag, long seed,
                          PrintStream out) throws SQLException, IOException, InterruptedException {
        out.printf(Locale.ROOT, "Calibrating for %s: %,d bins replay %s of readings as fast as ingest takes them ...%n",
                SoakFormat.duration(length), BINS, SoakFormat.duration(HISTORY));
        SoakLoad.Spec spec = new SoakLoad.Spec("cal-" + tag, BINS, INTERVAL, Double.POSITIVE_INFINITY,
                Instant.now().minus(HISTORY), 0, 0, seed);
        double capacity;
        long base = IngestProbe.handled(ingest.scrape());
        try (SoakLoad load = SoakLoad.start(spec, db, mqtt, "soak-calibration-" + tag)) {
            Thread.sleep(length.toMillis() / 4);
            long s0 = ingest.stored();
            long t0 = System.nanoTime();
            Thread.sleep(length.toMillis() * 3 / 4);
            long s1 = ingest.stored();
            capacity = (s1 - s0) * 1e9 / (System.nanoTime() - t0);
            load.stop();
            if (!ingest.awaitDrained(base, () -> load.expectedValid() + load.expectedRejected(), Duration.ofSeconds(30))) {
                out.println("Calibration: ingest did not store the whole calibration backlog; the soak starts anyway.");
            }
        }
        out.printf(Locale.ROOT, "Capacity: %,.0f readings/s stored.%n", capacity);
        return capacity;
    }
}
