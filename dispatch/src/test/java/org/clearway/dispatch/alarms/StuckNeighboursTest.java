package org.clearway.dispatch.alarms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import org.clearway.decisions.BinState;
import org.clearway.decisions.PolicyConfig;
import org.clearway.decisions.forecast.ForecastState;
import org.clearway.decisions.signal.FillSample;
import org.clearway.decisions.signal.StuckSensorDetector;
import org.clearway.decisions.signal.ThresholdRule;
import org.junit.jupiter.api.Test;

class StuckNeighboursTest {

    private static final Instant T0 = Instant.parse("2026-11-26T00:00:00Z");
    private static final Duration STUCK_AFTER = Duration.ofHours(48);
    private static final StuckSensorDetector DETECTOR = PolicyConfig.defaults().stuckSensorDetector();

    private static BinState watching(StuckSensorDetector.Watch watch) {
        return new BinState("b", T0, List.of(), 30.0, ThresholdRule.rearm(), false, ForecastState.initial(), null, watch,
                Set.of(), null);
    }

    private static List<FillSample> fills(double... pcts) {
        List<FillSample> samples = new java.util.ArrayList<>();
        for (int i = 0; i < pcts.length; i++) {
            samples.add(new FillSample(T0.plus(Duration.ofHours(12L * i)), pcts[i]));
        }
        return samples;
    }

    @Test
    void aBinIsACandidateOnlyOnceFlatForTheWholeWindowAndNotYetFlagged() {
        StuckSensorDetector.Watch flat = new StuckSensorDetector.Watch(T0, 30, false);

        assertThat(StuckNeighbours.candidate(watching(flat), T0.plus(STUCK_AFTER), STUCK_AFTER)).isTrue();
        assertThat(StuckNeighbours.candidate(watching(flat), T0.plus(STUCK_AFTER).minusSeconds(1), STUCK_AFTER)).isFalse();
        assertThat(StuckNeighbours.candidate(watching(new StuckSensorDetector.Watch(T0, 30, true)),
                T0.plus(STUCK_AFTER), STUCK_AFTER)).as("already flagged").isFalse();
        assertThat(StuckNeighbours.candidate(watching(null), T0.plus(STUCK_AFTER), STUCK_AFTER)).as("no level yet").isFalse();
    }

    @Test
    void theMedianRiseNeedsTwoNeighboursWithTwoReadingsEach() {
        assertThat(StuckNeighbours.medianRise(DETECTOR, List.of(fills(10, 40, 70)))).isEmpty();
        assertThat(StuckNeighbours.medianRise(DETECTOR, List.of(fills(10, 40, 70), fills(50)))).isEmpty();
        assertThat(StuckNeighbours.medianRise(DETECTOR, List.of(fills(10, 40, 70), fills(20, 40)))).hasValue(40);
    }

    @Test
    void risingNeighboursRiseAndFlatOnesDoNotWhileAnEmptyingIsNoNegativeFill() {
        assertThat(StuckNeighbours.medianRise(DETECTOR, List.of(fills(10, 30, 50), fills(20, 35, 60), fills(5, 25, 45)))
                .getAsDouble()).isCloseTo(40, within(1e-9));
        assertThat(StuckNeighbours.medianRise(DETECTOR, List.of(fills(40, 41, 40), fills(20, 21, 20))).getAsDouble())
                .isCloseTo(0, within(1e-9));
        assertThat(StuckNeighbours.medianRise(DETECTOR, List.of(fills(60, 80, 5, 25), fills(60, 80, 5, 25))).getAsDouble())
                .as("20 up, emptied, 20 up").isCloseTo(40, within(1e-9));
    }
}
