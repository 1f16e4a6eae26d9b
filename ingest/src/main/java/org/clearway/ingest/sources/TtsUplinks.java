package org.clearway.ingest.sources;

import com.fasterxml.jackson.databind.JsonNode;
import org.clearway.core.contract.RejectReason;
import java.time.Instant;
import org.clearway.core.contract.Rfc3339;
import org.clearway.core.contract.devices.Uplink;
import org.clearway.ingest.message.StatusEvent;

/**
 * The Things Stack v3's MQTT server: an uplink on {@code v3/{application}@{tenant}/devices/{device}/up}
 * with {@code end_device_ids.dev_eui} (the registry's key; {@code device_id} when a device has no
 * DevEUI), {@code received_at}, and {@code uplink_message.f_port}, {@code f_cnt},
 * {@code frm_payload} (base64), {@code decoded_payload}, {@code rx_metadata[].rssi}, and the device's last battery
 * level {@code last_battery_percentage} as its status. The topic's
 * device id must be the body's.
 */
public final class TtsUplinks implements UplinkParser {
    /** The source {@code device_status} keeps The Things Stack's battery under (V21). */
    static final String BATTERY_SOURCE = "tts-status";

    @Override
    public ServerMessage parse(String topic, byte[] payload) throws BadUplink {
        String[] levels = topic.split("/", -1);
        int n = levels.length;
        if (n < 5 || !levels[n - 5].equals("v3") || !levels[n - 3].equals("devices") || !levels[n - 1].equals("up")) {
            throw new BadUplink(RejectReason.BAD_TOPIC, "topic '" + topic + "' is not v3/{application}@{tenant}/devices/{device}/up");
        }
        JsonNode root = UplinkJson.read(payload);
        String deviceId = UplinkJson.text(root.path("end_device_ids").path("device_id"), "end_device_ids.device_id");
        if (!deviceId.equals(levels[n - 2])) {
            throw new BadUplink(RejectReason.BAD_TOPIC, "the topic's device " + levels[n - 2]
                    + " is not the body's end_device_ids.device_id " + deviceId);
        }
        return body(root);
    }

    /** A webhook's uplink message: the same JSON as on MQTT. */
    @Override
    public ServerMessage parseBody(byte[] payload) throws BadUplink {
        return body(UplinkJson.read(payload));
    }

    private static ServerMessage body(JsonNode root) throws BadUplink {
        JsonNode ids = root.path("end_device_ids");
        String deviceId = UplinkJson.text(ids.path("device_id"), "end_device_ids.device_id");
        JsonNode up = root.path("uplink_message");
        if (!up.isObject()) {
            throw new BadUplink(RejectReason.NOT_A_READING, "uplink_message is missing: not an uplink");
        }
        String key = ids.path("dev_eui").isTextual() ? ids.path("dev_eui").textValue() : deviceId;
        JsonNode time = root.path("received_at").isMissingNode() ? up.path("received_at") : root.path("received_at");
        Uplink uplink = new Uplink(UplinkJson.deviceId(key), UplinkJson.time(time, "received_at"),
                UplinkJson.port(up.path("f_port"), "uplink_message.f_port"), UplinkJson.counter(up.path("f_cnt")),
                UplinkJson.base64(up.path("frm_payload"), "uplink_message.frm_payload"),
                up.path("decoded_payload").isObject() ? up.path("decoded_payload") : null,
                UplinkJson.bestRssi(up.path("rx_metadata")));
        return new ServerMessage(uplink, battery(uplink, up.path("last_battery_percentage")));
    }

    /**
     * The device's last battery level as the network server knows it (The Things Stack 3.33.1 and later:
     * {@code uplink_message.last_battery_percentage} = {@code {f_cnt, value, received_at}}, from the device's last
     * DevStatusAns), at the time the server received it; null when absent or not a percentage (the uplink is stored
     * all the same).
     */
    static StatusEvent battery(Uplink uplink, JsonNode last) {
        JsonNode value = last.path("value");
        if (!value.isNumber() || !(value.doubleValue() >= 0 && value.doubleValue() <= 100)) {
            return null;
        }
        Instant at = last.path("received_at").isTextual()
                ? Rfc3339.parse(last.path("received_at").textValue()).orElse(uplink.receivedAt()) : uplink.receivedAt();
        return new StatusEvent(uplink.deviceId(), at, BATTERY_SOURCE, value.doubleValue(), null);
    }
}
