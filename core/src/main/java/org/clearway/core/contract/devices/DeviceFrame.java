package org.clearway.core.contract.devices;

import java.util.List;
import org.clearway.core.contract.Alarm;

/**
 * What one decoded device frame says, in the device contract's terms. Null fields were not in the
 * frame. A frame without {@code distanceMm} (a device-information or battery-only frame) holds no
 * reading; ingest keeps it with reason {@code missing_fill}.
 *
 * @param distanceMm   distance from the sensor to the waste surface, millimetres
 * @param battery      battery level in percent, where the device reports one (not voltages)
 * @param batteryVolts battery voltage, where the device reports that instead (kept for the detail only)
 * @param tempC        temperature, degrees Celsius
 * @param tilt         whether the device reports itself tilted
 * @param alarms       the contract's alarms the frame raises
 */
public record DeviceFrame(Integer distanceMm, Double battery, Double batteryVolts, Double tempC, Boolean tilt,
                          List<Alarm> alarms) {
    public DeviceFrame {
        alarms = alarms == null ? List.of() : List.copyOf(alarms);
    }

    public boolean hasReading() {
        return distanceMm != null;
    }
}
