package org.clearway.decisions;

import java.time.Instant;
import java.util.Objects;
import java.util.Set;

import org.clearway.decisions.signal.FillSample;

/**
 * One reading as the store has it (table {@code readings}).
 *
 * @param binId      the bin
 * @param measuredAt when the sensor measured
 * @param fillPct    fill level, percent
 * @param alarms     alarm names from the contract: fire, tilt, tamper, lid_open, sensor_fault, battery (others are
 *                   kept and ignored)
 * @param batteryPct battery level, or null
 * @param tempC      temperature, or null
 */
public record BinReading(String binId, Instant measuredAt, double fillPct, Set<String> alarms, Double batteryPct, Double tempC) {

    public BinReading {
        Objects.requireNonNull(binId, "binId");
        Objects.requireNonNull(measuredAt, "measuredAt");
        if (!Double.isFinite(fillPct)) {
            throw new IllegalArgumentException("reading of bin " + binId + " at " + measuredAt + ": fill must be finite");
        }
        alarms = alarms == null ? Set.of() : Set.copyOf(alarms);
    }

    /** A reading without alarms, battery or temperature. */
    public static BinReading of(String binId, Instant measuredAt, double fillPct) {
        return new BinReading(binId, measuredAt, fillPct, Set.of(), null, null);
    }

    public FillSample sample() {
        return new FillSample(measuredAt, fillPct);
    }
}
