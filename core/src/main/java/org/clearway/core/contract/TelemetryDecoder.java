package org.clearway.core.contract;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.clearway.core.json.StrictJson;

/**
 * Turns one MQTT message into validated readings and rejections, by the device contract: topic,
 * size, UTF-8, JSON, one object or an array of 1 to 100, then each reading's fields. A bad reading
 * in a batch is rejected on its own; the valid ones around it are kept.
 */
public final class TelemetryDecoder {
    public static final int MAX_PAYLOAD_BYTES = 16 * 1024;
    public static final int MAX_BATCH = 100;
    private static final int MAX_NESTING = 16;

    private final TelemetryTopic topics;
    private final ReadingValidator validator;
    private final ObjectMapper json;

    public TelemetryDecoder(TelemetryTopic topics, Clock clock, Duration maxAge) {
        this.topics = topics;
        this.validator = new ReadingValidator(clock, maxAge);
        // NaN and Infinity are read so that they are rejected as such, reading by reading.
        this.json = StrictJson.mapper(MAX_NESTING, StrictJson.ANY_TOKEN_COUNT, JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS);
    }

    public DecodedMessage decode(String topic, byte[] payload) {
        Optional<String> binId = topics.binIdOf(topic);
        if (binId.isEmpty()) {
            return DecodedMessage.rejected(null, Rejection.ofMessage(RejectReason.BAD_TOPIC,
                    "topic '" + topic + "' is not " + topics.topicOf("{binId}") + " with a binId of 1 to 64 of A-Z a-z 0-9 _ -",
                    payload));
        }
        String bin = binId.get();
        if (payload.length > MAX_PAYLOAD_BYTES) {
            return DecodedMessage.rejected(bin, Rejection.ofMessage(RejectReason.TOO_LARGE,
                    "payload is " + payload.length + " bytes; the maximum is " + MAX_PAYLOAD_BYTES, payload));
        }
        if (!isUtf8(payload)) {
            return DecodedMessage.rejected(bin, Rejection.ofMessage(RejectReason.NOT_UTF8,
                    "payload is not valid UTF-8", payload));
        }
        JsonNode root;
        try {
            root = json.readTree(payload);
        } catch (JsonProcessingException e) {
            return DecodedMessage.rejected(bin, Rejection.ofMessage(RejectReason.NOT_JSON,
                    "payload is not valid JSON: " + e.getOriginalMessage(), payload));
        } catch (IOException e) {
            return DecodedMessage.rejected(bin, Rejection.ofMessage(RejectReason.NOT_JSON,
                    "payload could not be read as JSON: " + e.getMessage(), payload));
        }
        if (root == null || root.isMissingNode()) {
            return DecodedMessage.rejected(bin, Rejection.ofMessage(RejectReason.NOT_JSON, "payload is empty", payload));
        }
        return root.isArray() ? decodeBatch(bin, root, payload) : decodeSingle(bin, root, payload);
    }

    private DecodedMessage decodeSingle(String binId, JsonNode node, byte[] payload) {
        try {
            return new DecodedMessage(binId, List.of(validator.validate(binId, node)), List.of());
        } catch (FieldCheck check) {
            return DecodedMessage.rejected(binId, Rejection.ofMessage(check.reason(), check.getMessage(), payload));
        }
    }

    private DecodedMessage decodeBatch(String binId, JsonNode array, byte[] payload) {
        if (array.isEmpty()) {
            return DecodedMessage.rejected(binId, Rejection.ofMessage(RejectReason.EMPTY_BATCH,
                    "the batch is empty; send 1 to " + MAX_BATCH + " readings", payload));
        }
        if (array.size() > MAX_BATCH) {
            return DecodedMessage.rejected(binId, Rejection.ofMessage(RejectReason.BATCH_TOO_LARGE,
                    "the batch holds " + array.size() + " readings; the maximum is " + MAX_BATCH, payload));
        }
        List<Reading> readings = new ArrayList<>(array.size());
        List<Rejection> rejections = new ArrayList<>();
        for (int i = 0; i < array.size(); i++) {
            JsonNode item = array.get(i);
            try {
                readings.add(validator.validate(binId, item));
            } catch (FieldCheck check) {
                rejections.add(new Rejection(check.reason(), "reading " + i + " of the batch: " + check.getMessage(),
                        i, item.toString().getBytes(StandardCharsets.UTF_8)));
            }
        }
        return new DecodedMessage(binId, readings, rejections);
    }

    private static boolean isUtf8(byte[] payload) {
        try {
            StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(payload));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }
}
