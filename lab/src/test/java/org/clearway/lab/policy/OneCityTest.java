package org.clearway.lab.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.clearway.simulator.city.City;
import org.clearway.simulator.city.CityConfig;
import org.clearway.simulator.city.StreamSpec;
import org.clearway.simulator.model.Sleeper;

/** The lab evaluates the live simulator's city: one city model, in the simulator module. */
class OneCityTest {

    @Test
    void theLabsCityWithTheRegistryStreamsIsTheLiveSimulatorsCity() {
        Clock clock = Clock.fixed(Instant.parse("2026-11-28T09:00:00Z"), ZoneOffset.UTC);
        org.clearway.simulator.Simulation live = org.clearway.simulator.Simulation.builder().seed(3).bins(250)
                .maxSpeed().clock(clock).sleeper(Sleeper.SYSTEM).build();
        // What PolicyEvaluation --seed 3 --bins 250 --streams residual,recyclable,kitchen,hazardous generates.
        City lab = City.generate(new CityConfig(3, 250, List.of(StreamSpec.defaults().get(0),
                StreamSpec.defaults().get(1), StreamSpec.defaults().get(2), StreamSpec.HAZARDOUS), 2));
        assertThat(live.city().model().bins()).isEqualTo(lab.bins());
        assertThat(live.city().model().depots()).isEqualTo(lab.depots());
        assertThat(live.bins()).extracting(b -> b.stream().code())
                .isEqualTo(lab.bins().stream().map(b -> b.stream().code()).toList());
    }
}
