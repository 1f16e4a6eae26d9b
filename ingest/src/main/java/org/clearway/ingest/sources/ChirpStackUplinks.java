package org.clearway.ingest.sources;

import com.fasterxml.jackson.databind.JsonNode;
import org.clearway.core.contract.RejectReason;
import org.clearway.core.contract.devices.Uplink;

/**
 * ChirpStack v4's MQTT integration, JSON marshaler: an uplink event on
 * {@code application/{applicationId}/device/{devEui}/event/up} with {@code deviceInfo.devEui},
 * {@code time}, {@code fCnt}, {@code fPort}, {@code data} (base64), {@code object} when its codec
 * decoded the frame, and {@code rxInfo[].rssi}; a status event on {@code .../event/status}
 * ({@link ChirpStackStatus}: {@code batteryLevel}, {@code margin}, {@code externalPowerSource}). The topic's
 * DevEUI must be the body's.
 */
public final class ChirpStackUplinks implements UplinkParser {
    @Override
    public ServerMessage parse(String topic, byte[] payload) throws BadUplink {
        String[] levels = topic.split("/", -1);
        int n = levels.length;
        String event = n >= 6 ? levels[n - 1] : "";
        if (n < 6 || !levels[n - 6].equals("application") || !levels[n - 4].equals("device")
                || !levels[n - 2].equals("event") || !(event.equals("up") || event.equals("status"))) {
            throw new BadUplink(RejectReason.BAD_TOPIC,
                    "topic '" + topic + "' is not application/{id}/device/{devEui}/event/up or .../event/status");
        }
        JsonNode root = UplinkJson.read(payload);
        ServerMessage message = event.equals("up") ? ServerMessage.of(body(root))
                : new ServerMessage(null, ChirpStackStatus.of(root).event());
        if (!message.deviceId().equals(UplinkJson.deviceId(levels[n - 3]))) {
            throw new BadUplink(RejectReason.BAD_TOPIC, "the topic's DevEUI " + levels[n - 3]
                    + " is not the body's deviceInfo.devEui " + message.deviceId());
        }
        return message;
    }

    /** ChirpStack v4's HTTP integration posts the same JSON (marshaler JSON) for {@code ?event=up}. */
    @Override
    public ServerMessage parseBody(byte[] payload) throws BadUplink {
        return ServerMessage.of(body(UplinkJson.read(payload)));
    }

    private static Uplink body(JsonNode root) throws BadUplink {
        String devEui = UplinkJson.deviceId(UplinkJson.text(root.path("deviceInfo").path("devEui"), "deviceInfo.devEui"));
        // Without a gateway time ChirpStack sets "time" to when it received the uplink.
        return new Uplink(devEui, UplinkJson.time(root.path("time"), "time"), UplinkJson.port(root.path("fPort"), "fPort"),
                UplinkJson.counter(root.path("fCnt")), UplinkJson.base64(root.path("data"), "data"),
                root.path("object").isObject() ? root.path("object") : null, UplinkJson.bestRssi(root.path("rxInfo")));
    }
}
