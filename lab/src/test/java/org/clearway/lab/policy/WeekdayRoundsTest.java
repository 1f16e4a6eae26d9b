package org.clearway.lab.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.clearway.decisions.PolicyConfig;
import org.clearway.decisions.rounds.RiskRules;
import org.clearway.decisions.rounds.RoundDays;
import org.clearway.decisions.rounds.RoundFitter;
import org.clearway.decisions.rounds.WasteRhythm;
import org.junit.jupiter.api.Test;

import org.clearway.simulator.city.City;
import org.clearway.simulator.city.CityBin;
import org.clearway.simulator.city.CityConfig;
import org.clearway.simulator.city.StreamSpec;
import org.clearway.simulator.model.SensorNoise;
import org.clearway.simulator.waste.WasteGenerator;
import org.clearway.simulator.waste.WastePattern;

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
        for (CityBin bin : city.bins()) {
            RoundDays days = policy.rounds().roundDays(bin.index());
            assertThat(days).as(bin.id()).isNotNull();
            // the same days the simulated city's true pattern gives (the test of RoundDays shows why)
            WastePattern truth = WastePattern.of(bin.stream().code());
            List<List<Integer>> best = RoundDays.best(truth::factor, days.days().size()).stream().map(RoundDays::days).toList();
            assertThat(best).as(bin.stream().code()).contains(days.days());
        }
        CityBin residual = city.bins().stream().filter(b -> b.stream().code().equals("residual")).findFirst().orElseThrow();
        assertThat(policy.rounds().roundDays(residual.index()).days()).containsExactly(0, 3, 5);
        CityBin glass = city.bins().stream().filter(b -> b.stream().code().equals("glass")).findFirst().orElseThrow();
        assertThat(policy.rounds().roundDays(glass.index()).days()).hasSize(1);
    }

    @Test
    void withTheFirstFitFloorNoStreamGetsFewerRoundsThanAFlatWeekWouldAfterOneWeek() {
        // a city (600 bins, seed 1) whose first learnt week gives residual waste two rounds where a flat week needs three
        City small = City.generate(new CityConfig(1, 600, StreamSpec.defaults(), 2));
        int[] residual = firstFitCounts(small, false).get("residual");
        assertThat(residual[0]).isLessThan(residual[1]);
        assertThat(firstFitCounts(small, true)).allSatisfy((stream, counts) -> assertThat(counts[0]).as(stream)
                .isGreaterThanOrEqualTo(counts[1]));
    }

    /** Per stream, its rounds a week after the first fit and the flat week's count. */
    private java.util.Map<String, int[]> firstFitCounts(City city, boolean floor) {
        ForecastRiskPolicy policy = new ForecastRiskPolicy(city, PolicyConfig.defaults(),
                RiskRules.DEFAULTS.withFirstFitFloor(floor));
        feedWithoutTrucks(city, policy, 7);
        policy.select(PlanningDay.of(7));
        java.util.Map<String, Double> covered = CalendarPolicy.coveredDays(city.bins(), RoundFitter.COVERED_QUANTILE);
        java.util.Map<String, int[]> out = new java.util.TreeMap<>();
        for (CityBin bin : city.bins()) {
            String stream = bin.stream().code();
            out.put(stream, new int[] {policy.rounds().roundDays(bin.index()).days().size(),
                RoundFitter.evenRounds(covered.get(stream))});
        }
        return out;
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
        feedWithoutTrucks(city, policy, untilDay);
    }

    private static void feedWithoutTrucks(City city, ForecastRiskPolicy policy, int untilDay) {
        WasteGenerator waste = new WasteGenerator(city);
        SensorNoise sensors = new SensorNoise(city.config().seed(), city.bins().size());
        double[] fill = new double[city.bins().size()];
        for (int day = 0; day <= untilDay; day++) {
            waste.startDay(day);
            int end = Math.min((day + 1) * Schedule.STEPS_PER_DAY, Schedule.planStep(untilDay));
            for (int step = day * Schedule.STEPS_PER_DAY; step < end; step++) {
                for (CityBin bin : city.bins()) {
                    int i = bin.index();
                    fill[i] = Math.min(100, fill[i] + waste.waste(i, step));
                    if (Schedule.reports(i, step, 4)) {
                        policy.reading(bin, Schedule.at(step + 1), sensors.read(i, fill[i]));
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
