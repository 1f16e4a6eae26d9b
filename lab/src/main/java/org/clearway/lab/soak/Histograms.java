package org.clearway.lab.soak;

import java.util.Map;
import java.util.TreeMap;

/** Percentiles of what a cumulative Prometheus histogram counted between two scrapes. */
final class Histograms {
    private Histograms() {
    }

    /** The window's counts: {@code after - before}, bucket by bucket. */
    static TreeMap<Double, Double> delta(TreeMap<Double, Double> before, TreeMap<Double, Double> after) {
        TreeMap<Double, Double> out = new TreeMap<>();
        after.forEach((le, n) -> out.put(le, n - before.getOrDefault(le, 0.0)));
        return out;
    }

    /**
     * The upper bound of the bucket holding quantile {@code q} (0..1) of the window; NaN when the window is
     * empty. With Micrometer's percentile buckets that is within about 10 % above the true value.
     */
    static double quantile(TreeMap<Double, Double> window, double q) {
        if (window.isEmpty()) {
            return Double.NaN;
        }
        double total = window.lastEntry().getValue();
        if (total <= 0) {
            return Double.NaN;
        }
        double rank = q * total;
        double lastFinite = Double.NaN;
        for (Map.Entry<Double, Double> e : window.entrySet()) {
            if (!Double.isInfinite(e.getKey())) {
                lastFinite = e.getKey();
            }
            if (e.getValue() >= rank) {
                return Double.isInfinite(e.getKey()) ? lastFinite : e.getKey();
            }
        }
        return lastFinite;
    }

    static long count(TreeMap<Double, Double> window) {
        return window.isEmpty() ? 0 : Math.round(window.lastEntry().getValue());
    }
}
