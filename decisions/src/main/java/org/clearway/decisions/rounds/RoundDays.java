package org.clearway.decisions.rounds;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.IntToDoubleFunction;

/**
 * The weekdays of a group's rounds, chosen to fit the week's rhythm of waste: of all sets of working days (Monday to
 * Saturday) with the given number of rounds, the set whose longest gap between two rounds holds the least expected
 * waste (the hour-of-week rate factors summed from 10:00 of a round day to 10:00 of the next). With waste heavier at
 * the weekend, three rounds a week on Monday, Thursday and Saturday keep the gap over Sunday short, where Monday,
 * Wednesday and Friday leave Friday to Monday, the week's heaviest three days, uncovered.
 *
 * @param days           round weekdays, 0 = Monday ... 5 = Saturday, ascending
 * @param longestGapDays the longest gap's expected waste, in days at the mean rate
 */
public record RoundDays(List<Integer> days, double longestGapDays) {

    /** Hours in a week; hour 0 is Monday 00:00. */
    public static final int HOURS_PER_WEEK = 168;
    /** A gap runs from this hour of a round day (mid-shift) to the same hour of the next round day. */
    static final int MID_SHIFT_HOUR = 10;
    private static final int WORKING_DAYS = 6;

    public RoundDays {
        days = List.copyOf(days);
        if (days.isEmpty() || days.stream().anyMatch(d -> d < 0 || d >= WORKING_DAYS)) {
            throw new IllegalArgumentException("a group needs at least one round day a week, all Monday (0) to "
                    + "Saturday (5), got " + days);
        }
    }

    /** Round days a city pins (no gap known), e.g. {@code pinned(MONDAY, THURSDAY)}. */
    public static RoundDays pinned(DayOfWeek... weekdays) {
        List<Integer> days = new ArrayList<>();
        for (DayOfWeek d : weekdays) {
            days.add(d.getValue() - 1);
        }
        return new RoundDays(days.stream().distinct().sorted().toList(), Double.NaN);
    }

    /** Whether the weekday (0 = Monday ... 6 = Sunday) is one of the rounds' days. */
    public boolean contains(int weekday) {
        return days.contains(weekday);
    }

    /** Whether the weekday is one of the rounds' days. */
    public boolean contains(DayOfWeek weekday) {
        return contains(weekday.getValue() - 1);
    }

    /** The first {@code count} dates after {@code day} (not counting it) that fall on one of the round days. */
    public List<LocalDate> nextDates(LocalDate day, int count) {
        if (count < 1) {
            throw new IllegalArgumentException("ask for at least one next round, got " + count);
        }
        List<LocalDate> out = new ArrayList<>(count);
        for (LocalDate d = day.plusDays(1); out.size() < count; d = d.plusDays(1)) {
            if (contains(d.getDayOfWeek())) {
                out.add(d);
            }
        }
        return out;
    }

    /**
     * The best sets of {@code rounds} round days a week for the hour-of-week factors, all that tie for the shortest
     * longest gap (within 0.1 %), in a fixed order.
     */
    public static List<RoundDays> best(IntToDoubleFunction hourFactor, int rounds) {
        List<RoundDays> all = ranked(hourFactor, rounds);
        double min = all.get(0).longestGapDays();
        return all.stream().filter(r -> r.longestGapDays() <= min * 1.001).toList();
    }

    /** Every set of {@code rounds} round days a week, the shortest longest gap first (ties in a fixed order). */
    public static List<RoundDays> ranked(IntToDoubleFunction hourFactor, int rounds) {
        if (rounds < 1 || rounds > WORKING_DAYS) {
            throw new IllegalArgumentException("rounds a week must be 1 to 6, got " + rounds);
        }
        List<RoundDays> all = new ArrayList<>();
        for (int mask = 1; mask < 1 << WORKING_DAYS; mask++) {
            if (Integer.bitCount(mask) != rounds) {
                continue;
            }
            List<Integer> days = new ArrayList<>();
            for (int d = 0; d < WORKING_DAYS; d++) {
                if ((mask & 1 << d) != 0) {
                    days.add(d);
                }
            }
            all.add(new RoundDays(days, longestGap(hourFactor, days)));
        }
        // rounded, so that sets equal but for floating-point noise keep their fixed order
        all.sort(Comparator.comparingDouble(r -> Math.round(r.longestGapDays() * 1e6)));
        return all;
    }

    /**
     * The fewest rounds a week (1 to 6) whose best sets keep the longest gap's expected waste at most
     * {@code maxGapDays} days at the mean rate; 6 when none does.
     */
    public static List<RoundDays> fewest(IntToDoubleFunction hourFactor, double maxGapDays) {
        for (int rounds = 1; rounds < WORKING_DAYS; rounds++) {
            List<RoundDays> best = best(hourFactor, rounds);
            if (best.get(0).longestGapDays() <= maxGapDays) {
                return best;
            }
        }
        return best(hourFactor, WORKING_DAYS);
    }

    /** The longest gap's expected waste between the given round weekdays, in days at the mean rate. */
    public static double longestGap(IntToDoubleFunction hourFactor, List<Integer> days) {
        double longest = 0;
        for (int k = 0; k < days.size(); k++) {
            int from = days.get(k);
            int to = k + 1 < days.size() ? days.get(k + 1) : days.get(0) + 7;
            double sum = 0;
            for (int h = from * 24 + MID_SHIFT_HOUR; h < to * 24 + MID_SHIFT_HOUR; h++) {
                sum += hourFactor.applyAsDouble(h % HOURS_PER_WEEK);
            }
            longest = Math.max(longest, sum / 24);
        }
        return longest;
    }
}
