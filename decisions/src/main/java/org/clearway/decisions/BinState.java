package org.clearway.decisions;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import org.clearway.decisions.forecast.Forecast;
import org.clearway.decisions.forecast.ForecastState;
import org.clearway.decisions.signal.FillSample;
import org.clearway.decisions.signal.StuckSensorDetector.Watch;
import org.clearway.decisions.signal.ThresholdRule.Phase;

/**
 * A bin's decision state between two readings: store it with the bin (as JSON) and hand it back with the next
 * reading. {@link #forecast()} is the bin's current time-to-full forecast.
 *
 * @param binId         the bin
 * @param lastReadingAt the newest reading processed; null before any
 * @param recent        the newest raw readings, at most three, oldest first (the spike filter's window)
 * @param levelPct      the decision level (median of {@code recent}); null before two readings
 * @param threshold     armed or triggered
 * @param forecastDue   whether the forecast rule's condition held at the last reading (jobs come on its rising edge)
 * @param forecaster    the forecaster's learned state
 * @param forecast      the latest forecast, or null while there is too little data since the last emptying
 * @param stuck         the stuck-sensor watch, or null before the first level
 * @param activeAlarms  alarm names of the last reading (an alarm asks for a job when it appears)
 * @param lastEmptiedAt the last detected emptying, or null
 */
public record BinState(String binId, Instant lastReadingAt, List<FillSample> recent, Double levelPct, Phase threshold,
                       boolean forecastDue, ForecastState forecaster, Forecast forecast, Watch stuck,
                       Set<String> activeAlarms, Instant lastEmptiedAt) {

    public BinState {
        Objects.requireNonNull(binId, "binId");
        Objects.requireNonNull(threshold, "threshold");
        Objects.requireNonNull(forecaster, "forecaster");
        recent = List.copyOf(recent);
        activeAlarms = Set.copyOf(activeAlarms);
    }

    /** The state of a bin that has sent nothing yet. */
    public static BinState initial(String binId) {
        return new BinState(binId, null, List.of(), null, Phase.ARMED, false, ForecastState.initial(), null, null,
                Set.of(), null);
    }

    /** Whether the sensor is flagged as stuck. */
    public boolean stuckFlagged() {
        return stuck != null && stuck.flagged();
    }
}
