package org.clearway.decisions.rounds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.DayOfWeek;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.clearway.decisions.forecast.HourOfWeekProfile;
import org.junit.jupiter.api.Test;

class RoundFitterTest {

    private final RoundFitter fitter = new RoundFitter(Map.of());

    /** A bin's learnt profile: the weekend-heavy week at its own speed, every hour observed {@code hours} hours. */
    static HourOfWeekProfile profile(double speed, double hours) {
        double[] rate = new double[168];
        double[] weight = new double[168];
        for (int h = 0; h < 168; h++) {
            rate[h] = speed * RoundDaysTest.WEEKEND_HEAVY.applyAsDouble(h);
            weight[h] = hours;
        }
        return new HourOfWeekProfile(rate, weight, new double[24], new double[24]);
    }

    @Test
    void theRhythmIsEachBinsShapeNotItsSpeed() {
        double[] factors = WasteRhythm.learn(List.of(profile(0.5, 3), profile(2.0, 1))).orElseThrow();
        assertThat(factors[0]).isCloseTo(0.8, within(1e-9));
        assertThat(factors[5 * 24 + 3]).isCloseTo(1.5, within(1e-9));
    }

    @Test
    void noRhythmBeforeEveryHourOfTheWeekHasBeenSeenEnough() {
        assertThat(WasteRhythm.learn(List.of())).isEmpty();
        assertThat(WasteRhythm.learn(List.of(profile(1, 0.2)))).isEmpty();
        assertThat(fitter.fit("residual", List.of(profile(1, 0.2)), 3.0)).isEmpty();
    }

    @Test
    void aStreamGetsTheFewestRoundsItsCoveredDaysAllowOnTheDaysThatFitItsWeek() {
        List<HourOfWeekProfile> bins = List.of(profile(1, 2), profile(1.3, 2), profile(0.7, 2));
        assertThat(fitter.fit("residual", bins, 3.0).orElseThrow()).extracting(RoundDays::days)
                .containsExactly(List.of(0, 2, 5), List.of(0, 3, 5));
        assertThat(fitter.fit("recyclable", bins, 3.6).orElseThrow()).extracting(RoundDays::days)
                .containsExactly(List.of(1, 5));
    }

    @Test
    void aCitysPinnedDaysWinOverTheFitEvenBeforeARhythmIsKnown() {
        RoundFitter pinning = new RoundFitter(Map.of("glass", RoundDays.pinned(DayOfWeek.WEDNESDAY)));
        assertThat(pinning.fit("glass", List.of(), 7).orElseThrow()).extracting(RoundDays::days)
                .containsExactly(List.of(2));
        assertThat(pinning.fit("residual", List.of(profile(1, 2)), 3.0).orElseThrow()).hasSize(2);
    }

    @Test
    void theGroupsOfAStreamAreSpreadOverTyingSets() {
        List<RoundDays> tying = RoundDays.fewest(RoundDaysTest.WEEKEND_HEAVY, 7.0);
        List<List<Integer>> groups = new ArrayList<>();
        for (int stagger = 0; stagger < 7; stagger++) {
            groups.add(RoundFitter.forGroup(tying, stagger).days());
        }
        assertThat(groups).containsExactly(List.of(0), List.of(1), List.of(2), List.of(3), List.of(4), List.of(5),
                List.of(0));
        assertThatThrownBy(() -> RoundFitter.forGroup(List.of(), 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void coveredDaysAreTheQuantileOfTheBinsMeanDaysToFull() {
        List<Double> days = new ArrayList<>();
        for (int i = 100; i >= 1; i--) {
            days.add((double) i);
        }
        assertThat(RoundFitter.coveredDays(days, RoundFitter.COVERED_QUANTILE)).isEqualTo(6.0);
        assertThat(RoundFitter.coveredDays(days, 0.5)).isEqualTo(51.0);
        assertThatThrownBy(() -> RoundFitter.coveredDays(List.of(), 0.05)).isInstanceOf(IllegalArgumentException.class);
    }
}
