package org.clearway.decisions.signal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SpikeFilterTest {

    private static final Instant T0 = Instant.parse("2025-03-03T00:00:00Z");

    private final SpikeFilter filter = new SpikeFilter(25);

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = ';', value = {
            "50;            none",
            "50 90;         50",
            "50 50 97;      50",
            "50 97 50;      50",
            "50 90 91;      90",
            "97 50 51 52;   51",
            "80 81 3;       80",
            "80 3 4;        4"})
    void theDecisionLevelIsTheMedianOfTheLastThreeReadings(String readings, String expected) {
        List<FillSample> window = List.of();
        for (String pct : readings.trim().split(" +")) {
            window = filter.push(window, new FillSample(T0.plusSeconds(900L * window.size()), Double.parseDouble(pct)));
        }
        String level = filter.level(window).isPresent() ? String.valueOf((int) filter.level(window).getAsDouble()) : "none";
        assertThat(level).isEqualTo(expected.trim());
        assertThat(window).hasSizeLessThanOrEqualTo(SpikeFilter.WINDOW);
    }

    @Test
    void theCentredLevelBelongsToTheMiddleReading() {
        List<FillSample> window = window(40, 95, 42);

        assertThat(filter.centred(window)).contains(new FillSample(T0.plusSeconds(900), 42));
        assertThat(filter.middleIsSpike(window)).isTrue();
        assertThat(filter.middleIsSpike(window(40, 60, 42))).as("a jump of 20 is under the 25 counted").isFalse();
        assertThat(filter.middleIsSpike(window(40, 95, 96))).as("a jump that stays is a change").isFalse();
    }

    private static List<FillSample> window(double... pcts) {
        List<FillSample> window = new ArrayList<>();
        for (double pct : pcts) {
            window.add(new FillSample(T0.plusSeconds(900L * window.size()), pct));
        }
        return window;
    }
}
