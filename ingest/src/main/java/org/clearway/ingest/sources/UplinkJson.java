package org.clearway.ingest.sources;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Instant;
import java.util.Base64;
import java.util.Locale;
import org.clearway.core.contract.RejectReason;
import org.clearway.core.contract.Rfc3339;
import org.clearway.core.contract.TelemetryDecoder;
import org.clearway.core.json.StrictJson;

/** What the network servers' JSON messages share: strict parsing, and the fields read the same way. */
final class UplinkJson {
    private static final ObjectMapper JSON = StrictJson.mapper(32, StrictJson.ANY_TOKEN_COUNT);
    /** A network server's message carries metadata around the frame: 4 times the contract's cap. */
    static final int MAX_BYTES = 4 * TelemetryDecoder.MAX_PAYLOAD_BYTES;

    private UplinkJson() {
    }

    static JsonNode read(byte[] payload) throws BadUplink {
        if (payload.length > MAX_BYTES) {
            throw new BadUplink(RejectReason.TOO_LARGE, "message is " + payload.length + " bytes; the maximum is " + MAX_BYTES);
        }
        try {
            JsonNode root = JSON.readTree(payload);
            if (root == null || !root.isObject()) {
                throw new BadUplink(RejectReason.NOT_A_READING, "an uplink message must be a JSON object");
            }
            return root;
        } catch (JsonProcessingException e) {
            throw new BadUplink(RejectReason.NOT_JSON, "message is not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new BadUplink(RejectReason.NOT_JSON, "message could not be read as JSON: " + e.getMessage());
        }
    }

    static String text(JsonNode node, String path) throws BadUplink {
        if (!node.isTextual() || node.textValue().isEmpty()) {
            throw new BadUplink(node.isMissingNode() ? RejectReason.NOT_A_READING : RejectReason.WRONG_TYPE,
                    path + " must be a non-empty string");
        }
        return node.textValue();
    }

    static Instant time(JsonNode node, String path) throws BadUplink {
        if (node.isMissingNode() || node.isNull()) {
            throw new BadUplink(RejectReason.MISSING_TS, path + " is required");
        }
        return Rfc3339.parse(text(node, path)).orElseThrow(() -> new BadUplink(RejectReason.BAD_TS,
                path + " must be RFC 3339 with an offset, got " + node));
    }

    static int port(JsonNode node, String path) throws BadUplink {
        if (node.isMissingNode() || node.isNull()) {
            return -1;
        }
        if (!node.canConvertToExactIntegral() || node.asInt() < 0 || node.asInt() > 255) {
            throw new BadUplink(RejectReason.WRONG_TYPE, path + " must be an integer 0 to 255, got " + node);
        }
        return node.asInt();
    }

    static Long counter(JsonNode node) {
        return node.canConvertToExactIntegral() && node.asLong() >= 0 && node.asLong() <= 4_294_967_295L ? node.asLong() : null;
    }

    static byte[] base64(JsonNode node, String path) throws BadUplink {
        if (node.isMissingNode() || node.isNull()) {
            return null;
        }
        try {
            return Base64.getDecoder().decode(text(node, path));
        } catch (IllegalArgumentException e) {
            throw new BadUplink(RejectReason.WRONG_TYPE, path + " is not base64: " + e.getMessage());
        }
    }

    /** The best RSSI among the gateways that heard the uplink, within the contract's range; else null. */
    static Integer bestRssi(JsonNode gateways) {
        Integer best = null;
        for (JsonNode g : gateways) {
            JsonNode rssi = g.path("rssi");
            if (rssi.canConvertToExactIntegral() && rssi.asInt() >= -150 && rssi.asInt() <= 0
                    && (best == null || rssi.asInt() > best)) {
                best = rssi.asInt();
            }
        }
        return best;
    }

    /** A DevEUI or device id as the registry keeps it. */
    static String deviceId(String id) {
        return id.toLowerCase(Locale.ROOT);
    }
}
