package org.clearway.decisions.rounds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.DayOfWeek;
import java.util.List;
import java.util.function.IntToDoubleFunction;

import org.junit.jupiter.api.Test;

class RoundDaysTest {

    /** Saturday and Sunday 1.5 times the mean rate, the working days 0.8 (mean 1). */
    static final IntToDoubleFunction WEEKEND_HEAVY = h -> h / 24 >= 5 ? 1.5 : 0.8;

    @Test
    void withWasteHeavierAtTheWeekendThreeRoundsKeepTheGapOverSundayShort() {
        List<RoundDays> best = RoundDays.best(WEEKEND_HEAVY, 3);
        assertThat(best).extracting(RoundDays::days).containsExactly(List.of(0, 2, 5), List.of(0, 3, 5));
        assertThat(best.get(0).longestGapDays()).isCloseTo(65.0 / 24, within(1e-9));
        // Monday, Wednesday, Friday leave Friday 10:00 to Monday 10:00 uncovered
        assertThat(RoundDays.longestGap(WEEKEND_HEAVY, List.of(0, 2, 4))).isCloseTo(3.8, within(1e-9));
    }

    @Test
    void aFlatWeekHasNoFavouriteButTheLongestGapIsThreeDays() {
        List<RoundDays> best = RoundDays.best(h -> 1.0, 3);
        assertThat(best).hasSizeGreaterThan(1)
                .allSatisfy(r -> assertThat(r.longestGapDays()).isCloseTo(3.0, within(1e-9)));
        assertThat(best).extracting(RoundDays::days).contains(List.of(0, 2, 4), List.of(1, 3, 5));
    }

    @Test
    void theFewestRoundsAreChosenWhoseLongestGapHoldsNoMoreThanTheGivenDaysOfWaste() {
        assertThat(RoundDays.fewest(WEEKEND_HEAVY, 3.0)).extracting(RoundDays::days)
                .containsExactly(List.of(0, 2, 5), List.of(0, 3, 5));
        assertThat(RoundDays.fewest(WEEKEND_HEAVY, 3.6)).extracting(RoundDays::days).containsExactly(List.of(1, 5));
        assertThat(RoundDays.fewest(WEEKEND_HEAVY, 7.0)).hasSize(6);
        assertThat(RoundDays.fewest(WEEKEND_HEAVY, 0.5)).extracting(RoundDays::days)
                .containsExactly(List.of(0, 1, 2, 3, 4, 5));
    }

    @Test
    void rankedListsEverySetShortestGapFirst() {
        List<RoundDays> ranked = RoundDays.ranked(WEEKEND_HEAVY, 2);
        assertThat(ranked).hasSize(15);
        assertThat(ranked.get(0).days()).containsExactly(1, 5);
        assertThat(ranked.get(1).days()).containsExactly(0, 4);
        assertThatThrownBy(() -> RoundDays.ranked(WEEKEND_HEAVY, 7)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aCityPinsItsOwnDaysWhichAreWorkingDaysOnly() {
        RoundDays pinned = RoundDays.pinned(DayOfWeek.THURSDAY, DayOfWeek.MONDAY);
        assertThat(pinned.days()).containsExactly(0, 3);
        assertThat(pinned.contains(DayOfWeek.MONDAY)).isTrue();
        assertThat(pinned.contains(DayOfWeek.TUESDAY)).isFalse();
        assertThat(pinned.contains(3)).isTrue();
        assertThatThrownBy(() -> RoundDays.pinned(DayOfWeek.SUNDAY)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Saturday");
        assertThatThrownBy(() -> new RoundDays(List.of(), 1)).isInstanceOf(IllegalArgumentException.class);
    }
}
