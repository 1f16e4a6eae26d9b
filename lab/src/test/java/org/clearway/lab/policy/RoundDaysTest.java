package org.clearway.lab.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.clearway.decisions.rounds.RoundDays;
import org.junit.jupiter.api.Test;

import org.clearway.simulator.waste.WastePattern;

/** The library's round days on the simulated city's true week, and in the lab's simulated days. */
class RoundDaysTest {

    private static final WastePattern RESIDUAL = WastePattern.of("residual");

    @Test
    void withWasteHeavierAtTheWeekendThreeRoundsFallOnMondayThursdayAndSaturday() {
        List<RoundDays> best = RoundDays.best(RESIDUAL::factor, 3);
        assertThat(best).extracting(RoundDays::days).containsExactly(List.of(0, 3, 5));
        // Monday, Wednesday, Friday would leave Friday to Monday, the heaviest three days, uncovered
        double evenlySpaced = RoundDays.longestGap(RESIDUAL::factor, List.of(0, 2, 4));
        assertThat(best.get(0).longestGapDays()).isLessThan(evenlySpaced - 0.5);
        assertThat(evenlySpaced).isGreaterThan(3.2);
    }

    @Test
    void aFlatWeekHasNoFavouriteButTheLongestGapIsThreeDays() {
        List<RoundDays> best = RoundDays.best(h -> 1.0, 3);
        assertThat(best).hasSizeGreaterThan(1);
        assertThat(best).allSatisfy(r -> assertThat(r.longestGapDays()).isCloseTo(3.0, org.assertj.core.api.Assertions.within(1e-9)));
        assertThat(best).extracting(RoundDays::days).contains(List.of(0, 2, 4), List.of(1, 3, 5));
    }

    @Test
    void theFewestRoundsAreChosenWhoseLongestGapHoldsNoMoreThanTheGivenDaysOfWaste() {
        assertThat(RoundDays.fewest(RESIDUAL::factor, 3.5).get(0).days()).containsExactly(0, 3, 5);
        assertThat(RoundDays.fewest(RESIDUAL::factor, 3.7).get(0).days()).containsExactly(0, 4);
        assertThat(RoundDays.fewest(RESIDUAL::factor, 7.5)).hasSize(6);
        assertThat(RoundDays.fewest(RESIDUAL::factor, 0.5).get(0).days()).containsExactly(0, 1, 2, 3, 4, 5);
    }

    @Test
    void roundDaysRepeatEveryWeekAndSkipSunday() {
        RoundDays mondayThursdaySaturday = new RoundDays(List.of(0, 3, 5), 2.7);
        assertThat(GroupRounds.roundDay(mondayThursdaySaturday, 0)).isTrue();
        assertThat(GroupRounds.roundDay(mondayThursdaySaturday, 2)).isFalse();
        assertThat(GroupRounds.roundDay(mondayThursdaySaturday, 10)).isTrue();
        assertThat(GroupRounds.nextRound(mondayThursdaySaturday, 5)).isEqualTo(7);
        assertThat(GroupRounds.nextRound(mondayThursdaySaturday, 7)).isEqualTo(10);
        assertThatThrownBy(() -> new RoundDays(List.of(6), 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RoundDays(List.of(), 1)).isInstanceOf(IllegalArgumentException.class);
    }
}
