package org.clearway.decisions.signal;

import java.time.Instant;
import java.util.Objects;

/**
 * A fill level at a time: a raw reading's level, or a smoothed level.
 *
 * @param at  when the level was measured
 * @param pct fill level in percent of the bin's volume
 */
public record FillSample(Instant at, double pct) {

    public FillSample {
        Objects.requireNonNull(at, "at");
        if (!Double.isFinite(pct)) {
            throw new IllegalArgumentException("fill level must be a finite number, got " + pct);
        }
    }
}
