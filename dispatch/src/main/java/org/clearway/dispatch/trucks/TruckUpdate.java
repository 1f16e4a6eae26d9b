package org.clearway.dispatch.trucks;

import java.io.IOException;
import java.time.Instant;
import java.util.Optional;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

import org.clearway.core.contract.Rfc3339;

/**
 * One update a truck sends on {@code {prefix}trucks/{truckId}/updates} (version 1, docs/trucks.md).
 *
 * @param updateId the truck's id for the update, echoed in the reply; may be null
 * @param jobId    the job it is about
 * @param event    what happened
 * @param at       when, by the truck's clock ({@code ts})
 * @param weightKg what was collected (COLLECTED only), or null
 * @param volumeL  the same in litres, or null
 * @param reason   why, in words: required for DECLINED, SKIPPED and FAILED
 */
public record TruckUpdate(String updateId, long jobId, TruckEvent event, Instant at, Double weightKg, Double volumeL,
                          String reason) {

    /** The version of the replies, and the first of the updates (jobs only). */
    public static final int VERSION = 1;
    /** The newest version of the updates: version 1's job events, and {@link TruckNotice}'s. */
    public static final int NEWEST_VERSION = TruckNotice.VERSION;
    public static final int MAX_BYTES = 16 * 1024;
    private static final int MAX_TEXT = 500;
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

    /**
     * Reads an update; unknown fields are ignored (later versions add some).
     *
     * @throws BadUpdateException naming what is wrong
     */
    public static TruckUpdate parse(byte[] payload) {
        return parse(read(payload));
    }

    /**
     * Reads an update, about a job or not ({@link TruckNotice}).
     *
     * @return the job update or the notice
     * @throws BadUpdateException naming what is wrong
     */
    public static Object parseAny(byte[] payload) {
        JsonNode root = read(payload);
        return TruckNotice.isNotice(root) ? TruckNotice.parse(root) : parse(root);
    }

    private static JsonNode read(byte[] payload) {
        if (payload.length > MAX_BYTES) {
            throw new BadUpdateException("the update is " + payload.length + " bytes; the maximum is " + MAX_BYTES);
        }
        JsonNode root;
        try {
            root = JSON.readTree(payload);
        } catch (IOException e) {
            throw new BadUpdateException("the update is not valid JSON");
        }
        if (root == null || !root.isObject()) {
            throw new BadUpdateException("the update must be a JSON object");
        }
        return root;
    }

    private static TruckUpdate parse(JsonNode root) {
        if (!root.path("version").isInt() || root.get("version").asInt() < VERSION
                || root.get("version").asInt() > NEWEST_VERSION) {
            throw new BadUpdateException("version must be " + VERSION + " or " + NEWEST_VERSION);
        }
        JsonNode jobId = root.path("jobId");
        if (!jobId.canConvertToLong() || !jobId.isIntegralNumber() || jobId.asLong() <= 0) {
            throw new BadUpdateException("jobId must be a positive whole number");
        }
        TruckEvent event = TruckEvent.fromWireName(root.path("event").asText(""))
                .orElseThrow(() -> new BadUpdateException("event must be one of accepted, declined, arrived, collected, "
                        + "skipped, failed (and, from version 2, break_started, break_ended, full_bin)"));
        Instant at = root.path("ts").isTextual() ? Rfc3339.parse(root.get("ts").asText()).orElse(null) : null;
        if (at == null) {
            throw new BadUpdateException("ts must be an RFC 3339 time with an offset, e.g. 2026-11-28T08:15:00Z");
        }
        String reason = text(root, "reason");
        if (event.needsReason() && (reason == null || reason.isBlank())) {
            throw new BadUpdateException("a " + event.wireName() + " update needs a reason");
        }
        Double weight = amount(root, "weightKg");
        Double volume = amount(root, "volumeL");
        if (event != TruckEvent.COLLECTED && (weight != null || volume != null)) {
            throw new BadUpdateException("weightKg and volumeL belong to a collected update only");
        }
        return new TruckUpdate(text(root, "updateId"), jobId.asLong(), event, at, weight, volume, reason);
    }

    /** The update id of a payload, for answering one that cannot be read; empty when there is none. */
    public static Optional<String> updateIdOf(byte[] payload) {
        try {
            JsonNode root = JSON.readTree(payload);
            return root != null && root.path("updateId").isTextual() ? Optional.of(root.get("updateId").asText())
                    : Optional.empty();
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    static String text(JsonNode root, String field) {
        JsonNode value = root.path(field);
        if (value.isMissingNode() || value.isNull()) {
            return null;
        }
        if (!value.isTextual() || value.asText().length() > MAX_TEXT) {
            throw new BadUpdateException(field + " must be a string of at most " + MAX_TEXT + " characters");
        }
        return value.asText();
    }

    private static Double amount(JsonNode root, String field) {
        JsonNode value = root.path(field);
        if (value.isMissingNode() || value.isNull()) {
            return null;
        }
        if (!value.isNumber() || !Double.isFinite(value.asDouble()) || value.asDouble() < 0) {
            throw new BadUpdateException(field + " must be a number of at least 0");
        }
        return value.asDouble();
    }

    /** An update that cannot be read; the message says why, for the reply. */
    public static final class BadUpdateException extends IllegalArgumentException {
        public BadUpdateException(String message) {
            super(message);
        }
    }
}
