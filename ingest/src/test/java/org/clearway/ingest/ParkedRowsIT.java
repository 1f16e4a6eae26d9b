package org.clearway.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
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
 * A parked message is never merged into another rejection of the same payload: a sensor's reading first rejected as
 * {@code unknown_bin} (sent before its bin was registered) and sent again in a flood beyond the ceiling, after the
 * registration, is parked in a row of its own ({@code rate_limited}, the raw payload), and the replay stores it.
 */
@Timeout(120)
class ParkedRowsIT {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final int CEILING = 25;

    @Test
    void aPayloadRejectedForAnotherReasonBeforeIsStillParkedInItsOwnRowAndReplayed() throws Exception {
        Instant base = Instant.now().minus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
        try (IngestHarness ingest = new IngestHarness("parked", Clock.systemUTC(),
                Map.of("CLEARWAY_INGEST_SENSOR_CEILING", Integer.toString(CEILING))).start();
             TestSensor normal = new TestSensor(ingest, "sensors-" + ingest.clientId, base);
             TestSensor sensor = new TestSensor(ingest, "late-" + ingest.clientId, base)) {
            byte[] early = ("{\"ts\":\"" + base + "\",\"fill\":42,\"seq\":0}").getBytes(StandardCharsets.UTF_8);
            sensor.publishRaw("late", early);
            IngestHarness.await("the early reading rejected as unknown_bin", WAIT, () -> count(ingest,
                    "SELECT count(*) FROM rejected_messages WHERE bin_id = 'late' AND reason = 'unknown_bin'") == 1);

            for (int b = 0; b < 10; b++) {
                ingest.registerBin("n-" + b, 1000, 0);
            }
            ingest.registerBin("late", 1000, 0);
            Thread.sleep(11_000); // ingest looks an unknown bin up again after 5 s; its 10 s window starts afresh
            for (int b = 0; b < 10; b++) {
                normal.publish("n-" + b, 0, 1);
            }
            for (int i = 1; i <= CEILING; i++) {
                sensor.publishRaw("late", ("{\"ts\":\"" + base.plusSeconds(i) + "\",\"fill\":42,\"seq\":" + i + "}")
                        .getBytes(StandardCharsets.UTF_8));
            }
            sensor.publishRaw("late", early); // the sensor replays its buffer: beyond the ceiling, parked

            IngestHarness.await("the ceiling's readings stored", WAIT, () ->
                    count(ingest, "SELECT count(*) FROM readings WHERE bin_id = 'late'") == CEILING);
            IngestHarness.await("the early reading parked in a row of its own", WAIT, () -> count(ingest,
                    "SELECT count(*) FROM rejected_messages WHERE bin_id = 'late' AND reason = 'rate_limited'") == 1);
            assertThat(ingest.count("SELECT occurrences FROM rejected_messages WHERE bin_id = 'late' "
                    + "AND reason = 'unknown_bin'")).isEqualTo(1);

            ParkedReplay.Outcome replayed;
            try (PahoMqttSession relayOn = ingest.publisher(ingest.brokerUri, ingest.clientId + "-replay")) {
                replayed = ingest.parkedReplay(relayOn, Duration.ofSeconds(30))
                        .replay("late", 100);
            }
            assertThat(replayed.stored()).isEqualTo(1);
            assertThat(ingest.count("SELECT count(*) FROM readings WHERE bin_id = 'late'")).isEqualTo(CEILING + 1);
            assertThat(ingest.count("SELECT count(*) FROM rejected_messages WHERE reason = 'rate_limited'")).isZero();
        }
    }

    private static long count(IngestHarness ingest, String sql) {
        try {
            return ingest.count(sql);
        } catch (java.sql.SQLException e) {
            return -1;
        }
    }
}
