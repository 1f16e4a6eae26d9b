package org.clearway.lab.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.clearway.simulator.city.City;
import org.clearway.simulator.city.CityBin;
import org.clearway.simulator.city.CityConfig;
import org.clearway.simulator.city.StreamSpec;

class CalendarPolicyTest {

    @Test
    void theFrequencyIsTheSmallestWhoseLongestGapFitsTheFastBins() {
        assertThat(CalendarPolicy.frequencyFor(9)).isEqualTo(1);
        assertThat(CalendarPolicy.frequencyFor(7)).isEqualTo(1);
        assertThat(CalendarPolicy.frequencyFor(5.9)).isEqualTo(2);
        assertThat(CalendarPolicy.frequencyFor(3.5)).isEqualTo(3);
        assertThat(CalendarPolicy.frequencyFor(2.5)).isEqualTo(6);
        assertThat(CalendarPolicy.frequencyFor(1.0)).isEqualTo(6);
    }

    @Test
    void theDefaultCityGetsASeriousCalendar() {
        City city = City.generate(new CityConfig(1, 3000, StreamSpec.defaults(), 2));
        assertThat(new CalendarPolicy(city).frequencies())
                .isEqualTo(Map.of("residual", 3, "recyclable", 2, "kitchen", 3, "glass", 1));
    }

    @Test
    void theFrequenciesKeepTheCitysOrderOfStreamsSoThatTheOutputIsTheSameOnEveryRun() {
        City city = City.generate(new CityConfig(1, 400, StreamSpec.defaults(), 2));
        Map<String, Integer> frequencies = new CalendarPolicy(city).frequencies();
        assertThat(frequencies).isInstanceOf(java.util.SequencedMap.class);
        assertThat(new java.util.ArrayList<>(frequencies.keySet()))
                .containsExactly("residual", "recyclable", "kitchen", "glass");
    }

    @Test
    void everyBinIsVisitedItsFrequencyAWeekOnWorkingDaysOnly() {
        City city = City.generate(new CityConfig(2, 1000, StreamSpec.defaults(), 2));
        CalendarPolicy policy = new CalendarPolicy(city);
        Map<String, Integer> frequencies = policy.frequencies();
        int[] visits = new int[city.bins().size()];
        for (int day = 0; day < 7; day++) {
            List<Selection> selected = Schedule.workingDay(day) ? policy.select(PlanningDay.of(day)) : List.of();
            for (Selection s : selected) {
                assertThat(s.decidedAt()).isNull();
                visits[s.bin()]++;
            }
        }
        for (CityBin bin : city.bins()) {
            assertThat(visits[bin.index()]).as(bin.id()).isEqualTo(frequencies.get(bin.stream().code()));
            assertThat(policy.visits(bin.index(), 6)).isFalse();
        }
    }

    @Test
    void aBinThePlanDroppedIsCarriedToTheNextWorkingDay() {
        City city = TestCities.residual(new double[][] {{1100, 1100}, {900, 900}}, 100.0 / (24 * 6));
        CalendarPolicy policy = new CalendarPolicy(city);
        int weekday = policy.visits(0, 0) ? 0 : 1;
        assertThat(policy.visits(0, weekday + 1)).isFalse();
        assertThat(policy.select(PlanningDay.of(weekday))).extracting(Selection::bin).contains(0);
        policy.unplanned(List.of(0), PlanningDay.of(weekday));
        assertThat(policy.select(PlanningDay.of(weekday + 1))).extracting(Selection::bin).contains(0);
        assertThat(policy.select(PlanningDay.of(weekday + 2))).extracting(Selection::bin).doesNotContain(0);
    }

    @Test
    void aRhythmCalendarFitsItsFrequenciesAndDaysToTheWeek() {
        City city = City.generate(new CityConfig(1, 3000, StreamSpec.defaults(), 2));
        CalendarPolicy policy = new CalendarPolicy(city, CalendarPolicy.Days.RHYTHM);
        // kitchen waste fits in two visits when they fall on Monday and Friday
        assertThat(policy.frequencies()).isEqualTo(Map.of("residual", 3, "recyclable", 2, "kitchen", 2, "glass", 1));
        for (CityBin bin : city.bins()) {
            if (bin.stream().code().equals("residual")) {
                // the best three days (Monday, Thursday, Saturday) or the second best for the other half
                assertThat(policy.visits(bin.index(), 0) || policy.visits(bin.index(), 1)).isTrue();
                assertThat(policy.visits(bin.index(), 5)).isTrue();
            }
            assertThat(policy.visits(bin.index(), 6)).isFalse();
        }
        long mondayThursdaySaturday = city.bins().stream().filter(b -> b.stream().code().equals("residual"))
                .filter(b -> policy.visits(b.index(), 0) && policy.visits(b.index(), 3) && policy.visits(b.index(), 5))
                .count();
        assertThat(mondayThursdaySaturday).isPositive();
    }
}
