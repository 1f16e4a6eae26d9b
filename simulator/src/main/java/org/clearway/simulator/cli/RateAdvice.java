package org.clearway.simulator.cli;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

/**
 * How many messages per second a simulation can give: bins / interval x speed until simulated time
 * has caught up with the real now, then bins / interval. A target rate above that is not reached.
 */
final class RateAdvice {
    private RateAdvice() {
    }

    /** A sentence on what to expect, and a warning when the requested rate cannot be sustained. */
    static Optional<String> warning(int bins, Duration interval, double speed, Instant start, Instant now,
                                    double rate, Long count, Duration duration) {
        double realTimeRate = bins / (double) interval.toSeconds();
        double backlog = bins * (double) Duration.between(start, now).toSeconds() / interval.toSeconds();
        if (rate <= 0 || rate <= realTimeRate) {
            return Optional.empty();
        }
        double simulatedRate = Double.isInfinite(speed) ? Double.POSITIVE_INFINITY : realTimeRate * speed;
        if (simulatedRate < rate) {
            return Optional.of(String.format(Locale.ROOT, "Warning: %d bins reporting every %s at speed %s give about"
                    + " %,.0f messages/s, below --rate %,.0f: raise --speed (or use max), add --bins or shorten"
                    + " --interval.", bins, Durations.format(interval), speedText(speed), simulatedRate, rate));
        }
        double wanted = count != null ? count : duration != null ? rate * duration.toSeconds() : Double.POSITIVE_INFINITY;
        if (wanted > backlog) {
            return Optional.of(String.format(Locale.ROOT, "Warning: after about %,.0f messages the simulation reaches"
                    + " real time and then gives only %,.1f messages/s (%d bins every %s): for a sustained --rate"
                    + " %,.0f add --bins or shorten --interval.", backlog, realTimeRate, bins,
                    Durations.format(interval), rate));
        }
        return Optional.empty();
    }

    static String speedText(double speed) {
        return Double.isInfinite(speed) ? "max" : speed == Math.rint(speed) ? Long.toString((long) speed)
                : Double.toString(speed);
    }
}
