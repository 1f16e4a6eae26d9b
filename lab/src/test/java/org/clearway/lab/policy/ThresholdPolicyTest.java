package org.clearway.lab.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.clearway.decisions.PolicyConfig;
import org.junit.jupiter.api.Test;

import org.clearway.simulator.city.City;

class ThresholdPolicyTest {

    private final City city = TestCities.residual(new double[][] {{100, 100}, {200, 100}, {300, 100}}, 1);
    private final ThresholdPolicy policy = new ThresholdPolicy(city, PolicyConfig.defaults().thresholds());
    private final PlanningDay monday = PlanningDay.of(7);
    private final Instant t0 = Schedule.dayStart(6);

    @Test
    void selectsTheBinsWhoseLastReadingReachedTheThresholdWithTheFirstCrossingAsDecision() {
        assertThat(policy.thresholdOf(0)).isEqualTo(80.0);
        read(0, 0, 79.9);
        read(0, 1, 80.0);
        read(0, 2, 85);
        read(1, 2, 79);
        read(2, 1, 95);
        read(2, 2, 70);
        assertThat(policy.select(monday)).containsExactly(new Selection(0, t0.plusSeconds(3600)));
    }

    @Test
    void aDipBelowTheThresholdRestartsTheJobAndAnEmptyingClearsIt() {
        read(0, 0, 82);
        read(0, 1, 78);
        read(0, 2, 81);
        assertThat(policy.select(monday)).containsExactly(new Selection(0, t0.plusSeconds(2 * 3600)));
        policy.emptied(city.bins().get(0), t0.plusSeconds(3 * 3600));
        assertThat(policy.select(monday)).isEmpty();
    }

    private void read(int bin, int hour, double fill) {
        policy.reading(city.bins().get(bin), t0.plusSeconds(hour * 3600L), fill);
    }
}
