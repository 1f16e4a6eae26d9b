package org.clearway.ingest.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Fault 3, shortened: ingest's own Mosquitto (project configuration, persistence) restarted during
 * ingest. Gracefully (SIGTERM), with the sensors pausing until ingest is back, nothing is lost; hard
 * (SIGKILL) with the sensors going on, the loss is measured and the books balance: every reading the
 * broker acknowledged is either stored or counted lost (docs/faults.md has the figures).
 */
class BrokerRestartIT {
    @BeforeAll
    static void needsMosquitto() {
        assumeTrue(Files.isExecutable(FaultTestSetup.MOSQUITTO), "no Mosquitto binary at " + FaultTestSetup.MOSQUITTO);
    }

    @Test
    void aGracefulRestartLosesNothing() throws Exception {
        // The sensors pause from the stop until ingest is subscribed again: what the broker held is at stake.
        Figures f = BrokerFaults.restart(FaultTestSetup.get(), false, true, false, Duration.ofSeconds(60), 200,
                Duration.ofSeconds(6), Duration.ofSeconds(1));
        System.out.print(Figures.table(java.util.List.of(f)));
        assertThat(f.acknowledged()).isEqualTo(f.published());
        assertThat(f.lost()).isZero();
        assertThat(f.storedTwice()).isZero();
        assertThat(f.stored()).isEqualTo(f.published());
    }

    @Test
    void aHardKillLosesAtMostWhatTheBrokerHadNotSavedAndTheBooksBalance() throws Exception {
        Figures f = BrokerFaults.restart(FaultTestSetup.get(), true, true, true, Duration.ofSeconds(60), 200,
                Duration.ofSeconds(6), Duration.ofSeconds(1));
        System.out.print(Figures.table(java.util.List.of(f)));
        assertThat(f.acknowledged()).as("the publisher resends until the broker acknowledges").isEqualTo(f.published());
        assertThat(f.stored() + f.lost()).as("every acknowledged reading stored or counted lost").isEqualTo(f.published());
        assertThat(f.storedTwice()).isZero();
    }
}
