package org.clearway.lab.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Fault 4, shortened: three replicas on one shared subscription, one killed for good. Mosquitto
 * keeps giving the dead member its share while its session lives: the survivors store the rest,
 * the dead member's share waits for it (and arrives when it comes back), and a short session expiry
 * bounds the stranded share to the readings published before the session expired.
 */
class ReplicaKilledIT {
    private static final int RATE = 200;

    @BeforeAll
    static void needsMosquitto() {
        assumeTrue(Files.isExecutable(FaultTestSetup.MOSQUITTO), "no Mosquitto binary at " + FaultTestSetup.MOSQUITTO);
    }

    @Test
    void theDeadMembersShareWaitsForItsSessionAndArrivesWhenItComesBack() throws Exception {
        Figures f = ReplicaFaults.killOne(FaultTestSetup.get(), Duration.ofHours(1), true, RATE, Duration.ofSeconds(6));
        System.out.print(Figures.table(java.util.List.of(f)));
        assertThat(f.value("stranded")).as("the dead member's share, queued for its session").isPositive();
        assertThat(f.lost()).isZero();
        assertThat(f.storedTwice()).isZero();
        assertThat(f.stored()).isEqualTo(f.published());
    }

    @Test
    void aShortSessionExpiryBoundsWhatTheDeadMemberTakesWithIt() throws Exception {
        Duration expiry = Duration.ofSeconds(2);
        Figures f = ReplicaFaults.killOne(FaultTestSetup.get(), expiry, false, RATE, Duration.ofSeconds(9));
        System.out.print(Figures.table(java.util.List.of(f)));
        assertThat(f.lost()).as("stranded readings go with the expired session").isEqualTo((long) f.value("stranded"));
        assertThat(f.value("strandedLastSecondsAfterKill")).as("nothing published after the expiry is stranded")
                .isLessThan(expiry.toSeconds() + 1.5);
        assertThat(f.stored() + f.lost()).isEqualTo(f.published());
        assertThat(f.storedTwice()).isZero();
    }
}
