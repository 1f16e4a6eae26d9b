package org.clearway.decisions.forecast;

import java.time.Instant;

/**
 * A bin's fill forecast at one time.
 *
 * @param at             when it was made (the newest reading's time)
 * @param levelPct       the fitted level at {@code at}
 * @param ratePctPerHour the fill rate expected in the current hour
 * @param basis          whether the hour-of-week profile shaped it
 * @param points         smoothed levels behind the trend
 * @param full           when the bin reaches 100 %
 * @param threshold      when the bin reaches its threshold
 */
public record Forecast(Instant at, double levelPct, double ratePctPerHour, Basis basis, int points, Eta full, Eta threshold) {

    /** What the forecast rests on. */
    public enum Basis {
        /** the robust trend alone: a constant rate */
        TREND,
        /** the trend's rate relative to the hour-of-week profile, projected through the profile */
        TREND_AND_PROFILE
    }

    /**
     * When a level is reached: the median estimate and the band around it. Each is null when it lies beyond the
     * forecast horizon (or never comes, at a rate of zero). {@code p10 <= p50 <= p90} when present.
     *
     * @param targetPct the level
     * @param p10       early estimate: one chance in ten of being reached earlier
     * @param p50       median estimate
     * @param p90       late estimate
     */
    public record Eta(double targetPct, Instant p10, Instant p50, Instant p90) {
    }
}
