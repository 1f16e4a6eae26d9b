package org.clearway.simulator.expect;

import java.time.Instant;
import java.util.Objects;

/** A reading's identity in the store: the bin and the measured time ({@code readings} primary key). */
public record ReadingKey(String binId, Instant ts) {
    public ReadingKey {
        Objects.requireNonNull(binId, "binId");
        Objects.requireNonNull(ts, "ts");
    }
}
