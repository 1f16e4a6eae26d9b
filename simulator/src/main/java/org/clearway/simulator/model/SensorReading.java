package org.clearway.simulator.model;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.clearway.core.contract.Alarm;

/**
 * One measurement as the sensor sends it; optional fields are null when this sensor's firmware
 * leaves them out.
 *
 * @param offset the offset the sensor writes its {@code ts} with
 */
public record SensorReading(Instant ts, ZoneOffset offset, Double fill, Integer distanceMm, Long seq, Double battery,
                            Double tempC, Boolean tilt, Integer rssi, List<Alarm> alarms) {
    public SensorReading {
        alarms = alarms == null ? List.of() : List.copyOf(alarms);
    }
}
