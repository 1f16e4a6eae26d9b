package org.clearway.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class DeterminismTest {
    private final Clock clock = Clock.fixed(Instant.parse("2026-11-28T09:00:00Z"), ZoneOffset.UTC);

    private Simulation sim(long seed, int bins) {
        return Simulation.builder().seed(seed).bins(bins).maxSpeed().clock(clock).sleeper(TestClock.NO_WAIT)
                .badShare(0.2).duplicateShare(0.05).outageShare(0.01).build();
    }

    @Test
    void theSameSeedGivesTheSamePublications() {
        List<Publication> a = sim(42, 50).stream(3_000).toList();
        List<Publication> b = sim(42, 50).stream(3_000).toList();
        assertThat(a).isEqualTo(b);
        assertThat(sim(42, 50).bins()).isEqualTo(sim(42, 50).bins());
    }

    @Test
    void anotherSeedGivesOtherPublications() {
        List<String> a = sim(1, 50).stream(200).map(Publication::payloadText).toList();
        List<String> b = sim(2, 50).stream(200).map(Publication::payloadText).toList();
        assertThat(a).isNotEqualTo(b);
    }

    @Test
    void aBinBehavesTheSameWhateverTheOtherBins() {
        // A bin's streams depend on the seed and its index only, not on how many bins there are.
        Instant now = clock.instant();
        List<String> few = ofBin(sim(9, 5).streamUntil(now).toList(), "bins/sim-00003/telemetry");
        List<String> many = ofBin(sim(9, 40).streamUntil(now).toList(), "bins/sim-00003/telemetry");
        assertThat(few).hasSizeGreaterThan(100).isEqualTo(many);
    }

    private static List<String> ofBin(List<Publication> all, String topic) {
        return all.stream().filter(p -> p.topic().equals(topic)).map(Publication::payloadText).toList();
    }
}
