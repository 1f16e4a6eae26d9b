package org.clearway.lab.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;

import org.clearway.decisions.PolicyConfig;
import org.clearway.decisions.rounds.BinRisk;
import org.clearway.decisions.rounds.RiskRules;
import org.junit.jupiter.api.Test;

import org.clearway.simulator.city.City;

class ForecastRiskPolicyTest {

    /** Bin 0 fills fast; bins 1 and 2 are 70 % full and fill slowly, bin 1 next to bin 0, bin 2 far away. */
    private final City city = TestCities.residual(new double[][] {{1000, 1000}, {1100, 1100}, {1500, 1900}}, 1);
    private final ForecastRiskPolicy policy = new ForecastRiskPolicy(city, PolicyConfig.defaults(), RiskRules.BASIC);
    /** A round day of district 0's residual trucks (Monday, Wednesday, Friday); the next round is Friday. */
    private final PlanningDay wednesday = PlanningDay.of(2);

    @Test
    void onARoundDayABinForecastFullBeforeTheNextRoundIsAtRiskAndItsNeighbourAbove60GoesAlong() {
        feed(new double[] {20, 70, 70}, new double[] {1.5, 0.1, 0.1});
        assertThat(policy.state(0).forecast()).isNotNull();
        assertThat(policy.state(1).forecast()).isNotNull();
        List<Selection> selected = policy.select(wednesday);
        assertThat(selected).containsExactly(new Selection(0, wednesday.planAt()), new Selection(1, null));
    }

    @Test
    void aSlowBinIsNotAtRiskEvenAboveTheThreshold() {
        feed(new double[] {85, 85, 10}, new double[] {0.05, 0.05, 0.05});
        assertThat(BinRisk.level(policy.state(0))).isGreaterThan(80);
        assertThat(policy.select(wednesday)).isEmpty();
    }

    @Test
    void theJobKeepsTheFirstPlanningThatSelectedTheBinUntilItIsEmptied() {
        feed(new double[] {20, 10, 10}, new double[] {1.5, 0.1, 0.1});
        Instant first = policy.select(wednesday).get(0).decidedAt();
        PlanningDay thursday = PlanningDay.of(3);
        // Thursday is between rounds, but the bin is forecast full before Friday's round starts: urgent
        assertThat(policy.select(thursday)).containsExactly(new Selection(0, first));
        policy.emptied(city.bins().get(0), thursday.planAt());
        assertThat(policy.select(thursday)).containsExactly(new Selection(0, thursday.planAt()));
    }

    @Test
    void betweenRoundsOnlyBinsLikelyToOverflowBeforeTheNextRoundSendTheTruck() {
        PlanningDay thursday = PlanningDay.of(3);
        Instant start = thursday.planAt().minusSeconds(36 * 3600);
        for (int h = 0; h <= 35; h++) {
            policy.reading(city.bins().get(0), start.plusSeconds(h * 3600L), 30 + 1.5 * h);
            policy.reading(city.bins().get(1), start.plusSeconds(h * 3600L), 1.2 * h);
        }
        // bin 0 is full tonight; bin 1 (42 %) on Saturday, after Friday's round, where it is at risk
        assertThat(policy.select(thursday)).containsExactly(new Selection(0, thursday.planAt()));
        assertThat(policy.select(PlanningDay.of(4))).extracting(Selection::bin).containsExactly(0, 1);
    }

    @Test
    void groupsMakeTheirRoundsOnAlternateWorkingDays() {
        assertThat(policy.rounds().roundOffset(0)).isZero();
        List<Integer> rounds = new java.util.ArrayList<>();
        for (int day = 0; day < 14; day++) {
            if (Schedule.workingDay(day) && GroupRounds.roundDay(day, 0, 2)) {
                rounds.add(day);
            }
        }
        assertThat(rounds).containsExactly(0, 2, 4, 7, 9, 11);
        assertThat(GroupRounds.nextRound(4, 0, 2)).isEqualTo(7);
        assertThat(GroupRounds.nextRound(5, 1, 2)).isEqualTo(8);
    }

    @Test
    void withoutAForecastTheThresholdDecides() {
        Instant t = wednesday.planAt().minusSeconds(4 * 3600);
        for (int k = 0; k < 3; k++) {
            policy.reading(city.bins().get(0), t.plusSeconds(k * 3600L), 85);
            policy.reading(city.bins().get(1), t.plusSeconds(k * 3600L), 75);
        }
        assertThat(policy.state(0).forecast()).isNull();
        assertThat(policy.select(wednesday)).extracting(Selection::bin).containsExactly(0, 1);
    }

    /** Hourly readings over the 36 hours before the planning, from the given levels at the given rates. */
    private void feed(double[] from, double[] ratePerHour) {
        Instant start = wednesday.planAt().minusSeconds(36 * 3600);
        for (int h = 0; h <= 35; h++) {
            for (int bin = 0; bin < from.length; bin++) {
                double level = Math.min(100, from[bin] + ratePerHour[bin] * h);
                policy.reading(city.bins().get(bin), start.plusSeconds(h * 3600L), level);
            }
        }
    }
}
