package org.clearway.decisions.signal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.clearway.decisions.signal.EmptyingDetector.Emptying;
import org.junit.jupiter.api.Test;

class EmptyingAndStuckRulesTest {

    private static final Instant T0 = Instant.parse("2025-03-03T00:00:00Z");

    private final EmptyingDetector emptying = new EmptyingDetector(40, 15);
    private final StuckSensorDetector stuck = new StuckSensorDetector(Duration.ofHours(48), 2, 15, emptying);

    @Test
    void anEmptyingNeedsAboveFortyBeforeAndBelowFifteenAfter() {
        assertThat(emptying.isDrop(41, 14)).isTrue();
        assertThat(emptying.isDrop(40, 5)).as("not above 40").isFalse();
        assertThat(emptying.isDrop(90, 15)).as("not below 15").isFalse();
        assertThat(emptying.detect(null, 3, samples(3))).isEmpty();
    }

    @Test
    void anEmptyingIsDatedAtTheFirstLowReadingOfTheWindow() {
        List<FillSample> window = samples(85, 4, 6);

        assertThat(emptying.detect(85.0, 6, window)).contains(new Emptying(window.get(1).at(), 85, 6));
    }

    @Test
    void aNeighboursRiseLeavesOutItsEmptyingsAndLetsNoiseCancel() {
        List<FillSample> filledEmptiedFilled = samples(50, 52, 51, 70, 5, 6, 20);

        assertThat(stuck.rise(filledEmptiedFilled)).isEqualTo((70 - 50) + (20 - 5));
        assertThat(stuck.medianRise(List.of(samples(10, 30), samples(10, 12), samples(0, 40), samples(7))))
                .hasValue(20);
        assertThat(stuck.medianRise(List.of())).isEmpty();
    }

    private static List<FillSample> samples(double... pcts) {
        List<FillSample> samples = new ArrayList<>();
        for (double pct : pcts) {
            samples.add(new FillSample(T0.plus(Duration.ofMinutes(15L * samples.size())), pct));
        }
        return samples;
    }
}
