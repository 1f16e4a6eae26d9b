package org.clearway.lab.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.clearway.decisions.PolicyConfig;
import org.clearway.decisions.rounds.RiskRules;
import org.clearway.decisions.rounds.RoundDays;
import org.clearway.decisions.rounds.WasteRhythm;
import org.junit.jupiter.api.Test;

/** Ours learns the week's rhythm of waste from the sensors and fits its round days to it. */
class WeekdayRoundsTest {

    private final City city = City.generate(new CityConfig(7, 400, StreamSpec.defaults(), 2));

    @Test
    void afterAWeekOfReadingsEachStreamsRoundsFollowItsRhythm() {
        ForecastRiskPolicy policy = new ForecastRiskPolicy(city, PolicyConfig.defaults(), RiskRules.DEFAULTS);
        policy.select(PlanningDay.of(0));
        assertThat(policy.rounds().roundDays(0)).as("no rhythm is known before any reading").isNull();
        feedWithoutTrucks(policy, 7);
        policy.select(PlanningDay.of(7));
        for (SimBin bin : city.bins()) {
            RoundDays days = policy.rounds().roundDays(bin.index());
            assertThat(days).as(bin.id()).isNotNull();
            // the same days the simulated city's true pattern gives (the test of RoundDays shows why)
            WastePattern truth = WastePattern.of(bin.stream().code());
            List<List<Integer>> best = RoundDays.best(truth::factor, days.days().size()).stream().map(RoundDays::days).toList();
            assertThat(best).as(bin.stream().code()).contains(days.days());
        }
        SimBin residual = city.bins().stream().filter(b -> b.stream().code().equals("residual")).findFirst().orElseThrow();
        assertThat(policy.rounds().roundDays(residual.index()).days()).containsExactly(0, 3, 5);
        SimBin glass = city.bins().stream().filter(b -> b.stream().code().equals("glass")).findFirst().orElseThrow();
        assertThat(policy.rounds().roundDays(glass.index()).days()).hasSize(1);
    }

    @Test
    void evenlySpacedRoundsIgnoreTheRhythm() {
        RiskRules cycle = RiskRules.DEFAULTS.withRounds(RiskRules.Rounds.CYCLE);
        ForecastRiskPolicy policy = new ForecastRiskPolicy(city, PolicyConfig.defaults(), cycle);
        feedWithoutTrucks(policy, 7);
        policy.select(PlanningDay.of(7));
        assertThat(policy.rounds().roundDays(0)).isNull();
    }

    @Test
    void withoutSensorsARhythmIsNotMadeUp() {
        assertThat(WasteRhythm.learn(List.of())).isEmpty();
    }

    /**
     * The city's waste and readings until the given day's planning, each bin emptied (instantly, by nobody) when it
     * reaches 90 %.
     */
    private void feedWithoutTrucks(ForecastRiskPolicy policy, int untilDay) {
        WasteGenerator waste = new WasteGenerator(city, 4);
        double[] fill = new double[city.bins().size()];
        for (int day = 0; day <= untilDay; day++) {
            waste.startDay(day);
            int end = Math.min((day + 1) * Schedule.STEPS_PER_DAY, Schedule.planStep(untilDay));
            for (int step = day * Schedule.STEPS_PER_DAY; step < end; step++) {
                for (SimBin bin : city.bins()) {
                    int i = bin.index();
                    fill[i] = Math.min(100, fill[i] + waste.waste(i, step));
                    if (waste.reports(i, step)) {
                        policy.reading(bin, Schedule.at(step + 1), waste.read(i, fill[i]));
                    }
                    if (fill[i] >= 90) {
                        fill[i] = 0;
                        policy.emptied(bin, Schedule.at(step + 1));
                    }
                }
            }
        }
    }
}
