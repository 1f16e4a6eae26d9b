package org.clearway.ingest.message;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * What a network server says of a device besides its frame, on the way to the store: ChirpStack's {@code status} event
 * (the device's answer to DevStatusReq) or The Things Stack's {@code last_battery_percentage} in an uplink message.
 * The store writes it as the device's status, with the bin the device was on at {@code measuredAt}.
 *
 * @param source        the status's source as {@code device_status} keeps it
 * @param batteryPct    0 to 100; null when the device cannot tell or is on external power
 * @param externalPower null when the server does not say
 */
public record StatusEvent(String deviceId, Instant measuredAt, String source, Double batteryPct, Boolean externalPower) {
    public StatusEvent {
        measuredAt = measuredAt.truncatedTo(ChronoUnit.MICROS);
    }
}
