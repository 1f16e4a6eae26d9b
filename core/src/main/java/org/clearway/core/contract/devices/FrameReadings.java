package org.clearway.core.contract.devices;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.clearway.core.contract.DecodedMessage;
import org.clearway.core.contract.FieldCheck;
import org.clearway.core.contract.Reading;
import org.clearway.core.contract.ReadingValidator;
import org.clearway.core.contract.RejectReason;
import org.clearway.core.contract.Rejection;

/**
 * The decode step for a device behind a network server: its uplink's frame through the device
 * model's decoder, then the result through the same field checks as a contract JSON reading (the
 * time window, the ranges), so a decoded reading is exactly as valid as a sensor's own JSON.
 * Whatever is refused is a rejection of the whole message, whose raw bytes the caller keeps.
 */
public final class FrameReadings {
    private final ReadingValidator validator;

    public FrameReadings(Clock clock, Duration maxAge) {
        this.validator = new ReadingValidator(clock, maxAge);
    }

    /**
     * @param binId   the bin the device is on at the uplink's time
     * @param model   the device's model, from the registry
     * @param uplink  the uplink
     * @param message the network server's whole message, kept raw with a rejection
     */
    public DecodedMessage decode(String binId, DeviceModel model, Uplink uplink, byte[] message) {
        Optional<FrameDecoder> decoder = model.decoder();
        if (decoder.isEmpty()) {
            return reject(binId, RejectReason.UNDECODABLE, "device " + uplink.deviceId() + " is registered as "
                    + model.code() + ", which sends JSON on the contract's topic, not frames", message);
        }
        DeviceFrame frame;
        String hex = uplink.bytes() == null ? "" : HexFormat.of().formatHex(uplink.bytes());
        if (uplink.bytes() == null || uplink.bytes().length == 0) {
            Optional<DeviceFrame> fromServer = decoder.get().fromServerObject(uplink.serverObject());
            if (fromServer.isEmpty()) {
                return reject(binId, RejectReason.UNDECODABLE, "the uplink holds no frame bytes and the network server's "
                        + "decoded object is not trusted for " + model.code(), message);
            }
            frame = fromServer.get();
        } else {
            try {
                frame = decoder.get().decode(uplink.fPort(), uplink.bytes());
            } catch (UndecodableFrame e) {
                return reject(binId, RejectReason.UNDECODABLE, e.getMessage() + " (fPort " + uplink.fPort()
                        + ", hex " + hex + ")", message);
            }
        }
        if (!frame.hasReading()) {
            return reject(binId, RejectReason.MISSING_FILL, "the " + model.code() + " frame holds no distance"
                    + (frame.batteryVolts() != null ? " (battery " + frame.batteryVolts() + " V)" : "")
                    + " (hex " + hex + ")", message);
        }
        if (uplink.receivedAt() == null) {
            return reject(binId, RejectReason.MISSING_TS, "the uplink carries no reception time", message);
        }
        try {
            Reading reading = validator.validate(binId, readingNode(uplink, frame));
            return new DecodedMessage(binId, List.of(reading), List.of());
        } catch (FieldCheck check) {
            return reject(binId, check.reason(), check.getMessage() + " (decoded from hex " + hex + ")", message);
        }
    }

    /** The contract's reading object for this frame. */
    static JsonNode readingNode(Uplink uplink, DeviceFrame frame) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("ts", uplink.receivedAt().toString());
        node.put("distanceMm", frame.distanceMm());
        if (frame.battery() != null) {
            node.put("battery", frame.battery());
        }
        if (frame.tempC() != null) {
            node.put("tempC", frame.tempC());
        }
        if (frame.tilt() != null) {
            node.put("tilt", frame.tilt());
        }
        if (uplink.rssi() != null) {
            node.put("rssi", uplink.rssi());
        }
        if (uplink.fCnt() != null) {
            node.put("seq", uplink.fCnt());
        }
        if (!frame.alarms().isEmpty()) {
            frame.alarms().forEach(alarm -> node.withArray("alarms").add(alarm.wireName()));
        }
        return node;
    }

    private static DecodedMessage reject(String binId, RejectReason reason, String detail, byte[] message) {
        return DecodedMessage.rejected(binId, Rejection.ofMessage(reason, detail, message));
    }
}
