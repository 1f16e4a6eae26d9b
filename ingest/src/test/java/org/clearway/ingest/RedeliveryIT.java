package org.clearway.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.clearway.testsupport.FakeClock;
import org.junit.jupiter.api.Test;

/** Redelivery is normal, not an error: however often a reading arrives, it is stored once. */
class RedeliveryIT {
    private static final Duration WAIT = Duration.ofSeconds(60);

    @Test
    void everyMessageDeliveredThreeTimesIsStoredOnce() throws Exception {
        Instant now = Instant.parse("2026-11-28T09:00:00Z");
        try (IngestHarness ingest = new IngestHarness("thrice", FakeClock.at(now), Map.of()).start();
             TestSensor sensor = new TestSensor(ingest, "sensor-thrice", now.minus(Duration.ofHours(2)))) {
            ingest.registerBin("bin-t", 1000, 0);
            for (int copy = 0; copy < 3; copy++) {
                sensor.publish("bin-t", 0, 300);
            }
            IngestHarness.await("900 readings through the pipeline", WAIT,
                    () -> ingest.counter("clearway.ingest.readings.stored")
                            + ingest.counter("clearway.ingest.readings.duplicate") == 900);
            assertThat(ingest.count("SELECT count(*) FROM readings WHERE bin_id = 'bin-t'")).isEqualTo(300);
            assertThat(ingest.counter("clearway.ingest.readings.duplicate")).isEqualTo(600);
        }
    }

    @Test
    void aBatchReplayedAnHourLaterIsStoredOnceAndDoesNotMoveTheStateBack() throws Exception {
        FakeClock clock = FakeClock.at(Instant.parse("2026-11-28T09:00:00Z"));
        try (IngestHarness ingest = new IngestHarness("replay", clock, Map.of()).start();
             TestSensor sensor = new TestSensor(ingest, "sensor-replay", Instant.parse("2026-11-28T08:00:00Z"))) {
            ingest.registerBin("bin-r", 1000, 0);
            byte[] batch = ("[{\"ts\":\"2026-11-28T07:00:00Z\",\"fill\":40},{\"ts\":\"2026-11-28T07:30:00Z\",\"fill\":45},"
                    + "{\"ts\":\"2026-11-28T08:00:00Z\",\"fill\":50}]").getBytes(StandardCharsets.UTF_8);
            sensor.publishRaw("bin-r", batch);
            IngestHarness.await("3 readings", WAIT, () -> count(ingest, "bin-r") == 3);
            clock.advance(Duration.ofHours(1));
            sensor.publishRaw("bin-r", "{\"ts\":\"2026-11-28T08:55:00Z\",\"fill\":60}".getBytes(StandardCharsets.UTF_8));
            IngestHarness.await("4 readings", WAIT, () -> count(ingest, "bin-r") == 4);
            sensor.publishRaw("bin-r", batch);
            IngestHarness.await("the replay processed", WAIT,
                    () -> ingest.counter("clearway.ingest.readings.duplicate") == 3);
            assertThat(count(ingest, "bin-r")).isEqualTo(4);
            assertThat(ingest.count("SELECT round(fill_pct) FROM bin_state WHERE bin_id = 'bin-r'")).isEqualTo(60);
        }
    }

    private static long count(IngestHarness ingest, String binId) {
        try {
            return ingest.count("SELECT count(*) FROM readings WHERE bin_id = ?", binId);
        } catch (java.sql.SQLException e) {
            return -1;
        }
    }
}
