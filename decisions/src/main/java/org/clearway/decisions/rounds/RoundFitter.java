package org.clearway.decisions.rounds;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.clearway.decisions.forecast.HourOfWeekProfile;

/**
 * Fits a stream's round days to the week's rhythm of its waste: the fewest rounds a week whose longest gap holds no
 * more expected waste than the stream's covered days (a quantile of its bins' mean days to full, see
 * {@link #coveredDays}), on the weekdays that keep that gap shortest ({@link RoundDays#fewest}). The rhythm is pooled
 * from the stream's bins' forecaster profiles ({@link WasteRhythm}). A city may pin a stream's days: they win over
 * the fit. Where several sets tie (one round a week), the groups of the stream are spread over them
 * ({@link #forGroup}).
 */
public final class RoundFitter {

    /** The calendar's sizing rule: about 95 % of a stream's bins do not fill up between two rounds. */
    public static final double COVERED_QUANTILE = 0.05;

    private final Map<String, RoundDays> pinned;

    /** @param pinned round days a city pins, per stream code (may be empty) */
    public RoundFitter(Map<String, RoundDays> pinned) {
        this.pinned = Map.copyOf(pinned);
    }

    /**
     * The stream's best round days, all that tie in a fixed order: its pinned days, or the fit to its bins' rhythm;
     * empty while that rhythm is not known yet (the caller keeps its rounds).
     *
     * @param coveredDays the most expected waste (days at the stream's mean rate) the longest gap may hold
     */
    public Optional<List<RoundDays>> fit(String stream, Collection<HourOfWeekProfile> profiles, double coveredDays) {
        RoundDays pin = pinned.get(stream);
        if (pin != null) {
            return Optional.of(List.of(pin));
        }
        return WasteRhythm.learn(profiles).map(factors -> RoundDays.fewest(h -> factors[h], coveredDays));
    }

    /** The round days of one group of a stream: the groups are spread over tying sets by their stagger. */
    public static RoundDays forGroup(List<RoundDays> tying, int stagger) {
        if (tying.isEmpty() || stagger < 0) {
            throw new IllegalArgumentException("a group needs at least one set of round days and a stagger of at "
                    + "least 0, got " + tying + " and " + stagger);
        }
        return tying.get(stagger % tying.size());
    }

    /** The given quantile of the bins' mean days to full: the value at index floor(q·n) of them sorted. */
    public static double coveredDays(Collection<Double> meanDaysToFull, double quantile) {
        if (meanDaysToFull.isEmpty() || !(quantile >= 0 && quantile < 1)) {
            throw new IllegalArgumentException("covered days need bins and a quantile in [0, 1), got "
                    + meanDaysToFull.size() + " bins and " + quantile);
        }
        double[] sorted = meanDaysToFull.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return sorted[(int) Math.min(sorted.length - 1, Math.floor(quantile * sorted.length))];
    }
}
