package org.clearway.lab.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;

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
        WasteGenerator waste = new WasteGenerator(city, 4);
        int days = 28;
        double[] total = new double[city.bins().size()];
        for (int day = 0; day < days; day++) {
            waste.startDay(day);
            for (int step = day * Schedule.STEPS_PER_DAY; step < (day + 1) * Schedule.STEPS_PER_DAY; step++) {
                for (int i = 0; i < total.length; i++) {
                    total[i] += waste.waste(i, step);
                }
            }
        }
        double expected = 0;
        double received = 0;
        for (SimBin bin : city.bins()) {
            expected += bin.ratePctPerHour() * 24 * days;
            received += total[bin.index()];
        }
        // events add 2 % of days x 6 h x 2 extra: about 1 % more than the mean rate
        assertThat(received / expected).isCloseTo(1.01, within(0.03));
    }

    @Test
    void theSameSeedGivesTheSameWasteAndReadings() {
        assertThat(trace()).isEqualTo(trace());
    }

    @Test
    void eachSensorReportsOncePerPeriodWithinZeroToHundred() {
        WasteGenerator waste = new WasteGenerator(city, 4);
        for (int bin = 0; bin < 10; bin++) {
            int reports = 0;
            for (int step = 0; step < Schedule.STEPS_PER_DAY; step++) {
                reports += waste.reports(bin, step) ? 1 : 0;
            }
            assertThat(reports).isEqualTo(24);
            for (int k = 0; k < 200; k++) {
                assertThat(waste.read(bin, 99.5)).isBetween(0.0, 100.0);
                assertThat(waste.read(bin, 0.2)).isBetween(0.0, 100.0);
            }
        }
    }

    private List<Double> trace() {
        WasteGenerator waste = new WasteGenerator(city, 4);
        List<Double> out = new ArrayList<>();
        waste.startDay(0);
        for (int step = 0; step < Schedule.STEPS_PER_DAY; step++) {
            out.add(waste.waste(step % 200, step));
            out.add(waste.read(step % 200, 50));
        }
        return out;
    }
}
