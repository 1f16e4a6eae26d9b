package org.clearway.ingest.sources;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.clearway.ingest.message.StatusEvent;

/**
 * ChirpStack v4's {@code status} event (the device's answer to a DevStatusReq MAC command), JSON marshaler:
 * {@code deviceInfo.devEui}, {@code time}, {@code margin}, {@code externalPowerSource},
 * {@code batteryLevelUnavailable}, {@code batteryLevel} (percent).
 *
 * @param batteryPct null when the device cannot measure it or is on external power
 */
public record ChirpStackStatus(String deviceId, Instant time, Double batteryPct, boolean externalPower) {
    /** The source {@code device_status} keeps it under. */
    public static final String SOURCE = "chirpstack-status";

    public static ChirpStackStatus parse(byte[] payload) throws BadUplink {
        return of(UplinkJson.read(payload));
    }

    static ChirpStackStatus of(JsonNode root) throws BadUplink {
        String devEui = UplinkJson.deviceId(UplinkJson.text(root.path("deviceInfo").path("devEui"), "deviceInfo.devEui"));
        Instant time = UplinkJson.time(root.path("time"), "time").truncatedTo(ChronoUnit.MICROS);
        boolean external = root.path("externalPowerSource").asBoolean(false);
        boolean unavailable = root.path("batteryLevelUnavailable").asBoolean(false);
        JsonNode level = root.path("batteryLevel");
        Double pct = null;
        if (!external && !unavailable && level.isNumber()) {
            if (level.doubleValue() < 0 || level.doubleValue() > 100) {
                throw new BadUplink(org.clearway.core.contract.RejectReason.OUT_OF_RANGE,
                        "batteryLevel must be 0 to 100, got " + level);
            }
            pct = level.doubleValue();
        }
        return new ChirpStackStatus(devEui, time, pct, external);
    }

    /** As the store takes it. */
    public StatusEvent event() {
        return new StatusEvent(deviceId, time, SOURCE, batteryPct, externalPower);
    }
}
