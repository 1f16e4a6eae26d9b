package org.clearway.lab.soak;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.function.LongSupplier;

/** Ingest's counters and lag histograms, and dispatch's message count, read from their {@code /metrics}. */
final class IngestProbe {
    static final String RECEIVED = "clearway_ingest_messages_received_total";
    static final String STORED = "clearway_ingest_readings_stored_total";
    static final String DUPLICATES = "clearway_ingest_readings_duplicate_total";
    static final String REJECTED = "clearway_ingest_rejected_total";
    static final String LAG_END_TO_END = "clearway_ingest_lag_end_to_end_seconds";
    static final String LAG_PIPELINE = "clearway_ingest_lag_pipeline_seconds";
    static final String DISPATCH_MESSAGES = "clearway_dispatch_messages_total";

    // HTTP/1.1: the JDK client's default HTTP/2 upgrade on plain http once failed against the Vert.x server
    // ("Frame type(116) length(6255727) exceeds MAX_FRAME_SIZE") in the eighth minute of a soak.
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final URI metrics;
    private final URI dispatchMetrics;

    IngestProbe(int httpPort, int dispatchPort) {
        this.metrics = URI.create("http://127.0.0.1:" + httpPort + "/metrics");
        this.dispatchMetrics = URI.create("http://127.0.0.1:" + dispatchPort + "/metrics");
    }

    /** Messages dispatch has handled, whatever the outcome. */
    long dispatched() throws IOException, InterruptedException {
        return Math.round(PrometheusText.scrape(http, dispatchMetrics).sum(DISPATCH_MESSAGES));
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
        return await(() -> handled(scrape()) - base, target, quiet);
    }

    /**
     * Waits until dispatch has handled {@code target} messages beyond {@code base} ({@link #dispatched}), or until
     * its count has not moved for {@code quiet}; returns whether the target was reached.
     */
    boolean awaitDispatched(long base, long target, Duration quiet) throws IOException, InterruptedException {
        return await(() -> dispatched() - base, () -> target, quiet);
    }

    /** A count read over HTTP. */
    private interface Count {
        long read() throws IOException, InterruptedException;
    }

    private static boolean await(Count count, LongSupplier target, Duration quiet)
            throws IOException, InterruptedException {
        long last = -1;
        long stillSince = System.nanoTime();
        while (true) {
            long done = count.read();
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
