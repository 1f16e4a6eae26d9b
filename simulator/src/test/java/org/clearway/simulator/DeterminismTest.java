package org.clearway.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.clearway.simulator.city.City;
import org.clearway.simulator.city.CityConfig;
import org.clearway.simulator.city.StreamSpec;
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
    void theCityIsTheCityModelsCityOfTheSeedAndBins() {
        // The lab's evaluation of seed 9, 40 bins and the registry's streams runs on these very bins.
        City model = City.generate(new CityConfig(9, 40, StreamSpec.registered(), 1));
        assertThat(sim(9, 40).city().model().bins()).isEqualTo(model.bins());
        assertThat(sim(9, 40).bins()).extracting(b -> b.stream().code())
                .isEqualTo(model.bins().stream().map(b -> b.stream().code()).toList());
    }
}
