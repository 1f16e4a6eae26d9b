package org.clearway.decisions.forecast;

import java.time.Duration;
import java.time.ZoneId;
import java.util.Objects;

/**
 * How the fill forecaster learns and forecasts.
 *
 * @param rateWindow    the trend is fitted on the smoothed levels of this trailing window, since the last emptying
 *                      (default 24 h)
 * @param maxPoints     at most this many levels in that window (default 96: a day of 15-minute readings)
 * @param minPoints     no forecast with fewer levels than this since the last emptying (default 4)
 * @param minSpan       nor before they span this long (default 1 h)
 * @param profileMemory how long the hour-of-week profile remembers: each week an observation's weight is multiplied
 *                      by {@code 1 - 1 / weeks(profileMemory)} (default 28 days: by 0.75 a week)
 * @param profileReady  the profile shapes forecasts once every hour of the day has been observed for at least this
 *                      many hours, weighted (default 5: about five days of readings)
 * @param maxGap        an interval between two levels longer than this teaches the profile nothing (default 6 h)
 * @param horizon       forecasts further out than this are "not within the horizon" (default 14 days)
 * @param bandZ         normal quantile of the band: 1.2816 gives p10 and p90
 * @param zone          the city's time zone, for hours of the week (default UTC; set it in the app)
 */
public record ForecastSettings(
        Duration rateWindow,
        int maxPoints,
        int minPoints,
        Duration minSpan,
        Duration profileMemory,
        double profileReady,
        Duration maxGap,
        Duration horizon,
        double bandZ,
        ZoneId zone) {

    /** z of the 90th percentile of a standard normal: the band is p10 to p90. */
    public static final double Z_P90 = 1.2815515655446004;

    public ForecastSettings {
        requirePositive(rateWindow, "rateWindow");
        requirePositive(minSpan, "minSpan");
        requirePositive(profileMemory, "profileMemory");
        requirePositive(maxGap, "maxGap");
        requirePositive(horizon, "horizon");
        Objects.requireNonNull(zone, "zone");
        if (minPoints < 2 || maxPoints < minPoints) {
            throw new IllegalArgumentException("need 2 <= minPoints <= maxPoints, got " + minPoints + " and " + maxPoints);
        }
        if (!(profileReady > 0) || !(bandZ >= 0)) {
            throw new IllegalArgumentException("profileReady must be positive and bandZ not negative");
        }
    }

    public static ForecastSettings defaults() {
        return new ForecastSettings(Duration.ofHours(24), 96, 4, Duration.ofHours(1), Duration.ofDays(28), 5,
                Duration.ofHours(6), Duration.ofDays(14), Z_P90, ZoneId.of("UTC"));
    }

    public ForecastSettings withZone(ZoneId newZone) {
        return new ForecastSettings(rateWindow, maxPoints, minPoints, minSpan, profileMemory, profileReady, maxGap,
                horizon, bandZ, newZone);
    }

    private static void requirePositive(Duration duration, String name) {
        Objects.requireNonNull(duration, name);
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, got " + duration);
        }
    }
}
