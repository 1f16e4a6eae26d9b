package org.clearway.decisions.forecast;

import java.util.Arrays;

/**
 * Theil-Sen line: the slope is the median of the slopes between all pairs of points, the intercept the median of
 * {@code y - slope·x}. It ignores up to about 29 % of wild points. The slope's band is Sen's rank-based confidence
 * interval: with {@code n} points and {@code N} pair slopes sorted, the bounds are the slopes at ranks
 * {@code (N ∓ z·sqrt(n(n-1)(2n+5)/18)) / 2}; it narrows as points accumulate.
 *
 * @param slope     median pair slope
 * @param low       lower bound of the slope band
 * @param high      upper bound of the slope band
 * @param intercept median of {@code y - slope·x}
 * @param sigma     robust spread of the residuals: 1.4826 × their median absolute value
 * @param points    number of points fitted
 */
record RobustSlope(double slope, double low, double high, double intercept, double sigma, int points) {

    /** Pairs closer than this in x (relative to the x range) carry no slope information. */
    private static final double MIN_RELATIVE_DX = 1e-6;
    /** Median absolute deviation to standard deviation, for normal residuals. */
    private static final double MAD_TO_SIGMA = 1.4826;

    /** The fit, or null when no pair of points is apart in x. */
    static RobustSlope fit(double[] x, double[] y, double z) {
        int n = x.length;
        double minDx = (x[n - 1] - x[0]) * MIN_RELATIVE_DX;
        double[] slopes = new double[n * (n - 1) / 2];
        int count = 0;
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                double dx = x[j] - x[i];
                if (dx > minDx) {
                    slopes[count++] = (y[j] - y[i]) / dx;
                }
            }
        }
        if (count == 0) {
            return null;
        }
        Arrays.sort(slopes, 0, count);
        double slope = median(slopes, count);
        double halfWidth = z * Math.sqrt(n * (n - 1.0) * (2.0 * n + 5) / 18.0);
        double low = slopes[clamp((int) Math.floor((count - halfWidth) / 2), count)];
        double high = slopes[clamp((int) Math.ceil((count + halfWidth) / 2), count)];

        double[] offsets = new double[n];
        for (int i = 0; i < n; i++) {
            offsets[i] = y[i] - slope * x[i];
        }
        Arrays.sort(offsets);
        double intercept = median(offsets, n);
        double[] residuals = new double[n];
        for (int i = 0; i < n; i++) {
            residuals[i] = Math.abs(y[i] - intercept - slope * x[i]);
        }
        Arrays.sort(residuals);
        return new RobustSlope(slope, Math.min(low, slope), Math.max(high, slope), intercept,
                MAD_TO_SIGMA * median(residuals, n), n);
    }

    double at(double x) {
        return intercept + slope * x;
    }

    private static int clamp(int rank, int count) {
        return Math.max(0, Math.min(count - 1, rank));
    }

    private static double median(double[] sorted, int count) {
        int mid = count / 2;
        return count % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }
}
