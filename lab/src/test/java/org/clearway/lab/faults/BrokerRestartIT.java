package org.clearway.lab.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Fault 3, shortened: ingest's own Mosquitto (project configuration, persistence) restarted during
 * ingest. Gracefully (SIGTERM) on a plain subscription, with the sensors going on through the outage
 * and back before ingest, nothing is lost: Mosquitto saves the subscription with the session and
 * queues the gap for it. Gracefully with the sensors pausing until ingest is back, nothing is lost in
 * a share group either. Hard (SIGKILL) with the sensors going on, the loss is measured and the books
 * balance: every reading the broker acknowledged is either stored or counted lost (docs/faults.md).
 */
class BrokerRestartIT {
    private static final Duration AUTOSAVE = Duration.ofSeconds(60);

    @BeforeAll
    static void needsMosquitto() {
        assumeTrue(Files.isExecutable(FaultTestSetup.MOSQUITTO), "no Mosquitto binary at " + FaultTestSetup.MOSQUITTO);
    }

    private static Figures restart(boolean hard, boolean shared, boolean sensorsGoOn) throws Exception {
        Figures f = BrokerFaults.restart(FaultTestSetup.get(), new BrokerFaults.Restart(hard, shared, sensorsGoOn, AUTOSAVE),
                200, Duration.ofSeconds(6), Duration.ofSeconds(1));
        System.out.print(Figures.table(java.util.List.of(f)));
        assertThat(f.acknowledged()).as("the publisher resends until the broker acknowledges").isEqualTo(f.published());
        assertThat(f.storedTwice()).isZero();
        return f;
    }

    @Test
    void aGracefulRestartWithSensorsGoingOnLosesNothingOnAPlainSubscription() throws Exception {
        Figures f = restart(false, false, true);
        assertThat(f.value("gap")).as("readings the restarted broker acknowledged before ingest was back")
                .isGreaterThanOrEqualTo(200);
        assertThat(f.lost()).isZero();
        assertThat(f.stored()).isEqualTo(f.published());
    }

    @Test
    void aGracefulRestartWithSensorsPausingLosesNothingInAShareGroup() throws Exception {
        Figures f = restart(false, true, false);
        assertThat(f.lost()).isZero();
        assertThat(f.stored()).isEqualTo(f.published());
    }

    @Test
    void aHardKillLosesAtMostWhatTheBrokerHadNotSavedAndTheBooksBalance() throws Exception {
        Figures f = restart(true, false, true);
        assertThat(f.stored() + f.lost()).as("every acknowledged reading stored or counted lost").isEqualTo(f.published());
    }
}
