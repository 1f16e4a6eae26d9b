package org.clearway.lab.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Fault 5, shortened: every database answer held 400 ms, so a commit takes over a second, while
 * readings arrive faster than ingest commits them. The MQTT connection stays up, the heap stays
 * flat, ingest never holds more unacknowledged messages than its Receive Maximum (the session keeps the
 * bound itself: Mosquitto 2.0.11 sends past it once acknowledgements flow, docs/faults.md fault 5), and once
 * the database is quick again everything is stored once.
 */
class SlowDatabaseIT {
    @Test
    void aSlowDatabaseKeepsTheConnectionUpTheHeapFlatAndLosesNothing() throws Exception {
        Figures f = DatabaseFaults.slow(FaultTestSetup.get(), 200, Duration.ofSeconds(8), Duration.ofMillis(400));
        System.out.print(Figures.table(java.util.List.of(f)));
        assertThat(f.value("commitMaxSeconds")).as("commits took seconds").isGreaterThan(1.0);
        assertThat(f.value("connectedMin")).as("broker connection up throughout").isEqualTo(1.0);
        assertThat(f.value("heapAfterMb") - f.value("heapBeforeMb")).as("heap growth, MB").isLessThan(64);
        System.out.printf("backlog max %.0f, unacknowledged max %.0f, Receive Maximum %d%n", f.value("backlogMax"),
                f.value("inflightMax"), DatabaseFaults.RECEIVE_MAXIMUM);
        // Before the session kept the bound itself: backlog 900 to 1,140 here (4,566 at full size) for 300.
        assertThat(f.value("inflightMax")).as("unacknowledged in ingest").isLessThanOrEqualTo(DatabaseFaults.RECEIVE_MAXIMUM);
        assertThat(f.value("backlogMax")).as("backlog").isLessThanOrEqualTo(DatabaseFaults.RECEIVE_MAXIMUM);
        assertThat(f.lost()).isZero();
        assertThat(f.storedTwice()).isZero();
        assertThat(f.stored()).isEqualTo(f.published());
    }
}
