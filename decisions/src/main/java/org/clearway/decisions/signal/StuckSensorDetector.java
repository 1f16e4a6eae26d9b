package org.clearway.decisions.signal;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * Flags a sensor that reports no change while the bins around it fill.
 *
 * <p>The rule: the bin's decision level has stayed within {@code noisePct} of the level it had when it last
 * changed (the <em>anchor</em>) for at least {@code stuckAfter}, and the median rise of its neighbours (same zone and
 * waste stream, over the trailing {@code stuckAfter}) is more than {@code neighbourRisePct}. A flag is raised once
 * per flat stretch; any change beyond the noise starts a new stretch.
 *
 * <p>A neighbour's rise is the sum of the changes between its consecutive readings, leaving out drops that are
 * emptyings: noise cancels out and an emptying does not count as negative filling.
 */
public final class StuckSensorDetector {

    /**
     * What the detector remembers about a bin.
     *
     * @param flatSince when the current flat stretch began
     * @param anchorPct the level at its start
     * @param flagged   whether this stretch has been flagged
     */
    public record Watch(Instant flatSince, double anchorPct, boolean flagged) {
        public Watch {
            Objects.requireNonNull(flatSince, "flatSince");
        }
    }

    /**
     * @param watch   the watch after the level
     * @param flagged whether this level raised the flag
     */
    public record Step(Watch watch, boolean flagged) {
    }

    private final Duration stuckAfter;
    private final double noisePct;
    private final double neighbourRisePct;
    private final EmptyingDetector emptying;

    public StuckSensorDetector(Duration stuckAfter, double noisePct, double neighbourRisePct, EmptyingDetector emptying) {
        this.stuckAfter = Objects.requireNonNull(stuckAfter, "stuckAfter");
        this.noisePct = noisePct;
        this.neighbourRisePct = neighbourRisePct;
        this.emptying = Objects.requireNonNull(emptying, "emptying");
    }

    /**
     * @param watch               the previous watch, or null for a bin's first level (or after an emptying)
     * @param level               the new decision level
     * @param neighbourMedianRise median rise of the neighbours over the trailing {@code stuckAfter}, or null
     *                            when unknown (then nothing is flagged)
     */
    public Step observe(Watch watch, FillSample level, Double neighbourMedianRise) {
        if (watch == null || Math.abs(level.pct() - watch.anchorPct()) > noisePct) {
            return new Step(new Watch(level.at(), level.pct(), false), false);
        }
        boolean longFlat = !Duration.between(watch.flatSince(), level.at()).minus(stuckAfter).isNegative();
        boolean neighboursRose = neighbourMedianRise != null && neighbourMedianRise > neighbourRisePct;
        if (!watch.flagged() && longFlat && neighboursRose) {
            return new Step(new Watch(watch.flatSince(), watch.anchorPct(), true), true);
        }
        return new Step(watch, false);
    }

    /** How much one neighbour filled over its readings (oldest first), emptyings left out. */
    public double rise(List<FillSample> readings) {
        double rise = 0;
        for (int i = 1; i < readings.size(); i++) {
            double before = readings.get(i - 1).pct();
            double after = readings.get(i).pct();
            if (!emptying.isDrop(before, after)) {
                rise += after - before;
            }
        }
        return rise;
    }

    /** The median of the neighbours' rises; empty when there are no neighbours with two readings or more. */
    public OptionalDouble medianRise(Collection<List<FillSample>> neighbours) {
        List<Double> rises = new ArrayList<>();
        for (List<FillSample> readings : neighbours) {
            if (readings.size() >= 2) {
                rises.add(rise(readings));
            }
        }
        if (rises.isEmpty()) {
            return OptionalDouble.empty();
        }
        rises.sort(null);
        int mid = rises.size() / 2;
        double median = rises.size() % 2 == 1 ? rises.get(mid) : (rises.get(mid - 1) + rises.get(mid)) / 2;
        return OptionalDouble.of(median);
    }
}
