package org.clearway.lab.policy;

import java.time.DayOfWeek;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.IntFunction;
import java.util.stream.Collectors;

import org.clearway.decisions.forecast.HourOfWeekProfile;

/**
 * When each group of ours (the trucks of a district and stream) makes its rounds. At first, and with
 * {@link RiskRules.Rounds#CYCLE}, every {@link RiskRules#roundEvery(StreamSpec)} working days, the groups staggered by
 * district and stream. With {@link RiskRules.Rounds#WEEKDAYS}, {@link #fitToRhythm} moves each stream's rounds to
 * the weekdays that fit the week's rhythm its sensors show: the fewest rounds a week whose longest gap holds no more
 * expected waste than the stream's {@link RiskRules#gapQuantile()} of bins' mean days to full, on the days that
 * keep that gap shortest ({@link RoundDays}).
 */
final class GroupRounds {

    private final List<SimBin> bins;
    private final List<String> streams;
    private final int[] roundEvery;
    private final int[] roundOffset;
    private final RoundDays[] roundDays;
    private final Map<String, Double> coveredDays;

    GroupRounds(City city, RiskRules rules) {
        this.bins = city.bins();
        this.streams = city.config().streams().stream().map(StreamSpec::code).toList();
        int n = bins.size();
        roundEvery = new int[n];
        roundOffset = new int[n];
        roundDays = new RoundDays[n];
        for (SimBin bin : bins) {
            int i = bin.index();
            roundEvery[i] = rules.roundEvery(bin.stream());
            roundOffset[i] = stagger(bin) % roundEvery[i];
        }
        coveredDays = CalendarPolicy.coveredDays(bins, rules.gapQuantile());
    }

    /**
     * Fits each stream's round days to the week's rhythm of its bins' profiles ({@link WasteRhythm}); a stream whose
     * rhythm is not known yet keeps its rounds. The groups of a stream share its best weekdays; where several sets
     * tie (one round a week), the groups are spread over them.
     */
    void fitToRhythm(IntFunction<HourOfWeekProfile> profileOfBin) {
        Map<String, List<HourOfWeekProfile>> profiles = new HashMap<>();
        for (SimBin bin : bins) {
            profiles.computeIfAbsent(bin.stream().code(), k -> new ArrayList<>()).add(profileOfBin.apply(bin.index()));
        }
        Map<String, List<RoundDays>> best = new HashMap<>();
        profiles.forEach((stream, list) -> WasteRhythm.learn(list).ifPresent(factors ->
                best.put(stream, RoundDays.fewest(h -> factors[h], coveredDays.get(stream)))));
        for (SimBin bin : bins) {
            List<RoundDays> days = best.get(bin.stream().code());
            if (days != null) {
                roundDays[bin.index()] = days.get(stagger(bin) % days.size());
            }
        }
    }

    /** Whether the day is a round day of the bin's group. */
    boolean isRound(int bin, int day) {
        return roundDays[bin] != null ? roundDays[bin].roundDay(day) : roundDay(day, roundOffset[bin], roundEvery[bin]);
    }

    /** The first round day of the bin's group after {@code day}. */
    int next(int bin, int day) {
        return roundDays[bin] != null ? roundDays[bin].nextRound(day) : nextRound(day, roundOffset[bin], roundEvery[bin]);
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
        for (SimBin bin : bins) {
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

    private int stagger(SimBin bin) {
        return bin.district() + streams.indexOf(bin.stream().code());
    }
}
