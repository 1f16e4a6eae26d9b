package org.clearway.simulator.devices;

import java.time.Instant;
import java.util.Base64;

/**
 * An uplink as each network server hands it on, its topic and JSON: ChirpStack v4's MQTT integration (JSON
 * marshaler, {@code application/{applicationId}/device/{devEui}/event/up}) and The Things Stack v3's MQTT server
 * ({@code v3/{application}@{tenant}/devices/{deviceId}/up}).
 */
public final class NetworkServerJson {
    /** The simulated city's ChirpStack application and The Things Stack application and tenant. */
    public static final String CHIRPSTACK_APPLICATION = "5a1c2f3e-0b7d-4c1e-9f00-000000c1ea00";
    static final String TTS_APPLICATION = "clearway-bins";
    static final String TTS_TENANT = "city";
    /** The Things Stack's {@code {application}@{tenant}}, as its topics and dispatch's downlinks name it. */
    public static final String TTS_APPLICATION_ID = TTS_APPLICATION + "@" + TTS_TENANT;

    private NetworkServerJson() {
    }

    public static String chirpstackTopic(String prefix, String devEui) {
        return prefix + "application/" + CHIRPSTACK_APPLICATION + "/device/" + devEui + "/event/up";
    }

    public static String ttsTopic(String prefix, String deviceId) {
        return prefix + "v3/" + TTS_APPLICATION + "@" + TTS_TENANT + "/devices/" + deviceId + "/up";
    }

    /** @param fCnt null leaves it out; {@code rssi} null sends the gateway without one */
    public static String chirpstack(String devEui, Instant time, Long fCnt, int fPort, byte[] frame, Integer rssi) {
        return "{\"deduplicationId\":\"" + java.util.UUID.nameUUIDFromBytes((devEui + time).getBytes(
                java.nio.charset.StandardCharsets.UTF_8)) + "\",\"time\":\"" + time + "\","
                + "\"deviceInfo\":{\"tenantName\":\"City\",\"applicationId\":\"" + CHIRPSTACK_APPLICATION
                + "\",\"applicationName\":\"bins\",\"deviceProfileName\":\"level sensors\",\"deviceName\":\"bin "
                + devEui + "\",\"devEui\":\"" + devEui + "\",\"tags\":{}},"
                + (fCnt == null ? "" : "\"fCnt\":" + fCnt + ",") + "\"fPort\":" + fPort + ",\"confirmed\":false,"
                + "\"data\":\"" + Base64.getEncoder().encodeToString(frame) + "\","
                + "\"rxInfo\":[{\"gatewayId\":\"0016c001f1500001\"" + (rssi == null ? "" : ",\"rssi\":" + rssi)
                + ",\"snr\":7.5}]}";
    }

    /** @param fCnt null leaves it out; {@code rssi} null sends the gateway without one */
    public static String tts(String deviceId, String devEui, Instant time, Long fCnt, int fPort, byte[] frame,
                             Integer rssi) {
        return "{\"end_device_ids\":{\"device_id\":\"" + deviceId + "\",\"application_ids\":{\"application_id\":\""
                + TTS_APPLICATION + "\"},\"dev_eui\":\"" + devEui.toUpperCase(java.util.Locale.ROOT) + "\"},"
                + "\"received_at\":\"" + time + "\",\"uplink_message\":{\"f_port\":" + fPort
                + (fCnt == null ? "" : ",\"f_cnt\":" + fCnt) + ",\"frm_payload\":\""
                + Base64.getEncoder().encodeToString(frame) + "\",\"rx_metadata\":[{\"gateway_ids\":{\"gateway_id\":"
                + "\"city-gw-1\"}" + (rssi == null ? "" : ",\"rssi\":" + rssi) + "}],\"received_at\":\"" + time + "\"}}";
    }
}
