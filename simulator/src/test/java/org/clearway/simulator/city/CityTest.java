package org.clearway.simulator.city;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

class CityTest {

    private static City city(long seed, int bins) {
        return City.generate(new CityConfig(seed, bins, StreamSpec.defaults(), 2));
    }

    @Test
    void theSameSeedGivesTheSameCityAndAnotherSeedAnother() {
        assertThat(city(7, 500).bins()).isEqualTo(city(7, 500).bins());
        assertThat(city(8, 500).bins()).isNotEqualTo(city(7, 500).bins());
    }

    @Test
    void streamsGetTheirSharesOfTheBins() {
        City city = city(3, 3000);
        Map<String, Long> counts = city.bins().stream()
                .collect(Collectors.groupingBy(b -> b.stream().code(), Collectors.counting()));
        for (StreamSpec stream : StreamSpec.defaults()) {
            assertThat(counts.get(stream.code()) / 3000.0).as(stream.code()).isCloseTo(stream.share(), within(0.03));
        }
    }

    @Test
    void aStreamsMedianRateIsItsDaysToFull() {
        City city = city(3, 3000);
        for (StreamSpec stream : StreamSpec.defaults()) {
            List<Double> days = city.bins().stream().filter(b -> b.stream().equals(stream)).map(CityBin::meanDaysToFull).toList();
            double median = days.stream().sorted().toList().get(days.size() / 2);
            assertThat(median).as(stream.code()).isCloseTo(stream.medianDaysToFull(), within(0.12 * stream.medianDaysToFull()));
        }
    }

    @Test
    void theRegistryStreamsHaveHazardousWasteInsteadOfGlass() {
        City city = City.generate(new CityConfig(3, 3000, StreamSpec.registered(), 1));
        Map<String, Long> counts = city.bins().stream()
                .collect(Collectors.groupingBy(b -> b.stream().code(), Collectors.counting()));
        assertThat(counts.keySet()).containsExactlyInAnyOrder("residual", "recyclable", "kitchen", "hazardous");
        // shares renormalised over 0.95: hazardous 5.3 %, residual 47.4 %
        assertThat(counts.get("hazardous") / 3000.0).isCloseTo(0.05 / 0.95, within(0.015));
        assertThat(counts.get("residual") / 3000.0).isCloseTo(0.45 / 0.95, within(0.03));
    }

    @Test
    void binsLieInTheCityAndInTheDistrictOfTheirQuadrant() {
        City city = city(5, 3000);
        assertThat(city.width() * city.height() / 1e6).isCloseTo(3000 / CityConfig.BINS_PER_KM2, within(0.01));
        for (CityBin bin : city.bins()) {
            assertThat(bin.x()).isBetween(0.0, city.width());
            assertThat(bin.y()).isBetween(0.0, city.height());
            int col = bin.x() < city.width() / 2 ? 0 : 1;
            int row = bin.y() < city.height() / 2 ? 0 : 1;
            assertThat(bin.district()).isEqualTo(row * 2 + col);
        }
        assertThat(city.depots()).hasSize(4);
        assertThat(city.communities()).isEqualTo(120);
    }
}
