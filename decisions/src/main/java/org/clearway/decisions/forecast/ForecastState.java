package org.clearway.decisions.forecast;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

import org.clearway.decisions.signal.FillSample;

/**
 * What the forecaster keeps per bin, small enough to store as JSON with the bin (about 12 kB with Jackson defaults).
 *
 * @param segmentStart time of the first level since the last emptying; null before any level
 * @param points       smoothed levels of the trend window since the last emptying, oldest first
 * @param last         the newest level observed, which the next increment starts from; null before any, or
 *                     right after an emptying
 * @param profile      the bin's hour-of-week fill profile, kept across emptyings
 */
public record ForecastState(Instant segmentStart, List<FillSample> points, FillSample last, HourOfWeekProfile profile) {

    public ForecastState {
        points = List.copyOf(points);
        Objects.requireNonNull(profile, "profile");
    }

    public static ForecastState initial() {
        return new ForecastState(null, List.of(), null, HourOfWeekProfile.empty());
    }
}
