package org.clearway.decisions.reporting;

import java.time.Duration;
import java.util.Objects;

/**
 * The reporting interval of each tier, fastest first.
 *
 * @param fast   the interval near the threshold
 * @param normal the interval otherwise
 * @param slow   the interval far from the threshold or just after an emptying
 */
public record ReportingIntervals(Duration fast, Duration normal, Duration slow) {

    /**
     * A real city's defaults: 30 minutes, 2 hours, 4 hours (the lab's ReportingCommand: 44 % fewer uplinks than
     * hourly reporting, with faster detection and no more overflow; 15 min / 1 h / 4 h sent as many as hourly).
     */
    public static final ReportingIntervals DEFAULTS = new ReportingIntervals(Duration.ofMinutes(30), Duration.ofHours(2),
            Duration.ofHours(4));

    public ReportingIntervals {
        Objects.requireNonNull(fast, "fast");
        Objects.requireNonNull(normal, "normal");
        Objects.requireNonNull(slow, "slow");
        if (fast.isNegative() || fast.isZero()) {
            throw new IllegalArgumentException("the fast interval must be positive, not " + fast);
        }
        if (normal.compareTo(fast) < 0 || slow.compareTo(normal) < 0) {
            throw new IllegalArgumentException("intervals must not shrink from fast to slow: " + fast + ", " + normal
                    + ", " + slow);
        }
    }

    public Duration of(ReportingTier tier) {
        return switch (tier) {
            case FAST -> fast;
            case NORMAL -> normal;
            case SLOW -> slow;
        };
    }
}
