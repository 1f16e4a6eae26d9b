package org.clearway.dispatch.app;

import java.time.Duration;

import org.clearway.core.config.Env;

/** A duration setting that must be above zero, read from the environment with its default. */
final class PositiveDurations {

    private PositiveDurations() {
    }

    /** {@code key}'s duration, or {@code fallback} when unset; zero or negative is refused with what to set instead. */
    static Duration of(Env env, String key, Duration fallback) {
        Duration value = env.duration(key, fallback);
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException("Environment variable " + key + "='" + value
                    + "' is not valid: set it to a positive duration such as 30s, 15m or 24h, or unset it to use the "
                    + "default.");
        }
        return value;
    }
}
