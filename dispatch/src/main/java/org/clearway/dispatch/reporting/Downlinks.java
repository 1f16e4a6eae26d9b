package org.clearway.dispatch.reporting;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.clearway.core.contract.devices.ReportingFrames.Frame;

/**
 * A frame as each network server's MQTT integration takes a downlink: ChirpStack v4
 * {@code application/{applicationId}/device/{devEui}/command/down} with {@code {"devEui", "confirmed", "fPort",
 * "data"}} (data in base64), The Things Stack v3 {@code v3/{application}@{tenant}/devices/{deviceId}/down/push} with
 * {@code {"downlinks":[{"f_port", "frm_payload", "priority"}]}}. The Things Stack's device id of a registry id that is a
 * DevEUI (16 hex digits) is {@code eui-} and the DevEUI, as its console names devices; any other id is taken as the
 * device id itself.
 */
public final class Downlinks {
    private static final Pattern DEV_EUI = Pattern.compile("[0-9a-f]{16}");

    /** One downlink: where it goes and its JSON. */
    public record Downlink(String topic, byte[] json) {
    }

    private final String prefix;
    private final String chirpstackApplication;
    private final String ttsApplication;
    private final ObjectMapper mapper;

    /**
     * @param prefix                the topic prefix the network servers' integrations use (as ingest's topics)
     * @param chirpstackApplication ChirpStack's application id; blank: no downlink through ChirpStack
     * @param ttsApplication        The Things Stack's {@code {application}@{tenant}}; blank: none through it
     */
    public Downlinks(String prefix, String chirpstackApplication, String ttsApplication, ObjectMapper mapper) {
        this.prefix = prefix == null ? "" : prefix;
        this.chirpstackApplication = Objects.requireNonNull(chirpstackApplication, "chirpstackApplication");
        this.ttsApplication = Objects.requireNonNull(ttsApplication, "ttsApplication");
        this.mapper = Objects.requireNonNull(mapper, "mapper");
    }

    /** The downlink of {@code frame} to the device {@code deviceId} by its {@code source} ({@code chirpstack}, {@code tts}). */
    public Downlink of(String source, String deviceId, Frame frame) {
        String data = Base64.getEncoder().encodeToString(frame.payload());
        return switch (source) {
            case "chirpstack" -> {
                ObjectNode body = mapper.createObjectNode();
                body.put("devEui", deviceId.toLowerCase(Locale.ROOT));
                body.put("confirmed", false);
                body.put("fPort", frame.fPort());
                body.put("data", data);
                yield new Downlink(prefix + "application/" + chirpstackApplication + "/device/"
                        + deviceId.toLowerCase(Locale.ROOT) + "/command/down", bytes(body));
            }
            case "tts" -> {
                ObjectNode body = mapper.createObjectNode();
                ObjectNode one = body.putArray("downlinks").addObject();
                one.put("f_port", frame.fPort());
                one.put("frm_payload", data);
                one.put("priority", "NORMAL");
                yield new Downlink(prefix + "v3/" + ttsApplication + "/devices/" + ttsDeviceId(deviceId) + "/down/push",
                        bytes(body));
            }
            default -> throw new IllegalArgumentException("no downlink through source '" + source + "'");
        };
    }

    /** The sources downlinks can go through: those whose application is configured. */
    public List<String> sources() {
        List<String> sources = new ArrayList<>(2);
        if (!chirpstackApplication.isBlank()) {
            sources.add("chirpstack");
        }
        if (!ttsApplication.isBlank()) {
            sources.add("tts");
        }
        return sources;
    }

    static String ttsDeviceId(String registryId) {
        return DEV_EUI.matcher(registryId).matches() ? "eui-" + registryId : registryId;
    }

    static String hex(Frame frame) {
        return HexFormat.of().formatHex(frame.payload());
    }

    private byte[] bytes(ObjectNode body) {
        return body.toString().getBytes(StandardCharsets.UTF_8);
    }
}
