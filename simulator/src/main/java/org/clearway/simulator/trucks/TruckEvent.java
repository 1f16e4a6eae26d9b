package org.clearway.simulator.trucks;

import java.time.Instant;

/** What a simulated truck has to say: a position or a job update (docs/trucks.md). */
public sealed interface TruckEvent {
    Instant ts();

    /** A position; {@code speedKmh} 0 while standing. */
    record Position(Instant ts, double lat, double lon, double speedKmh, double headingDeg, double loadPct)
            implements TruckEvent {
    }

    /**
     * A job update; weight and volume only on {@code collected} (null when the bin was not simulated here).
     */
    record JobUpdate(Instant ts, long jobId, String event, Double weightKg, Double volumeL) implements TruckEvent {
        static JobUpdate of(Instant ts, long jobId, String event) {
            return new JobUpdate(ts, jobId, event, null, null);
        }
    }
}
