package org.clearway.lab.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Fault 1, shortened (the command runs it at full size): the database cut for 5 s during steady
 * QoS 1 ingest. Nothing new is stored while it is down, ingest never holds more than its Receive
 * Maximum unacknowledged, and afterwards nothing is lost or stored twice.
 */
class DatabaseCutIT {
    @Test
    void nothingAcknowledgedWhileDownAndNothingLostAfter() throws Exception {
        Figures f = DatabaseFaults.cut(FaultTestSetup.get(), 200, Duration.ofSeconds(2), Duration.ofSeconds(5),
                Duration.ofSeconds(2));
        System.out.print(Figures.table(java.util.List.of(f)));
        assertThat(f.value("storedWhileDown")).isZero();
        assertThat(f.value("storeFailures")).as("commits failed while down").isPositive();
        assertThat(f.value("inflightMax")).isLessThanOrEqualTo(DatabaseFaults.RECEIVE_MAXIMUM);
        assertThat(f.value("backlogMax")).isLessThanOrEqualTo(DatabaseFaults.RECEIVE_MAXIMUM);
        assertThat(f.lost()).isZero();
        assertThat(f.storedTwice()).isZero();
        assertThat(f.stored()).isEqualTo(f.published());
    }
}
