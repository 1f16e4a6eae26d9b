package org.clearway.dispatch.rounds;

import static java.time.DayOfWeek.MONDAY;
import static java.time.DayOfWeek.SATURDAY;
import static java.time.DayOfWeek.THURSDAY;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.clearway.decisions.BinState;
import org.clearway.decisions.forecast.ForecastState;
import org.clearway.decisions.forecast.HourOfWeekProfile;
import org.clearway.decisions.rounds.RiskRules;
import org.clearway.decisions.rounds.RoundDays;
import org.clearway.decisions.signal.ThresholdRule;
import org.junit.jupiter.api.Test;

class RoundFitTest {

    private final RoundFit fit = new RoundFit(RiskRules.DEFAULTS);

    @Test
    void aStreamWithAWeekOfReadingsGetsTheDaysThatFitItsRhythm() {
        // waste twice as fast from Friday to Sunday: three rounds whose longest gap spans the weekend least
        List<BinState> states = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            states.add(state("b" + i, weekend(0.8 + i * 0.01), 2.0));
        }
        Optional<List<RoundDays>> best = fit.fit("residual", states);
        assertThat(best).isPresent();
        List<DayOfWeek> days = RoundFit.forGroup(best.get(), 0);
        assertThat(days).hasSize(3).contains(MONDAY, SATURDAY);
        assertThat(RoundFit.gap(best.get(), 0)).isPositive();
        assertThat(RoundFit.forGroup(List.of(RoundDays.pinned(MONDAY, THURSDAY)), 5)).containsExactly(MONDAY, THURSDAY);
    }

    @Test
    void beforeAWeekOfReadingsTheDaysAreEvenlySpacedByTheStreamsMedianDaysToFull() {
        List<BinState> fresh = List.of(state("b1", new double[168], 0.0), state("b2", new double[168], 0.0));
        assertThat(fit.fit("glass", fresh)).isEmpty();
        assertThat(fit.spaced(fresh, 0, MONDAY)).as("unknown: every 2 working days").hasSize(3);
        double[] slow = new double[168];
        Arrays.fill(slow, 100.0 / (14 * 24));
        List<BinState> glass = List.of(state("g1", slow, 0.2), state("g2", slow, 0.2));
        assertThat(RoundFit.daysToFull(glass.get(0).forecaster().profile()).orElseThrow()).isCloseTo(14.0,
                org.assertj.core.data.Offset.offset(1e-9));
        assertThat(fit.spaced(glass, 0, MONDAY)).as("14 days to full: every 4 working days, once a week")
                .containsExactly(MONDAY);
    }

    @Test
    void withTheFloorAFirstFitGetsNoFewerRoundsThanAFlatWeekWould() {
        // 3.8 days to full; Monday to Wednesday 4/3 as fast as Thursday to Sunday, so Monday and Thursday rounds
        // (10:00 to 10:00) hold 3.4 and 3.6 days of waste: two rounds fit the rhythm, while a flat week needs three
        // (two rounds leave a gap of 4 days)
        double mean = 100.0 / (3.8 * 24);
        double light = 7.0 / (4 + 3 * 4.0 / 3.0);
        double[] rate = new double[168];
        for (int h = 0; h < 168; h++) {
            rate[h] = mean * (h < 3 * 24 ? light * 4.0 / 3.0 : light);
        }
        List<BinState> states = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            states.add(state("b" + i, rate, 2.0));
        }
        RoundFit floored = new RoundFit(RiskRules.DEFAULTS.withFirstFitFloor(true));
        int learnt = fit.fit("residual", states, true).orElseThrow().get(0).days().size();
        assertThat(learnt).as("the rhythm alone").isEqualTo(2);
        assertThat(floored.fit("residual", states, true).orElseThrow().get(0).days()).as("a first fit, floored")
                .hasSize(3);
        assertThat(floored.fit("residual", states, false).orElseThrow().get(0).days()).as("a refit").hasSize(2);
    }

    /** Hour-of-week rates (%/h): {@code base} on weekdays, twice that from Friday 00:00 to Sunday 24:00. */
    private static double[] weekend(double base) {
        double[] rate = new double[168];
        for (int h = 0; h < 168; h++) {
            rate[h] = h >= 4 * 24 ? 2 * base : base;
        }
        return rate;
    }

    private static BinState state(String id, double[] weekRate, double hoursPerBucket) {
        double[] weight = new double[168];
        Arrays.fill(weight, hoursPerBucket);
        HourOfWeekProfile profile = new HourOfWeekProfile(weekRate, weight, new double[24], new double[24]);
        return new BinState(id, null, List.of(), null, ThresholdRule.Phase.ARMED, false,
                new ForecastState(null, List.of(), null, profile), null, null, Set.of(), null);
    }
}
