package org.clearway.dispatch.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.clearway.dispatch.DispatchTestDb;
import org.clearway.testsupport.FakeClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A backlog of readings waiting in the broker, handled by the real telemetry processor in batches: each bin's
 * readings applied in the order they came (none ignored as old), several bins in one transaction, and the decisions
 * of one by one (DispatchServiceIT: a steep rise like this one asks for a forecast job before the threshold).
 */
class TelemetryBatchIT {
    private static final Instant NOW = Instant.parse("2026-11-28T08:00:00Z");
    private static final int BINS = 20;
    private static final double[] FILLS = {10, 20, 30, 40, 50, 60, 70, 85, 90, 95};

    private DispatchHarness harness;

    @BeforeEach
    void start() throws Exception {
        harness = new DispatchHarness("telemetry_batch", FakeClock.at(NOW),
                Map.of("CLEARWAY_DISPATCH_BATCH_SIZE", "50", "CLEARWAY_DISPATCH_INFLIGHT", "100"));
        for (int i = 0; i < BINS; i++) {
            harness.registerBin(bin(i), 1000, 0);
        }
    }

    @AfterEach
    void stop() {
        harness.close();
    }

    @Test
    void aBacklogIsHandledInBatchesInOrderPerBinWithTheJobsOfOneByOne() throws Exception {
        DispatchService first = harness.startService();
        harness.awaitConsumer();
        first.close();
        Instant last = NOW.minus(Duration.ofHours(1));
        for (int r = 0; r < FILLS.length; r++) {
            Instant ts = last.minus(Duration.ofMinutes(15L * (FILLS.length - 1 - r)));
            for (int i = 0; i < BINS; i++) {
                harness.publish(bin(i), DispatchHarness.reading(ts, FILLS[r]));
            }
        }
        DispatchService service = harness.startService();
        for (int i = 0; i < BINS; i++) {
            harness.awaitDecided(bin(i), last);
        }

        // a batch's messages are counted after its commit and acknowledgements, so the count may trail the states
        DispatchTestDb.await("every message counted", DispatchHarness.WAIT, () -> harness.counter(service,
                "clearway.dispatch.messages", "outcome", "processed") >= BINS * FILLS.length);
        assertThat(harness.counter(service, "clearway.dispatch.messages", "outcome", "processed"))
                .isEqualTo(BINS * FILLS.length);
        assertThat(harness.counter(service, "clearway.dispatch.readings.ignored", null, null))
                .as("readings ignored as older than their bin's last").isZero();
        assertThat(DispatchTestDb.count(harness.db(), "SELECT count(DISTINCT bin_id) FROM jobs"))
                .as("bins with a job").isEqualTo(BINS);
        assertThat(DispatchTestDb.column(harness.db(), "SELECT DISTINCT j.reason || ' ' || (e.at = ?::timestamptz) "
                + "FROM job_events e JOIN jobs j ON j.id = e.job_id WHERE e.to_state = 'open'",
                last.minus(Duration.ofMinutes(45)).toString()))
                .as("every bin (same readings) got the same job at the same reading, the 70 %% one, as one by one")
                .containsExactly("forecast true");
        assertThat(DispatchTestDb.count(harness.db(), "SELECT count(DISTINCT xmin::text) FROM bin_decisions"))
                .as("transactions that last wrote the bins' states").isLessThan(BINS);
        DispatchTestDb.await("the jobs published", DispatchHarness.WAIT, () -> harness.jobMessages.size() >= BINS);
    }

    private static String bin(int i) {
        return String.format("batch-%02d", i);
    }
}
