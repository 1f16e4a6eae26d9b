package org.clearway.ingest.store;

import java.time.Instant;
import java.util.Optional;
import org.clearway.core.contract.devices.DeviceFrame;
import org.clearway.core.contract.devices.DeviceModel;
import org.clearway.core.contract.devices.FrameDecoder;
import org.clearway.core.contract.devices.UndecodableFrame;
import org.clearway.core.contract.devices.Uplink;

/**
 * What a device says of itself besides the level (V17 {@code device_status}): battery in percent or volts, external
 * power, tilt, and whether its battery is low by ingest's thresholds.
 *
 * @param source {@value #FRAME} (its uplink's frame) or {@value #CHIRPSTACK_STATUS} (the network server's status event)
 * @param binId  the bin the device was on at {@code measuredAt}, null when none
 */
public record DeviceStatus(String deviceId, Instant measuredAt, String source, Instant receivedAt, String binId,
                           Double batteryPct, Double batteryV, Boolean externalPower, Boolean tilt, boolean lowBattery) {
    public static final String FRAME = "frame";
    public static final String CHIRPSTACK_STATUS = "chirpstack-status";

    /**
     * When is a battery low: at or under {@code percent}, or at or under {@code volts} where the device reports volts
     * (0 turns the volts rule off: the models' curves differ).
     */
    public record LowBattery(double percent, double volts) {
        boolean low(Double pct, Double v) {
            return (pct != null && pct <= percent) || (v != null && volts > 0 && v <= volts);
        }
    }

    /** The status in an uplink's frame, if its decoder reads one; empty for a frame it refuses or without status. */
    static Optional<DeviceStatus> ofFrame(DeviceModel model, Uplink u, String binId, Instant receivedAt, LowBattery rule) {
        Optional<FrameDecoder> decoder = model.decoder();
        if (decoder.isEmpty() || u.receivedAt() == null) {
            return Optional.empty();
        }
        DeviceFrame f;
        try {
            f = u.bytes() == null || u.bytes().length == 0 ? decoder.get().fromServerObject(u.serverObject()).orElse(null)
                    : decoder.get().decode(u.fPort(), u.bytes());
        } catch (UndecodableFrame e) {
            return Optional.empty();
        }
        if (f == null || (f.battery() == null && f.batteryVolts() == null && f.tilt() == null)) {
            return Optional.empty();
        }
        Double pct = f.battery() != null && f.battery() >= 0 && f.battery() <= 100 ? f.battery() : null;
        return Optional.of(new DeviceStatus(u.deviceId(), u.receivedAt(), FRAME, receivedAt, binId, pct, f.batteryVolts(),
                null, f.tilt(), rule.low(pct, f.batteryVolts())));
    }
}
