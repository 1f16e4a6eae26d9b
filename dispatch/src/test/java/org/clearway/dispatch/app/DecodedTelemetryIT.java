package org.clearway.dispatch.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.clearway.dispatch.DispatchTestDb;
import org.clearway.testsupport.FakeClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Dispatch decides on ingest's relay of the network servers' and HTTP sources' readings,
 * {@code {prefix}bins/{binId}/decoded}, as on the contract's topic (one handler, one batch); the relay's repeats (a
 * redelivered uplink is relayed again, and a reading may come on both topics) open no second job.
 */
class DecodedTelemetryIT {
    private static final Instant NOW = Instant.parse("2026-11-28T08:00:00Z");

    private DispatchHarness harness;

    @BeforeEach
    void start() throws Exception {
        harness = new DispatchHarness("decoded_telemetry", FakeClock.at(NOW), Map.of());
        harness.registerBin("lora", 1000, 0);
        harness.registerBin("plain", 1000, 0);
    }

    @AfterEach
    void stop() {
        harness.close();
    }

    private void relay(String binId, Instant ts, double fill) throws Exception {
        harness.publishRaw(harness.prefix + "bins/" + binId + "/decoded",
                DispatchHarness.reading(ts, fill).getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aRelayedThresholdCrossingOpensOneJobWhateverItsRepeats() throws Exception {
        DispatchService service = harness.startService();
        harness.awaitConsumer();
        Instant t = NOW.minus(Duration.ofHours(3));
        double[] fills = {50, 60, 70, 85};
        for (int i = 0; i < fills.length; i++) {
            Instant ts = t.minus(Duration.ofMinutes(15L * (fills.length - 1 - i)));
            relay("lora", ts, fills[i]);
            harness.publish("plain", DispatchHarness.reading(ts, fills[i]));
        }
        harness.awaitDecided("lora", t);
        harness.awaitDecided("plain", t);
        assertThat(harness.jobs("lora", "threshold")).as("one reading above is not enough").isZero();

        Instant confirm = t.plus(Duration.ofMinutes(15));
        relay("lora", confirm, 90);
        relay("lora", confirm, 90); // the uplink redelivered: relayed again
        harness.publish("lora", DispatchHarness.reading(confirm, 90)); // the same reading on the contract's topic
        relay("lora", t, 85); // an older repeat
        DispatchTestDb.await("the relayed bin's threshold job", DispatchHarness.WAIT,
                () -> harness.jobs("lora", "threshold") == 1);
        DispatchTestDb.await("every message handled", DispatchHarness.WAIT,
                () -> harness.counter(service, "clearway.dispatch.messages", "outcome", "processed") >= 11);
        assertThat(harness.jobs("lora", "threshold")).as("no second job for a repeat").isEqualTo(1);
        assertThat(harness.counter(service, "clearway.dispatch.readings.ignored", null, null))
                .as("the repeats, ignored as not newer than the bin's last reading").isEqualTo(3);
        assertThat(DispatchTestDb.count(harness.db(), "SELECT count(*) FROM bin_decisions WHERE bin_id = 'lora' "
                + "AND last_reading_at = ?::timestamptz", confirm.toString())).isEqualTo(1);
        assertThat(harness.jobs("plain", "threshold")).as("the contract's bin, the same readings but one").isZero();
    }
}
