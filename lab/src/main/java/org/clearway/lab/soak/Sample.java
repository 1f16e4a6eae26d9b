package org.clearway.lab.soak;

/**
 * What the soak measured at one report: counters since the soak's start, lag percentiles of the
 * interval just ended (seconds; NaN when nothing was committed in it), memory now.
 *
 * @param published  messages the broker acknowledged to the simulator
 * @param received   messages ingest received
 * @param lagE2e     sensor {@code ts} to commit: p50, p95, p99
 * @param lagPipe    receipt by ingest to commit: p50, p95, p99
 * @param heap       heap in use after a forced full collection, or after the latest collection without one
 * @param gcMillis   how long the forced collection took; -1 without one
 * @param dispatched messages dispatch has handled (its {@code clearway_dispatch_messages_total})
 */
record Sample(double elapsedSeconds, long published, long received, long stored, long duplicates, long rejected,
              long dispatched,
              double[] lagE2e, double[] lagPipe, long heap, long gcMillis, long rss, long jobsCreated, long jobsClosed) {
    double p99() {
        return lagE2e[2];
    }
}
