package org.clearway.decisions.rounds;

import java.util.Collection;
import java.util.Optional;

import org.clearway.decisions.forecast.HourOfWeekProfile;

/**
 * The week's rhythm of a stream's waste as its sensors show it: the bins' own hour-of-week profiles (learnt by the
 * fill forecaster from their level increments), each divided by the bin's own mean rate, pooled into one factor per
 * hour of the week, each bin's bucket weighted by the hours it has observed, and scaled to average 1. One bin's week
 * is noisy; a stream's hundreds of bins are not. Each bin brings its shape, not its speed: which bins are observed
 * changes over the week (a full bin teaches nothing, an emptied one starts again), and pooling raw rates would
 * make the hours when fast bins are full look quiet.
 */
public final class WasteRhythm {

    /** Each hour of the week needs this many observed hours per bin, on average, before the rhythm is trusted. */
    public static final double MIN_HOURS_PER_BIN = 0.5;

    private WasteRhythm() {
    }

    /** The 168 factors (Monday 00:00 first, mean 1), or empty until every hour of the week has been seen enough. */
    public static Optional<double[]> learn(Collection<HourOfWeekProfile> profiles) {
        int hours = RoundDays.HOURS_PER_WEEK;
        double[] sum = new double[hours];
        double[] weight = new double[hours];
        for (HourOfWeekProfile profile : profiles) {
            double[] rate = profile.weekRate();
            double[] observed = profile.weekWeight();
            double binSum = 0;
            double binWeight = 0;
            for (int h = 0; h < hours; h++) {
                binSum += observed[h] * rate[h];
                binWeight += observed[h];
            }
            double binMean = binSum / binWeight;
            if (!(binMean > 0)) {
                continue;
            }
            for (int h = 0; h < hours; h++) {
                sum[h] += observed[h] * rate[h] / binMean;
                weight[h] += observed[h];
            }
        }
        double total = 0;
        double[] factors = new double[hours];
        for (int h = 0; h < hours; h++) {
            if (profiles.isEmpty() || weight[h] < MIN_HOURS_PER_BIN * profiles.size()) {
                return Optional.empty();
            }
            factors[h] = Math.max(0, sum[h] / weight[h]);
            total += factors[h];
        }
        if (!(total > 0)) {
            return Optional.empty();
        }
        for (int h = 0; h < hours; h++) {
            factors[h] *= hours / total;
        }
        return Optional.of(factors);
    }
}
