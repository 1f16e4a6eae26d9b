package org.clearway.lab.policy;

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
            List<Double> days = city.bins().stream().filter(b -> b.stream().equals(stream)).map(SimBin::meanDaysToFull).toList();
            double median = CalendarPolicy.quantile(days, 0.5);
            assertThat(median).as(stream.code()).isCloseTo(stream.medianDaysToFull(), within(0.12 * stream.medianDaysToFull()));
        }
    }

    @Test
    void binsLieInTheCityAndInTheDistrictOfTheirQuadrant() {
        City city = city(5, 3000);
        assertThat(city.width() * city.height() / 1e6).isCloseTo(3000 / CityConfig.BINS_PER_KM2, within(0.01));
        for (SimBin bin : city.bins()) {
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
