package org.clearway.lab.policy;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;

/** Accumulates one policy's figures during the measured part of a run. */
final class PolicyMetrics {

    private double metres;
    private long collections;
    private double fillSum;
    private double overflowHours;
    private double binDays;
    private double[] responses = new double[64];
    private int jobs;
    private long truckDays;
    private long unplanned;
    private int plans;
    private int capped;
    private final StreamFigures.Tally byStream = new StreamFigures.Tally();

    void plan(DayPlan plan) {
        metres += plan.metres();
        truckDays += plan.truckDays();
        unplanned += plan.unplanned().size();
        plans += plan.plans();
        capped += plan.cappedPlans();
        plan.byStream().forEach(byStream::add);
    }

    /** As {@link #collected(double, Instant, Instant)}, counted for the bin's stream too. */
    void collected(String stream, double fillPct, Instant decidedAt, Instant at) {
        byStream.add(stream, new StreamFigures(0, 0, 1, 0));
        collected(fillPct, decidedAt, at);
    }

    /** As {@link #overflow(double)}, counted for the bin's stream too. */
    void overflow(String stream, double hours) {
        byStream.add(stream, new StreamFigures(0, 0, 0, hours));
        overflow(hours);
    }

    /**
     * @param fillPct   the bin's true fill when emptied
     * @param decidedAt when its job was created, or null for a collection without a job
     */
    void collected(double fillPct, Instant decidedAt, Instant at) {
        collections++;
        fillSum += fillPct;
        if (decidedAt != null) {
            if (jobs == responses.length) {
                responses = Arrays.copyOf(responses, jobs * 2);
            }
            responses[jobs++] = Math.max(0, Duration.between(decidedAt, at).toSeconds() / 3600.0);
        }
    }

    /** A bin spent {@code hours} at 100 %. */
    void overflow(double hours) {
        overflowHours += hours;
    }

    /** {@code bins} bins were watched for {@code days} days. */
    void watched(int bins, double days) {
        binDays += bins * days;
    }

    PolicyResult result(String policy) {
        double[] sorted = Arrays.copyOf(responses, jobs);
        Arrays.sort(sorted);
        double mean = jobs == 0 ? Double.NaN : Arrays.stream(sorted).sum() / jobs;
        return new PolicyResult(policy, metres / 1000, collections, collections == 0 ? Double.NaN : fillSum / collections,
                overflowHours, binDays, mean, percentile(sorted, 0.9), jobs, truckDays, unplanned, plans, capped,
                byStream.figures());
    }

    /** Nearest-rank percentile; NaN when empty. */
    static double percentile(double[] sorted, double q) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(q * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }
}
