package org.clearway.lab.policy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SequencedMap;
import java.util.TreeSet;

import org.clearway.decisions.rounds.RoundDays;
import org.clearway.decisions.rounds.RoundFitter;
import org.clearway.simulator.city.City;
import org.clearway.simulator.city.CityBin;
import org.clearway.simulator.city.StreamSpec;
import org.clearway.simulator.waste.WastePattern;

/**
 * A fixed collection calendar, as a city without sensors runs it. Each stream is emptied a fixed number of times a
 * week, on fixed weekdays (Monday to Saturday):
 *
 * <ul>
 *   <li>the frequency is the smallest of 1, 2, 3 or 6 visits a week whose longest gap between visits (7, 4, 3, 2
 *   days) is no longer than the stream's 5th percentile of bins' mean days to full: a planner with a year of
 *   collection records sizes the round so that about 95 % of bins do not fill up between two visits on an average
 *   week (weekend peaks and events still overflow some);</li>
 *   <li>the visit days: 1×: one weekday per round; 2×: Monday+Thursday, Tuesday+Friday or Wednesday+Saturday; 3×:
 *   Monday+Wednesday+Friday or Tuesday+Thursday+Saturday; 6×: every working day;</li>
 *   <li>rounds are contiguous sectors around the district's depot (as a city gives each street its collection
 *   day), so that a day's bins lie together;</li>
 *   <li>a bin the day's plan cannot fit is carried over to the next working day.</li>
 * </ul>
 *
 * <p>With {@link Days#RHYTHM} the calendar also knows the week's rhythm of each stream (as a city could learn it
 * from a year of collection weights): the frequency is the fewest visits a week whose longest gap holds no more
 * expected waste than the same 5th percentile, and the rounds' weekdays are the sets that keep that gap shortest
 * ({@link RoundDays}), the best first, one per round. It is the calendar ours is also measured against, so that ours
 * is not credited with fitting the week alone.
 */
public final class CalendarPolicy implements CollectionPolicy {

    /** Visits per week that a calendar may use, and the longest gap (days) between visits for each. */
    static final int[] FREQUENCIES = {1, 2, 3, 6};
    static final int[] LONGEST_GAP_DAYS = {7, 4, 3, 2};
    /** The weekdays of each round, per frequency. */
    private static final int[][][] ROUNDS = {
        {{0}, {1}, {2}, {3}, {4}, {5}},
        {{0, 3}, {1, 4}, {2, 5}},
        {{0, 2, 4}, {1, 3, 5}},
        {{0, 1, 2, 3, 4, 5}}};
    static final double COVERED_QUANTILE = RoundFitter.COVERED_QUANTILE;

    /** How the calendar's weekdays are chosen. */
    public enum Days {
        /** evenly spread, as cities commonly do: Monday+Wednesday+Friday or Tuesday+Thursday+Saturday, ... */
        EVEN,
        /** fitted to the week's rhythm of each stream's waste */
        RHYTHM
    }

    private final List<CityBin> bins;
    private final Map<String, Integer> frequencyByStream;
    private final List<String> streams;
    private final boolean[][] visitOn;
    private final TreeSet<Integer> carried = new TreeSet<>();

    public CalendarPolicy(City city) {
        this(city, Days.EVEN);
    }

    public CalendarPolicy(City city, Days days) {
        this.bins = city.bins();
        this.streams = city.config().streams().stream().map(StreamSpec::code).toList();
        this.frequencyByStream = days == Days.EVEN ? chooseFrequencies(bins) : rhythmFrequencies(bins);
        this.visitOn = new boolean[bins.size()][7];
        Map<String, int[][]> roundsByStream = new LinkedHashMap<>();
        frequencyByStream.forEach((stream, f) -> roundsByStream.put(stream,
                days == Days.EVEN ? ROUNDS[indexOf(f)] : rhythmRounds(stream, f)));
        for (CityBin bin : bins) {
            int[][] rounds = roundsByStream.get(bin.stream().code());
            City.Site depot = city.depots().get(bin.district());
            double angle = Math.atan2(bin.y() - depot.y(), bin.x() - depot.x()) + Math.PI;
            int round = Math.min(rounds.length - 1, (int) (angle / (2 * Math.PI) * rounds.length));
            for (int weekday : rounds[round]) {
                visitOn[bin.index()][weekday] = true;
            }
        }
    }

    /** Visits per week per stream code, by the rule in the class comment. */
    static Map<String, Integer> chooseFrequencies(List<CityBin> bins) {
        Map<String, Integer> out = new LinkedHashMap<>();
        coveredDays(bins, COVERED_QUANTILE).forEach((stream, days) -> out.put(stream, frequencyFor(days)));
        return out;
    }

    /** Per stream, the fewest visits a week whose longest gap holds no more expected waste than its 5th percentile. */
    static Map<String, Integer> rhythmFrequencies(List<CityBin> bins) {
        Map<String, Integer> out = new LinkedHashMap<>();
        coveredDays(bins, COVERED_QUANTILE).forEach((stream, days) -> out.put(stream,
                RoundDays.fewest(WastePattern.of(stream)::factor, days).get(0).days().size()));
        return out;
    }

    /** Per stream code (in the bins' order), the given quantile of its bins' mean days to full. */
    static Map<String, Double> coveredDays(List<CityBin> bins, double quantile) {
        Map<String, List<Double>> days = new LinkedHashMap<>();
        for (CityBin bin : bins) {
            days.computeIfAbsent(bin.stream().code(), k -> new ArrayList<>()).add(bin.meanDaysToFull());
        }
        Map<String, Double> out = new LinkedHashMap<>();
        days.forEach((stream, list) -> out.put(stream, quantile(list, quantile)));
        return out;
    }

    /** The rounds (sets of weekdays) of a stream's rhythm calendar: as many as 6 working days allow, the best first. */
    private static int[][] rhythmRounds(String stream, int frequency) {
        List<RoundDays> ranked = RoundDays.ranked(WastePattern.of(stream)::factor, frequency);
        int rounds = Math.max(1, 6 / frequency);
        int[][] out = new int[rounds][];
        for (int r = 0; r < rounds; r++) {
            out[r] = ranked.get(r).days().stream().mapToInt(Integer::intValue).toArray();
        }
        return out;
    }

    /** The smallest frequency whose longest gap is within {@code daysToFull}; 6 a week when none is. */
    static int frequencyFor(double daysToFull) {
        for (int f = 0; f < FREQUENCIES.length; f++) {
            if (LONGEST_GAP_DAYS[f] <= daysToFull) {
                return FREQUENCIES[f];
            }
        }
        return FREQUENCIES[FREQUENCIES.length - 1];
    }

    static double quantile(List<Double> values, double q) {
        return RoundFitter.coveredDays(values, q);
    }

    private static int indexOf(int frequency) {
        int i = Arrays.stream(FREQUENCIES).boxed().toList().indexOf(frequency);
        if (i < 0) {
            throw new IllegalStateException("no rounds for " + frequency + " visits a week");
        }
        return i;
    }

    /** Visits per week per stream code, in the city's order of streams (printed, so the same on every run). */
    public SequencedMap<String, Integer> frequencies() {
        SequencedMap<String, Integer> out = new LinkedHashMap<>();
        for (String stream : streams) {
            if (frequencyByStream.containsKey(stream)) {
                out.put(stream, frequencyByStream.get(stream));
            }
        }
        return Collections.unmodifiableSequencedMap(out);
    }

    @Override
    public String name() {
        return "calendar";
    }

    @Override
    public void reading(CityBin bin, Instant at, double fillPct) {
        // a calendar ignores the sensors
    }

    @Override
    public List<Selection> select(PlanningDay day) {
        int weekday = Schedule.weekday(day.day());
        List<Selection> out = new ArrayList<>();
        for (int i = 0; i < bins.size(); i++) {
            if (visitOn[i][weekday] || carried.contains(i)) {
                out.add(new Selection(i, null));
            }
        }
        carried.clear();
        return out;
    }

    @Override
    public void unplanned(Collection<Integer> dropped, PlanningDay day) {
        carried.addAll(dropped);
    }

    @Override
    public void emptied(CityBin bin, Instant at) {
        carried.remove(bin.index());
    }

    boolean visits(int bin, int weekday) {
        return visitOn[bin][weekday];
    }
}
