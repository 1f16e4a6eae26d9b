package org.clearway.decisions.forecast;

import java.util.Arrays;

/**
 * How fast a bin usually fills in each hour of the week, learned online from its own level increments.
 *
 * <p>Two layers of exponentially weighted means of the fill rate (percent per hour): 168 hour-of-week buckets,
 * and 24 hour-of-day buckets that learn seven times as fast and let a daily pattern show within days rather than
 * weeks. A bucket's weight is the number of hours it has observed, decayed: each observed hour first multiplies
 * the weight by the decay, then adds itself. The rate of an hour of the week is its bucket shrunk towards its hour
 * of the day: {@code (wW·rW + K·rD) / (wW + K)} with {@code K = 4} hours; it is never negative.
 *
 * <p>The arrays are copied in and out, so the record is immutable and serialises as four JSON arrays.
 *
 * @param weekRate   mean rate per hour of the week (168)
 * @param weekWeight decayed observed hours per hour of the week (168)
 * @param dayRate    mean rate per hour of the day (24)
 * @param dayWeight  decayed observed hours per hour of the day (24)
 */
public record HourOfWeekProfile(double[] weekRate, double[] weekWeight, double[] dayRate, double[] dayWeight) {

    /** Pseudo-hours of hour-of-day evidence mixed into each hour-of-week bucket. */
    static final double WEEK_SHRINKAGE_HOURS = 4;

    public HourOfWeekProfile {
        weekRate = copy(weekRate, LocalHours.HOURS_PER_WEEK, "weekRate");
        weekWeight = copy(weekWeight, LocalHours.HOURS_PER_WEEK, "weekWeight");
        dayRate = copy(dayRate, LocalHours.HOURS_PER_DAY, "dayRate");
        dayWeight = copy(dayWeight, LocalHours.HOURS_PER_DAY, "dayWeight");
    }

    public static HourOfWeekProfile empty() {
        double[] week = new double[LocalHours.HOURS_PER_WEEK];
        double[] day = new double[LocalHours.HOURS_PER_DAY];
        return new HourOfWeekProfile(week, week, day, day);
    }

    @Override
    public double[] weekRate() {
        return weekRate.clone();
    }

    @Override
    public double[] weekWeight() {
        return weekWeight.clone();
    }

    @Override
    public double[] dayRate() {
        return dayRate.clone();
    }

    @Override
    public double[] dayWeight() {
        return dayWeight.clone();
    }

    /** Whether every hour of the day has at least {@code minHours} weighted hours of observation. */
    public boolean ready(double minHours) {
        return Arrays.stream(dayWeight).allMatch(w -> w >= minHours);
    }

    /** The usual rate in an hour of the week (0 = Monday 00:00), percent per hour; NaN when never observed. */
    public double rate(int hourOfWeek) {
        int hourOfDay = hourOfWeek % LocalHours.HOURS_PER_DAY;
        if (dayWeight[hourOfDay] <= 0) {
            return weekWeight[hourOfWeek] > 0 ? Math.max(0, weekRate[hourOfWeek]) : Double.NaN;
        }
        double w = weekWeight[hourOfWeek];
        double blended = (w * weekRate[hourOfWeek] + WEEK_SHRINKAGE_HOURS * dayRate[hourOfDay]) / (w + WEEK_SHRINKAGE_HOURS);
        return Math.max(0, blended);
    }

    /** All 168 rates, for a forecast that reads them many times. */
    double[] rates() {
        double[] rates = new double[LocalHours.HOURS_PER_WEEK];
        for (int b = 0; b < rates.length; b++) {
            rates[b] = rate(b);
        }
        return rates;
    }

    /**
     * The profile after observing {@code ratePerHour} from {@code fromSecond} to {@code toSecond}: the interval is
     * split at local hour boundaries and each piece updates its buckets with its length as weight.
     *
     * @param memoryWeeks how many weeks the profile remembers (at least 1)
     */
    HourOfWeekProfile learn(LocalHours hours, double fromSecond, double toSecond, double ratePerHour, double memoryWeeks) {
        double weekDecay = 1 - 1 / memoryWeeks;
        double dayDecay = 1 - 1 / (7 * memoryWeeks);
        double[] wr = weekRate.clone();
        double[] ww = weekWeight.clone();
        double[] dr = dayRate.clone();
        double[] dw = dayWeight.clone();
        double t = fromSecond;
        while (t < toSecond) {
            double end = Math.min(hours.nextHour(t), toSecond);
            double observed = (end - t) / LocalHours.SECONDS_PER_HOUR;
            int b = hours.hourOfWeek(t);
            update(wr, ww, b, ratePerHour, observed, weekDecay);
            update(dr, dw, b % LocalHours.HOURS_PER_DAY, ratePerHour, observed, dayDecay);
            t = end;
        }
        return new HourOfWeekProfile(wr, ww, dr, dw);
    }

    private static void update(double[] rate, double[] weight, int bucket, double value, double observed, double decay) {
        weight[bucket] = Math.pow(decay, observed) * weight[bucket] + observed;
        rate[bucket] += observed / weight[bucket] * (value - rate[bucket]);
    }

    private static double[] copy(double[] values, int length, String name) {
        if (values == null || values.length != length) {
            throw new IllegalArgumentException(name + " must hold " + length + " values");
        }
        return values.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof HourOfWeekProfile p && Arrays.equals(weekRate, p.weekRate)
                && Arrays.equals(weekWeight, p.weekWeight) && Arrays.equals(dayRate, p.dayRate)
                && Arrays.equals(dayWeight, p.dayWeight);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(weekRate) * 31 + Arrays.hashCode(dayRate);
    }

    @Override
    public String toString() {
        return "HourOfWeekProfile[dayRate=" + Arrays.toString(dayRate) + ", dayWeight=" + Arrays.toString(dayWeight) + "]";
    }
}
