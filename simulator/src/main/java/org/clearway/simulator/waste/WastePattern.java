package org.clearway.simulator.waste;

import java.util.Map;

/**
 * When people throw waste away: a factor per hour of the week (Monday 00:00 is hour 0) by which a bin's mean fill
 * rate is multiplied. Nights are quiet, mornings and evenings busy; residual and kitchen waste rise at the weekend,
 * recyclables on Sunday and Monday (after the weekend's shopping is unpacked), glass on Saturday and Sunday. Each
 * stream's 168 factors average exactly 1, so a bin's mean rate is its rate.
 */
public final class WastePattern {

    public static final int HOURS_PER_WEEK = 168;

    /** Hour-of-day shape, before normalisation. */
    private static final double[] DAY = {
        0.25, 0.2, 0.2, 0.2, 0.25, 0.4, 0.8, 1.3, 1.4, 1.2, 1.0, 1.0,
        1.1, 1.1, 1.0, 1.0, 1.1, 1.4, 1.7, 1.8, 1.6, 1.2, 0.8, 0.4};

    /** Day-of-week factors (Monday first) per stream; streams not listed use {@link #FLAT_WEEK}. */
    private static final Map<String, double[]> WEEK = Map.of(
            "residual", new double[] {1.0, 0.95, 0.95, 0.95, 1.0, 1.2, 1.35},
            "kitchen", new double[] {0.95, 0.95, 0.95, 0.95, 1.0, 1.25, 1.25},
            "recyclable", new double[] {1.2, 0.9, 0.9, 0.9, 0.9, 1.0, 1.4},
            "glass", new double[] {0.8, 0.8, 0.8, 0.8, 0.9, 1.5, 1.3});
    private static final double[] FLAT_WEEK = {1, 1, 1, 1, 1, 1, 1};

    private final double[] factors;

    private WastePattern(double[] factors) {
        this.factors = factors;
    }

    public static WastePattern of(String stream) {
        double[] week = WEEK.getOrDefault(stream, FLAT_WEEK);
        double[] factors = new double[HOURS_PER_WEEK];
        double sum = 0;
        for (int h = 0; h < HOURS_PER_WEEK; h++) {
            factors[h] = week[h / 24] * DAY[h % 24];
            sum += factors[h];
        }
        double mean = sum / HOURS_PER_WEEK;
        for (int h = 0; h < HOURS_PER_WEEK; h++) {
            factors[h] /= mean;
        }
        return new WastePattern(factors);
    }

    /** The factor of an hour of the week, 0 = Monday 00:00 to 01:00. */
    public double factor(int hourOfWeek) {
        return factors[Math.floorMod(hourOfWeek, HOURS_PER_WEEK)];
    }
}
