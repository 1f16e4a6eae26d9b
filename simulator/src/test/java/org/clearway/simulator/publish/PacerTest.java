package org.clearway.simulator.publish;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PacerTest {
    private long now;
    private final List<Long> sleeps = new ArrayList<>();

    private Pacer pacer(double rate) {
        return new Pacer(rate, () -> now, nanos -> {
            sleeps.add(nanos);
            now += nanos;
        });
    }

    @Test
    void spacesMessagesEvenly() throws InterruptedException {
        Pacer pacer = pacer(1_000);
        for (int i = 0; i < 5; i++) {
            pacer.await();
        }
        assertThat(sleeps).containsExactly(1_000_000L, 1_000_000L, 1_000_000L, 1_000_000L);
        assertThat(now).isEqualTo(4_000_000L);
    }

    @Test
    void catchesUpAfterAShortDelayButDoesNotBurstAfterAStall() throws InterruptedException {
        Pacer pacer = pacer(100);
        pacer.await();
        now += 25_000_000L;  // 2.5 periods late: the next two go at once, then the rhythm resumes
        pacer.await();
        pacer.await();
        assertThat(sleeps).isEmpty();
        pacer.await();
        assertThat(sleeps).containsExactly(5_000_000L);
        now += 5_000_000_000L;  // a stall of 5 s: start afresh
        sleeps.clear();
        pacer.await();
        pacer.await();
        assertThat(sleeps).containsExactly(10_000_000L);
    }

    @Test
    void noRateNeverWaits() throws InterruptedException {
        Pacer pacer = pacer(0);
        for (int i = 0; i < 100; i++) {
            pacer.await();
        }
        assertThat(sleeps).isEmpty();
    }
}
