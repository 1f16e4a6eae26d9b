package org.clearway.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.clearway.core.mqtt.PahoMqttSession;
import org.clearway.ingest.store.ParkedReplay;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A sensor publishing 3,000 messages in a burst among 40 normal sensors is flagged with a flooding alarm, while every
 * reading of the other sensors is stored. Nothing valid is lost: the flooder's readings are stored up to the hard
 * ceiling per window and parked whole in rejected_messages ({@code rate_limited}) beyond it, and the books balance:
 * stored + parked = sent. The replay path then stores the parked ones.
 */
@Timeout(180)
class FloodingSensorIT {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final int NORMAL_BINS = 40;
    private static final int ROUNDS = 10;
    private static final int FLOOD = 3_000;
    private static final String PARKED_ROWS =
            "SELECT count(*) FROM rejected_messages WHERE bin_id = 'flood' AND reason = 'rate_limited'";

    @Test
    void aFloodingSensorIsFlaggedAndNothingValidIsLost() throws Exception {
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
            IngestHarness.await("the flood accounted for: every message stored or parked whole", WAIT, () ->
                    count(ingest, "SELECT count(*) FROM readings WHERE bin_id = 'flood'")
                            + count(ingest, PARKED_ROWS) == FLOOD);
            long stored = ingest.count("SELECT count(*) FROM readings WHERE bin_id = 'flood'");
            long parked = ingest.count(PARKED_ROWS);
            // a burst of one sensor fills its window far past the hard ceiling (1,000 per window by default)
            assertThat(stored).isGreaterThanOrEqualTo(1_000);
            assertThat(parked).isPositive();
            // each parked message is its own row with its raw payload: distinct payloads are never merged
            assertThat(ingest.count("SELECT coalesce(sum(occurrences), 0) FROM rejected_messages "
                    + "WHERE reason = 'rate_limited'")).isEqualTo(parked);
            assertThat(ingest.count("SELECT count(DISTINCT payload) FROM rejected_messages WHERE reason = 'rate_limited' "
                    + "AND item_index = -1 AND convert_from(payload, 'UTF8') LIKE '{\"ts\":%\"seq\":%}'")).isEqualTo(parked);
            assertThat(rateLimited(ingest)).isEqualTo(parked);
            assertThat(ingest.count("SELECT count(*) FROM rejected_messages WHERE reason = 'rate_limited' AND bin_id <> 'flood'"))
                    .isZero();

            IngestHarness.await("a flooding alarm counting the messages over the limit", WAIT, () -> count(ingest,
                    "SELECT coalesce(sum(occurrences), 0) FROM alarms WHERE bin_id = 'flood' AND kind = 'flooding'")
                    >= parked + 1);
            assertThat(ingest.count("SELECT count(*) FROM alarms WHERE kind = 'flooding' AND state = 'active' "
                    + "AND source = 'rule'")).isEqualTo(1);
            assertThat(ingest.count("SELECT count(*) FROM alarms WHERE bin_id <> 'flood'")).isZero();

            // the documented replay path stores every parked reading and empties the parking
            ParkedReplay.Outcome replayed;
            try (PahoMqttSession relayOn = ingest.publisher(ingest.brokerUri, ingest.clientId + "-replay")) {
                replayed = ingest.parkedReplay(relayOn, Duration.ofSeconds(30))
                        .replay(null, 500);
            }
            assertThat(replayed.messages()).isEqualTo(parked);
            assertThat(replayed.stored()).isEqualTo(parked);
            assertThat(ingest.count("SELECT count(*) FROM readings WHERE bin_id = 'flood'")).isEqualTo(FLOOD);
            assertThat(ingest.count(PARKED_ROWS)).isZero();
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
