package org.clearway.ingest.sources;

import com.fasterxml.jackson.databind.JsonNode;
import org.clearway.core.contract.RejectReason;
import org.clearway.core.contract.devices.Uplink;

/**
 * The Things Stack v3's MQTT server: an uplink on {@code v3/{application}@{tenant}/devices/{device}/up}
 * with {@code end_device_ids.dev_eui} (the registry's key; {@code device_id} when a device has no
 * DevEUI), {@code received_at}, and {@code uplink_message.f_port}, {@code f_cnt},
 * {@code frm_payload} (base64), {@code decoded_payload}, {@code rx_metadata[].rssi}. The topic's
 * device id must be the body's.
 */
public final class TtsUplinks implements UplinkParser {
    @Override
    public Uplink parse(String topic, byte[] payload) throws BadUplink {
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
    public Uplink parseBody(byte[] payload) throws BadUplink {
        return body(UplinkJson.read(payload));
    }

    private static Uplink body(JsonNode root) throws BadUplink {
        JsonNode ids = root.path("end_device_ids");
        String deviceId = UplinkJson.text(ids.path("device_id"), "end_device_ids.device_id");
        JsonNode up = root.path("uplink_message");
        if (!up.isObject()) {
            throw new BadUplink(RejectReason.NOT_A_READING, "uplink_message is missing: not an uplink");
        }
        String key = ids.path("dev_eui").isTextual() ? ids.path("dev_eui").textValue() : deviceId;
        JsonNode time = root.path("received_at").isMissingNode() ? up.path("received_at") : root.path("received_at");
        return new Uplink(UplinkJson.deviceId(key), UplinkJson.time(time, "received_at"),
                UplinkJson.port(up.path("f_port"), "uplink_message.f_port"), UplinkJson.counter(up.path("f_cnt")),
                UplinkJson.base64(up.path("frm_payload"), "uplink_message.frm_payload"),
                up.path("decoded_payload").isObject() ? up.path("decoded_payload") : null,
                UplinkJson.bestRssi(up.path("rx_metadata")));
    }
}
