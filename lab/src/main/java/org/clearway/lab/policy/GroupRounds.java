package org.clearway.lab.policy;

import java.time.DayOfWeek;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.IntFunction;
import java.util.stream.Collectors;

import org.clearway.decisions.forecast.HourOfWeekProfile;
import org.clearway.decisions.rounds.GroupDay;
import org.clearway.decisions.rounds.RiskRules;
import org.clearway.decisions.rounds.RoundDays;
import org.clearway.decisions.rounds.RoundFitter;
import org.clearway.decisions.rounds.Shift;
import org.clearway.simulator.city.City;
import org.clearway.simulator.city.CityBin;
import org.clearway.simulator.city.StreamSpec;

/**
 * When each group of ours (the trucks of a district and stream) makes its rounds, in the lab's simulated days
 * ({@link Schedule}). At first, and with {@link RiskRules.Rounds#CYCLE}, every {@link RiskRules#roundEvery(double)}
 * working days, the groups staggered by district and stream. With {@link RiskRules.Rounds#WEEKDAYS},
 * {@link #fitToRhythm} moves each stream's rounds to the weekdays the library's {@link RoundFitter} fits to the
 * week's rhythm its sensors show.
 */
final class GroupRounds {

    private final List<CityBin> bins;
    private final List<String> streams;
    private final int[] roundEvery;
    private final int[] roundOffset;
    private final RoundDays[] roundDays;
    private final Map<String, Double> coveredDays;
    private final RoundFitter fitter = new RoundFitter(Map.of());
    private final boolean firstFitFloor;
    private final java.util.Set<String> fitted = new java.util.HashSet<>();

    GroupRounds(City city, RiskRules rules) {
        this.bins = city.bins();
        this.streams = city.config().streams().stream().map(StreamSpec::code).toList();
        int n = bins.size();
        roundEvery = new int[n];
        roundOffset = new int[n];
        roundDays = new RoundDays[n];
        for (CityBin bin : bins) {
            int i = bin.index();
            roundEvery[i] = rules.roundEvery(bin.stream().medianDaysToFull());
            roundOffset[i] = stagger(bin) % roundEvery[i];
        }
        coveredDays = CalendarPolicy.coveredDays(bins, rules.gapQuantile());
        firstFitFloor = rules.firstFitFloor();
    }

    /**
     * Fits each stream's round days to the week's rhythm of its bins' profiles; a stream whose rhythm is not known
     * yet keeps its rounds. The groups of a stream share its best weekdays; where several sets tie (one round a
     * week), the groups are spread over them.
     */
    void fitToRhythm(IntFunction<HourOfWeekProfile> profileOfBin) {
        Map<String, List<HourOfWeekProfile>> profiles = new LinkedHashMap<>();
        for (CityBin bin : bins) {
            profiles.computeIfAbsent(bin.stream().code(), k -> new ArrayList<>()).add(profileOfBin.apply(bin.index()));
        }
        Map<String, Optional<List<RoundDays>>> best = new LinkedHashMap<>();
        profiles.forEach((stream, list) -> {
            double covered = coveredDays.get(stream);
            int min = firstFitFloor && !fitted.contains(stream) ? RoundFitter.evenRounds(covered) : 1;
            Optional<List<RoundDays>> fit = fitter.fit(stream, list, covered, min);
            fit.ifPresent(days -> fitted.add(stream));
            best.put(stream, fit);
        });
        for (CityBin bin : bins) {
            best.get(bin.stream().code())
                    .ifPresent(days -> roundDays[bin.index()] = RoundFitter.forGroup(days, stagger(bin)));
        }
    }

    /** Whether the day is a round day of the bin's group. */
    boolean isRound(int bin, int day) {
        return roundDays[bin] != null ? roundDay(roundDays[bin], day) : roundDay(day, roundOffset[bin], roundEvery[bin]);
    }

    /** The first round day of the bin's group after {@code day}. */
    int next(int bin, int day) {
        return roundDays[bin] != null ? nextRound(roundDays[bin], day) : nextRound(day, roundOffset[bin], roundEvery[bin]);
    }

    /** The bin's group's calendar for the library's selection: today a round?, and its next {@code 1 + ahead} rounds. */
    GroupDay groupDay(int bin, int day, int ahead) {
        List<Shift> next = new ArrayList<>(ahead + 1);
        int d = day;
        for (int k = 0; k <= ahead; k++) {
            d = next(bin, d);
            next.add(new Shift(Schedule.dayStart(d).plusSeconds(Schedule.SHIFT_START_S), Schedule.shiftEnd(d)));
        }
        return new GroupDay(isRound(bin, day), next);
    }

    /** The round days of the bin's group, or null while its rounds are evenly spaced. */
    RoundDays roundDays(int bin) {
        return roundDays[bin];
    }

    int roundOffset(int bin) {
        return roundOffset[bin];
    }

    /** Per stream, its groups' round days, e.g. {@code residual Mon+Thu+Sat}, or how they are spaced. */
    String describe() {
        Map<String, SortedSet<String>> byStream = new TreeMap<>();
        for (CityBin bin : bins) {
            RoundDays days = roundDays[bin.index()];
            byStream.computeIfAbsent(bin.stream().code(), k -> new TreeSet<>()).add(days == null
                    ? "every " + roundEvery[bin.index()] + " working days"
                    : days.days().stream().map(d -> DayOfWeek.of(d + 1).getDisplayName(TextStyle.SHORT, Locale.ROOT))
                            .collect(Collectors.joining("+")));
        }
        StringBuilder out = new StringBuilder("round days:");
        byStream.forEach((stream, days) -> out.append(' ').append(stream).append(' ')
                .append(String.join(" or ", days)).append(';'));
        return out.substring(0, out.length() - 1);
    }

    /** Whether the day (days since {@link Schedule#START}) is one of the round days. */
    static boolean roundDay(RoundDays days, int day) {
        return Schedule.workingDay(day) && days.contains(Schedule.weekday(day));
    }

    /** The first of the round days after {@code day}. */
    static int nextRound(RoundDays days, int day) {
        int d = day + 1;
        while (!roundDay(days, d)) {
            d++;
        }
        return d;
    }

    static boolean roundDay(int day, int offset, int roundEvery) {
        return Math.floorMod(Schedule.workingIndex(day) - offset, roundEvery) == 0;
    }

    /** The first round day after {@code day} of a group every {@code roundEvery} working days. */
    static int nextRound(int day, int offset, int roundEvery) {
        int d = Schedule.nextWorkingDay(day);
        while (!roundDay(d, offset, roundEvery)) {
            d = Schedule.nextWorkingDay(d);
        }
        return d;
    }

    private int stagger(CityBin bin) {
        return bin.district() + streams.indexOf(bin.stream().code());
    }
}
