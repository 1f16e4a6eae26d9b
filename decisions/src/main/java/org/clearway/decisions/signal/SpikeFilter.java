package org.clearway.decisions.signal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * Turns raw readings into the level decisions are made on, so that one wild reading decides nothing.
 *
 * <p>The rule: the <em>decision level</em> after a reading is the median of the bin's last three raw readings.
 * With only two readings it is the lower of the two; with one there is no level yet. One reading, however far
 * off, cannot move a median of three: a level change needs two readings that agree, which is "confirmation by
 * the next reading". The forecaster is fed the centred version of the same median (the middle reading's time
 * with the median of the three), so it lags one reading behind.
 *
 * <p>A reading is <em>counted</em> as a spike (a metric, not a decision) when it jumped more than
 * {@code spikeJumpPct} away from the reading before it and came back by more than that at the next one.
 */
public final class SpikeFilter {

    /** Readings kept: the newest three. */
    public static final int WINDOW = 3;

    private final double spikeJumpPct;

    public SpikeFilter(double spikeJumpPct) {
        if (!(spikeJumpPct > 0)) {
            throw new IllegalArgumentException("spike jump must be positive, got " + spikeJumpPct);
        }
        this.spikeJumpPct = spikeJumpPct;
    }

    /** The window after {@code sample}: the newest {@link #WINDOW} readings, oldest first. */
    public List<FillSample> push(List<FillSample> window, FillSample sample) {
        List<FillSample> next = new ArrayList<>(WINDOW);
        int from = Math.max(0, window.size() - (WINDOW - 1));
        next.addAll(window.subList(from, window.size()));
        next.add(sample);
        return List.copyOf(next);
    }

    /** The decision level of a window: median of three, lower of two, none for one. */
    public OptionalDouble level(List<FillSample> window) {
        return switch (window.size()) {
            case 0, 1 -> OptionalDouble.empty();
            case 2 -> OptionalDouble.of(Math.min(window.get(0).pct(), window.get(1).pct()));
            default -> OptionalDouble.of(median(window));
        };
    }

    /** The smoothed sample for the middle reading of a full window (what the forecaster learns from). */
    public Optional<FillSample> centred(List<FillSample> window) {
        if (window.size() < WINDOW) {
            return Optional.empty();
        }
        return Optional.of(new FillSample(window.get(1).at(), median(window)));
    }

    /** Whether the middle reading of a full window is a spike: far from both of its neighbours, same side. */
    public boolean middleIsSpike(List<FillSample> window) {
        if (window.size() < WINDOW) {
            return false;
        }
        double before = window.get(1).pct() - window.get(0).pct();
        double after = window.get(1).pct() - window.get(2).pct();
        return (before > spikeJumpPct && after > spikeJumpPct) || (before < -spikeJumpPct && after < -spikeJumpPct);
    }

    private static double median(List<FillSample> window) {
        double[] values = window.stream().mapToDouble(FillSample::pct).toArray();
        Arrays.sort(values);
        return values[values.length / 2];
    }
}
