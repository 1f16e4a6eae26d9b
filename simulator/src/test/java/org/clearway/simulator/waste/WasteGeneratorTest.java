package org.clearway.simulator.waste;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import org.clearway.simulator.city.City;
import org.clearway.simulator.city.CityBin;
import org.clearway.simulator.city.CityConfig;
import org.clearway.simulator.city.StreamSpec;
import org.junit.jupiter.api.Test;

class WasteGeneratorTest {

    private final City city = City.generate(new CityConfig(11, 200, StreamSpec.defaults(), 1));

    @Test
    void everyStreamsWeekAveragesOne() {
        for (StreamSpec stream : StreamSpec.defaults()) {
            WastePattern pattern = WastePattern.of(stream.code());
            double sum = 0;
            for (int h = 0; h < WastePattern.HOURS_PER_WEEK; h++) {
                sum += pattern.factor(h);
            }
            assertThat(sum / WastePattern.HOURS_PER_WEEK).isCloseTo(1.0, within(1e-9));
            assertThat(pattern.factor(5 * 24 + 19)).as("Saturday evening over Tuesday night")
                    .isGreaterThan(4 * pattern.factor(24 + 3));
        }
    }

    @Test
    void binsReceiveTheirMeanRateOverWeeks() {
        WasteGenerator waste = new WasteGenerator(city);
        int days = 28;
        double[] total = new double[city.bins().size()];
        for (int day = 0; day < days; day++) {
            waste.startDay(day);
            for (int step = day * WasteGenerator.STEPS_PER_DAY; step < (day + 1) * WasteGenerator.STEPS_PER_DAY; step++) {
                for (int i = 0; i < total.length; i++) {
                    total[i] += waste.waste(i, step);
                }
            }
        }
        double expected = 0;
        double received = 0;
        for (CityBin bin : city.bins()) {
            expected += bin.ratePctPerHour() * 24 * days;
            received += total[bin.index()];
        }
        // events add 2 % of days x 6 h x 2 extra: about 1 % more than the mean rate
        assertThat(received / expected).isCloseTo(1.01, within(0.03));
    }

    @Test
    void theSameSeedGivesTheSameWaste() {
        assertThat(trace(new WasteGenerator(city))).isEqualTo(trace(new WasteGenerator(city)));
        City other = City.generate(new CityConfig(12, 200, StreamSpec.defaults(), 1));
        assertThat(trace(new WasteGenerator(other))).isNotEqualTo(trace(new WasteGenerator(city)));
    }

    @Test
    void aBinsWasteDoesNotDependOnWhenTheOtherBinsAskForTheirs() {
        // The lab asks step by step for every bin; the live simulator bin by bin as each sensor reports.
        WasteGenerator byStep = new WasteGenerator(city);
        WasteGenerator byBin = new WasteGenerator(city);
        int steps = 3 * WasteGenerator.STEPS_PER_DAY;
        double[][] a = new double[city.bins().size()][steps];
        for (int step = 0; step < steps; step++) {
            for (int bin = 0; bin < a.length; bin++) {
                a[bin][step] = byStep.waste(bin, step);
            }
        }
        for (int bin = a.length - 1; bin >= 0; bin--) {
            for (int step = 0; step < steps; step++) {
                assertThat(byBin.waste(bin, step)).isEqualTo(a[bin][step]);
            }
        }
    }

    @Test
    void eventsTripleACommunitysWasteForSixHours() {
        // Over 60 days each community has about 1.2 events; the bins of a community with one get 3x in 24 steps.
        WasteGenerator waste = new WasteGenerator(city);
        CommunityEvents events = new CommunityEvents(city.config().seed(), city.communities());
        int days = 60;
        int eventSteps = 0;
        for (int c = 0; c < city.communities(); c++) {
            for (int step = 0; step < days * WasteGenerator.STEPS_PER_DAY; step++) {
                eventSteps += events.during(c, step) ? 1 : 0;
            }
        }
        assertThat(eventSteps % (CommunityEvents.HOURS * WasteGenerator.STEPS_PER_HOUR)).isZero();
        assertThat(eventSteps / 24.0 / (city.communities() * days)).isCloseTo(CommunityEvents.PROBABILITY, within(0.012));
        assertThat(waste.waste(0, 0)).isPositive();
    }

    private List<Double> trace(WasteGenerator waste) {
        List<Double> out = new ArrayList<>();
        waste.startDay(0);
        for (int step = 0; step < WasteGenerator.STEPS_PER_DAY; step++) {
            for (int bin = 0; bin < 200; bin++) {
                out.add(waste.waste(bin, step));
            }
        }
        return out;
    }
}
