package org.clearway.launcher.soak;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.function.LongSupplier;

/** Ingest's counters and lag histograms, read from its {@code /metrics}. */
final class IngestProbe {
    static final String RECEIVED = "clearway_ingest_messages_received_total";
    static final String STORED = "clearway_ingest_readings_stored_total";
    static final String DUPLICATES = "clearway_ingest_readings_duplicate_total";
    static final String REJECTED = "clearway_ingest_rejected_total";
    static final String LAG_END_TO_END = "clearway_ingest_lag_end_to_end_seconds";
    static final String LAG_PIPELINE = "clearway_ingest_lag_pipeline_seconds";

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final URI metrics;

    IngestProbe(int httpPort) {
        this.metrics = URI.create("http://127.0.0.1:" + httpPort + "/metrics");
    }

    /** Readings and messages ingest has finished with: stored, duplicate, rejected. */
    static long handled(PrometheusText t) {
        return Math.round(t.sum(STORED) + t.sum(DUPLICATES) + t.sum(REJECTED));
    }

    PrometheusText scrape() throws IOException, InterruptedException {
        return PrometheusText.scrape(http, metrics);
    }

    long stored() throws IOException, InterruptedException {
        return Math.round(scrape().sum(STORED));
    }

    /**
     * Waits until ingest has handled, beyond {@code base} ({@link #handled}), what it must ({@code target}:
     * stored + duplicates + rejected), or until nothing has moved for {@code quiet}; returns whether the target was reached.
     */
    boolean awaitDrained(long base, LongSupplier target, Duration quiet) throws IOException, InterruptedException {
        long last = -1;
        long stillSince = System.nanoTime();
        while (true) {
            PrometheusText t = scrape();
            long done = handled(t) - base;
            if (done >= target.getAsLong()) {
                return true;
            }
            if (done != last) {
                last = done;
                stillSince = System.nanoTime();
            } else if (System.nanoTime() - stillSince > quiet.toNanos()) {
                return false;
            }
            Thread.sleep(250);
        }
    }
}
