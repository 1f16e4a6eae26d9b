package org.clearway.lab.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Set;

import org.clearway.decisions.BinState;
import org.clearway.decisions.PolicyConfig;
import org.clearway.decisions.forecast.Forecast;
import org.clearway.decisions.forecast.ForecastState;
import org.clearway.decisions.signal.ThresholdRule.Phase;
import org.clearway.decisions.rounds.BinRisk;
import org.clearway.decisions.rounds.RiskRules;
import org.junit.jupiter.api.Test;

import org.clearway.simulator.city.City;
import org.clearway.simulator.city.CityBin;
import org.clearway.simulator.city.CityConfig;
import org.clearway.simulator.city.StreamSpec;

/** The knobs of {@link RiskRules}: sectors, bins due soon, per-stream rounds, the risk quantile. */
class SectorRulesTest {

    /**
     * Bin 0 fills fast; bin 1 is 70 % full, 1.4 km from bin 0 in the same community and grid square; bin 2 is 70 %
     * full in another community and square; bin 3 is 30 % full next to bin 0 and fills at a medium rate.
     */
    private final City city = TestCities.residual(new double[][] {{1100, 1100}, {1800, 1800}, {3500, 3500}, {1150, 1150}},
            new int[] {0, 0, 1, 0}, 1);
    private final PlanningDay wednesday = PlanningDay.of(2);

    @Test
    void withoutSectorsOnlyNearBinsGoAlong() {
        ForecastRiskPolicy policy = fed(rules(RiskRules.Sectors.NONE, 0));
        assertThat(policy.select(wednesday)).extracting(Selection::bin).containsExactly(0);
    }

    @Test
    void aVisitedCommunityGivesUpEveryBinAboveTheOpportunisticLevel() {
        ForecastRiskPolicy policy = fed(rules(RiskRules.Sectors.COMMUNITY, 0));
        assertThat(policy.select(wednesday)).containsExactly(new Selection(0, wednesday.planAt()), new Selection(1, null));
    }

    @Test
    void gridSectorsAreSquaresOfTheGivenSide() {
        ForecastRiskPolicy policy = fed(rules(RiskRules.Sectors.GRID, 0));
        assertThat(policy.select(wednesday)).extracting(Selection::bin).containsExactly(0, 1);
        RiskRules small = new RiskRules(60, 300, 2, RiskRules.Sectors.GRID, 500, 0, RiskRules.RiskQuantile.P10, 1, 1, 0);
        assertThat(fed(small).select(wednesday)).extracting(Selection::bin).containsExactly(0);
    }

    @Test
    void aPassedByBinBelowTheLevelGoesAlongWhenItWouldBeAtRiskAtTheRoundAfterNext() {
        // bin 3: 30 % + 36 h at 0.45 %/h = 46 % now, full in about five days: after Friday's round, before Monday's
        assertThat(fed(rules(RiskRules.Sectors.NONE, 0)).select(wednesday)).extracting(Selection::bin).containsExactly(0);
        assertThat(fed(rules(RiskRules.Sectors.NONE, 1)).select(wednesday)).extracting(Selection::bin).containsExactly(0, 3);
    }

    @Test
    void perStreamRoundsFollowTheStreamsDaysToFull() {
        RiskRules auto = RiskRules.BASIC.withRoundEvery(0);
        List<Integer> rounds = StreamSpec.defaults().stream().map(s -> auto.roundEvery(s.medianDaysToFull())).toList();
        assertThat(rounds).containsExactly(2, 3, 2, 4);
        assertThat(RiskRules.BASIC.roundEvery(StreamSpec.defaults().get(3).medianDaysToFull())).isEqualTo(2);
        assertThat(RiskRules.DEFAULTS.roundEvery(StreamSpec.defaults().get(3).medianDaysToFull())).isEqualTo(4);
    }

    @Test
    void theRoundDivisorSpacesAStreamsRoundsAndTheRiskMarginMustNotBeNegative() {
        RiskRules halves = new RiskRules(40, 300, 0, RiskRules.Sectors.GRID, 1000, 0, RiskRules.RiskQuantile.P10, 1, 1,
                24, 2, 0);
        assertThat(halves.roundEvery(StreamSpec.defaults().get(0).medianDaysToFull())).isEqualTo(3);
        assertThat(halves.roundEvery(StreamSpec.defaults().get(3).medianDaysToFull())).isEqualTo(7);
        assertThat(RiskRules.DEFAULTS.roundDivisor()).isEqualTo(3);
        assertThat(RiskRules.DEFAULTS.riskMarginHours()).isZero();
        assertThatThrownBy(() -> new RiskRules(40, 300, 0, RiskRules.Sectors.GRID, 1000, 0, RiskRules.RiskQuantile.P10,
                1, 1, 24, 3, -1)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("margin");
        assertThatThrownBy(() -> new RiskRules(40, 300, 0, RiskRules.Sectors.GRID, 1000, 0, RiskRules.RiskQuantile.P10,
                1, 1, 24, 0.5, 0)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("divisor");
    }

    @Test
    void theRiskQuantileChoosesTheEstimateOfFull() {
        Instant next = Instant.parse("2026-01-09T14:00:00Z");
        Forecast.Eta full = new Forecast.Eta(100, next.minusSeconds(3600), next.plusSeconds(3600), next.plusSeconds(7200));
        Forecast forecast = new Forecast(next.minusSeconds(86_400), 60, 1, Forecast.Basis.TREND, 10, full, full);
        BinState state = new BinState("bin-00000", next.minusSeconds(86_400), List.of(), 60.0, Phase.ARMED, false,
                ForecastState.initial(), forecast, null, Set.of(), null);
        assertThat(BinRisk.atRisk(state, 80, next, RiskRules.RiskQuantile.P10)).isTrue();
        assertThat(BinRisk.atRisk(state, 80, next, RiskRules.RiskQuantile.P50)).isFalse();
    }

    @Test
    void betweenRoundsTheTruckGoesOutOnlyForEnoughUrgentBinsOrOverflowHours() {
        PlanningDay thursday = PlanningDay.of(3);
        assertThat(urgentThursday(1, 0).select(thursday)).extracting(Selection::bin).containsExactly(0);
        assertThat(urgentThursday(2, 0).select(thursday)).isEmpty();
        assertThat(urgentThursday(1, 1).select(thursday)).extracting(Selection::bin).containsExactly(0);
        assertThat(urgentThursday(1, 100).select(thursday)).isEmpty();
        // the waiting bin is at risk at Friday's round
        assertThat(urgentThursday(2, 0).select(PlanningDay.of(4))).extracting(Selection::bin).contains(0);
    }

    @Test
    void anUrgentBinRidesAlongWithARoundOfItsPlannerRunsOtherDistrict() {
        // bin 0 in district 2 (rounds every 3 working days: Wednesday, Saturday), bin 1 in district 0 (Monday,
        // Thursday): both fill fast; on Thursday bin 1 is at risk, bin 0 urgent but not enough to send a truck
        List<CityBin> bins = List.of(new CityBin(0, "bin-00000", TestCities.RESIDUAL, 2, 0, 1100, 3100, 1),
                new CityBin(1, "bin-00001", TestCities.RESIDUAL, 0, 1, 1100, 900, 1));
        City two = City.of(new CityConfig(1, 2, List.of(TestCities.RESIDUAL), 1), 4000, 4000, bins, city.depots(),
                city.facilities(), 2);
        RiskRules rules = new RiskRules(60, 300, 3, RiskRules.Sectors.NONE, 1000, 0, RiskRules.RiskQuantile.P10, 1,
                1, 1000);
        PlanningDay thursday = PlanningDay.of(3);
        assertThat(fedFast(new ForecastRiskPolicy(two, PolicyConfig.defaults(), rules, Pooling.DISTRICT), bins).select(thursday))
                .extracting(Selection::bin).containsExactly(1);
        assertThat(fedFast(new ForecastRiskPolicy(two, PolicyConfig.defaults(), rules, Pooling.HALF), bins).select(thursday))
                .extracting(Selection::bin).containsExactly(0, 1);
    }

    /** The same fast hourly readings for every bin of the policy's city, over the 36 hours before Thursday's planning. */
    private static ForecastRiskPolicy fedFast(ForecastRiskPolicy policy, List<CityBin> bins) {
        Instant start = PlanningDay.of(3).planAt().minusSeconds(36 * 3600);
        for (int h = 0; h <= 35; h++) {
            for (CityBin bin : bins) {
                policy.reading(bin, start.plusSeconds(h * 3600L), 30 + 1.5 * h);
            }
        }
        return policy;
    }

    @Test
    void overflowHoursRunFromTheMedianTimeToFullOrFromNow() {
        Instant now = Instant.parse("2026-01-08T05:30:00Z");
        Instant until = now.plusSeconds(24 * 3600);
        Forecast.Eta full = new Forecast.Eta(100, now.plusSeconds(3600), now.plusSeconds(4 * 3600), now.plusSeconds(8 * 3600));
        Forecast forecast = new Forecast(now, 90, 2, Forecast.Basis.TREND, 10, full, full);
        BinState state = new BinState("bin-00000", now, List.of(), 90.0, Phase.ARMED, false, ForecastState.initial(),
                forecast, null, Set.of(), null);
        assertThat(BinRisk.overflowHours(state, now, until)).isEqualTo(20.0);
        assertThat(BinRisk.overflowHours(BinState.initial("bin-00001"), now, until)).isEqualTo(24.0);
        assertThat(BinRisk.overflowHours(state, now, now.plusSeconds(3600))).isZero();
    }

    /** Bin 0 of {@link #city} filling fast towards Thursday's planning, between district 0's rounds. */
    private ForecastRiskPolicy urgentThursday(int urgentMin, double urgentHours) {
        RiskRules rules = new RiskRules(60, 300, 2, RiskRules.Sectors.NONE, 1000, 0, RiskRules.RiskQuantile.P10, 1,
                urgentMin, urgentHours);
        return fedFast(new ForecastRiskPolicy(city, PolicyConfig.defaults(), rules), List.of(city.bins().get(0)));
    }

    private static RiskRules rules(RiskRules.Sectors sectors, int ahead) {
        return new RiskRules(60, 300, 2, sectors, 1000, ahead, RiskRules.RiskQuantile.P10, 1, 1, 0);
    }

    /** Hourly readings over the 36 hours before Wednesday's planning. */
    private ForecastRiskPolicy fed(RiskRules rules) {
        ForecastRiskPolicy policy = new ForecastRiskPolicy(city, PolicyConfig.defaults(), rules);
        double[] from = {20, 70, 70, 30};
        double[] rate = {1.5, 0.1, 0.1, 0.45};
        Instant start = wednesday.planAt().minusSeconds(36 * 3600);
        for (int h = 0; h <= 35; h++) {
            for (int bin = 0; bin < from.length; bin++) {
                policy.reading(city.bins().get(bin), start.plusSeconds(h * 3600L), Math.min(100, from[bin] + rate[bin] * h));
            }
        }
        return policy;
    }
}
