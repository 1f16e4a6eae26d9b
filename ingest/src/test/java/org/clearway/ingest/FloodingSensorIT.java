package org.clearway.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A sensor publishing far above its peers' rate is throttled and flagged with a flooding alarm, while every reading
 * of the other sensors is stored; the books balance: the flooder's messages are stored or counted as rate_limited.
 */
class FloodingSensorIT {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final int NORMAL_BINS = 40;
    private static final int ROUNDS = 10;
    private static final int FLOOD = 3_000;

    @Test
    void aFloodingSensorIsThrottledAndFlaggedAndTheOthersAreStored() throws Exception {
        Instant base = Instant.now().minus(2, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
        try (IngestHarness ingest = new IngestHarness("flood", Clock.systemUTC(), Map.of()).start();
             TestSensor normal = new TestSensor(ingest, "sensors-" + ingest.clientId, base);
             TestSensor flooder = new TestSensor(ingest, "flooder-" + ingest.clientId, base)) {
            for (int b = 0; b < NORMAL_BINS; b++) {
                ingest.registerBin("n-" + b, 1000, 0);
            }
            ingest.registerBin("flood", 1000, 0);
            normal.publish("n-0", 0, 1); // the fleet is active before the flood starts

            Thread flood = Thread.ofPlatform().start(() -> flooder.publish("flood", 0, FLOOD));
            for (int round = 0; round < ROUNDS; round++) {
                for (int b = 0; b < NORMAL_BINS; b++) {
                    if (round > 0 || b > 0) {
                        normal.publish("n-" + b, round, round + 1);
                    }
                }
            }
            flood.join();

            IngestHarness.await("every normal reading stored", WAIT, () -> count(ingest,
                    "SELECT count(*) FROM readings WHERE bin_id LIKE 'n-%'") == (long) NORMAL_BINS * ROUNDS);
            IngestHarness.await("the flood accounted for", WAIT, () ->
                    count(ingest, "SELECT count(*) FROM readings WHERE bin_id = 'flood'") + rateLimited(ingest) == FLOOD);
            long stored = ingest.count("SELECT count(*) FROM readings WHERE bin_id = 'flood'");
            assertThat(stored).isGreaterThanOrEqualTo(20).isLessThan(FLOOD / 2);
            assertThat(ingest.count("SELECT count(*) FROM rejected_messages WHERE reason = 'rate_limited' AND bin_id <> 'flood'"))
                    .isZero();
            long keptRows = ingest.count("SELECT count(*) FROM rejected_messages WHERE reason = 'rate_limited'");
            assertThat(keptRows).isBetween(1L, 30L);

            IngestHarness.await("a flooding alarm", WAIT, () -> count(ingest,
                    "SELECT coalesce(sum(occurrences), 0) FROM alarms WHERE bin_id = 'flood' AND kind = 'flooding'")
                    == FLOOD - stored);
            assertThat(ingest.count("SELECT count(*) FROM alarms WHERE kind = 'flooding' AND state = 'active' "
                    + "AND source = 'rule'")).isEqualTo(1);
            assertThat(ingest.count("SELECT count(*) FROM alarms WHERE bin_id <> 'flood'")).isZero();
        }
    }

    private static long rateLimited(IngestHarness ingest) {
        var counter = ingest.registry.find("clearway.ingest.rejected").tag("reason", "rate_limited").counter();
        return counter == null ? 0 : (long) counter.count();
    }

    private static long count(IngestHarness ingest, String sql) {
        try {
            return ingest.count(sql);
        } catch (java.sql.SQLException e) {
            return -1;
        }
    }
}
