package org.clearway.lab.soak;

import java.util.List;

/** A least-squares line through (time, value) points: is a measure flat or growing? */
final class Trend {
    private Trend() {
    }

    /** The slope per hour of values sampled at these elapsed seconds; NaN with fewer than two finite points. */
    static double slopePerHour(List<Double> seconds, List<Double> values) {
        double n = 0;
        double sx = 0;
        double sy = 0;
        double sxx = 0;
        double sxy = 0;
        for (int i = 0; i < seconds.size(); i++) {
            double x = seconds.get(i) / 3600.0;
            double y = values.get(i);
            if (Double.isNaN(y)) {
                continue;
            }
            n++;
            sx += x;
            sy += y;
            sxx += x * x;
            sxy += x * y;
        }
        double d = n * sxx - sx * sx;
        return n < 2 || d == 0 ? Double.NaN : (n * sxy - sx * sy) / d;
    }

    /** The mean of the finite values; NaN when there is none. */
    static double mean(List<Double> values) {
        return values.stream().filter(v -> !Double.isNaN(v)).mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
    }
}
