package org.clearway.dispatch.rounds;

import java.time.DayOfWeek;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.clearway.decisions.BinState;
import org.clearway.decisions.forecast.HourOfWeekProfile;
import org.clearway.decisions.rounds.RiskRules;
import org.clearway.decisions.rounds.RoundDays;
import org.clearway.decisions.rounds.RoundFitter;

/**
 * A stream's round days for the service, from its bins' decision states: the fit to the week's rhythm of the
 * policy library ({@link RoundFitter}, as the lab runs it), and the evenly spaced days before a week has been seen
 * (rounds {@link RiskRules#roundEvery(double)} working days apart, from the stream's median days to full).
 */
final class RoundFit {

    /** A stream's median days to full before any bin of it has a rate (residual in the lab city). */
    static final double UNKNOWN_DAYS_TO_FULL = 6.0;

    private final RiskRules rules;
    private final RoundFitter fitter = new RoundFitter(Map.of());

    RoundFit(RiskRules rules) {
        this.rules = rules;
    }

    /** The stream's best round days fitted to its bins' rhythm, all that tie; empty while the rhythm is not known. */
    Optional<List<RoundDays>> fit(String stream, List<BinState> states) {
        return fit(stream, states, false);
    }

    /**
     * As {@link #fit(String, List)}; a group's first fit (its rhythm learnt from about a week) gets no fewer rounds a
     * week than a flat week would when {@link RiskRules#firstFitFloor()} is on, as the lab's {@code --first-fit-floor}.
     */
    Optional<List<RoundDays>> fit(String stream, List<BinState> states, boolean firstFit) {
        List<Double> days = new ArrayList<>();
        List<HourOfWeekProfile> profiles = new ArrayList<>();
        for (BinState state : states) {
            profiles.add(state.forecaster().profile());
            daysToFull(state.forecaster().profile()).ifPresent(days::add);
        }
        if (days.isEmpty()) {
            return Optional.empty();
        }
        double covered = RoundFitter.coveredDays(days, rules.gapQuantile());
        int minRounds = firstFit && rules.firstFitFloor() ? RoundFitter.evenRounds(covered) : 1;
        return fitter.fit(stream, profiles, covered, minRounds);
    }

    /** Evenly spaced days for a stream: its rounds {@code roundEvery} working days apart, by its median days to full. */
    List<DayOfWeek> spaced(List<BinState> states, int stagger, DayOfWeek today) {
        List<Double> days = new ArrayList<>();
        states.forEach(s -> daysToFull(s.forecaster().profile()).ifPresent(days::add));
        days.sort(null);
        double median = days.isEmpty() ? UNKNOWN_DAYS_TO_FULL : days.get(days.size() / 2);
        return RoundCalendar.spaced(rules.roundEvery(median), stagger, today);
    }

    /** The group's days among the stream's tying best sets. */
    static List<DayOfWeek> forGroup(List<RoundDays> tying, int stagger) {
        return weekdays(RoundFitter.forGroup(tying, stagger));
    }

    /** The longest gap of the group's days among the tying sets (NaN when unknown). */
    static double gap(List<RoundDays> tying, int stagger) {
        return RoundFitter.forGroup(tying, stagger).longestGapDays();
    }

    static List<DayOfWeek> weekdays(RoundDays days) {
        return days.days().stream().map(d -> DayOfWeek.of(d + 1)).toList();
    }

    /** A bin's mean days from empty to full by its profile (its observed hours' mean rate); empty before any. */
    static Optional<Double> daysToFull(HourOfWeekProfile profile) {
        double[] rate = profile.weekRate();
        double[] weight = profile.weekWeight();
        double sum = 0;
        double hours = 0;
        for (int h = 0; h < rate.length; h++) {
            sum += rate[h] * weight[h];
            hours += weight[h];
        }
        double mean = hours > 0 ? sum / hours : 0;
        return mean > 0 ? Optional.of(100.0 / (mean * 24)) : Optional.empty();
    }
}
