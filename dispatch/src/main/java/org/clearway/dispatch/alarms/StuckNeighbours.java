package org.clearway.dispatch.alarms;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalDouble;

import org.clearway.decisions.BinState;
import org.clearway.decisions.signal.FillSample;
import org.clearway.decisions.signal.StuckSensorDetector;
import org.clearway.dispatch.store.BinProfile;
import org.clearway.dispatch.store.ReadingStore;

/**
 * The neighbour input of the stuck-sensor rule: "no change for a long time while its neighbours fill". A bin's
 * neighbours are the unretired bins of its zone (the community) and waste stream; their rise over the trailing
 * {@code stuckAfter} comes from the stored readings. The median is known only when at least
 * {@link #MIN_NEIGHBOURS} neighbours have two readings or more in that window: one neighbour filling is too little
 * evidence against a sensor. The query runs only for a <em>candidate</em>: a bin whose level has been flat for
 * {@code stuckAfter} and is not flagged yet; every other reading passes "unknown" (null) and costs nothing.
 */
public final class StuckNeighbours {

    /** Neighbours with enough readings needed before their median rise counts. */
    public static final int MIN_NEIGHBOURS = 2;

    private final Duration stuckAfter;
    private final StuckSensorDetector detector;
    private final ReadingStore readings;

    public StuckNeighbours(Duration stuckAfter, StuckSensorDetector detector, ReadingStore readings) {
        this.stuckAfter = Objects.requireNonNull(stuckAfter, "stuckAfter");
        this.detector = Objects.requireNonNull(detector, "detector");
        this.readings = Objects.requireNonNull(readings, "readings");
    }

    /**
     * The median rise of the bin's neighbours over {@code (at - stuckAfter, at]}, or null when the bin is not a
     * candidate or too few neighbours reported.
     *
     * @param previous the bin's state before the reading of {@code at}
     */
    public Double medianRise(Connection c, BinProfile bin, BinState previous, Instant at) throws SQLException {
        if (!candidate(previous, at, stuckAfter)) {
            return null;
        }
        Map<String, List<FillSample>> byNeighbour = readings.neighbourReadings(c, bin, at.minus(stuckAfter), at);
        OptionalDouble median = medianRise(detector, byNeighbour.values());
        return median.isPresent() ? median.getAsDouble() : null;
    }

    /** Whether the bin's level has been flat for {@code stuckAfter} at {@code at} and its stretch is not flagged yet. */
    static boolean candidate(BinState previous, Instant at, Duration stuckAfter) {
        StuckSensorDetector.Watch watch = previous.stuck();
        return watch != null && !watch.flagged() && !Duration.between(watch.flatSince(), at).minus(stuckAfter).isNegative();
    }

    /** The median rise of the neighbours with two readings or more; empty when fewer than {@link #MIN_NEIGHBOURS}. */
    static OptionalDouble medianRise(StuckSensorDetector detector, Iterable<List<FillSample>> neighbours) {
        List<List<FillSample>> usable = new ArrayList<>();
        for (List<FillSample> samples : neighbours) {
            if (samples.size() >= 2) {
                usable.add(samples);
            }
        }
        return usable.size() < MIN_NEIGHBOURS ? OptionalDouble.empty() : detector.medianRise(usable);
    }
}
