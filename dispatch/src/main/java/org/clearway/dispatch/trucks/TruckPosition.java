package org.clearway.dispatch.trucks;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

import org.clearway.core.contract.Rfc3339;

/**
 * One position a truck sends on {@code {prefix}trucks/{truckId}/position} (version 1, docs/trucks.md).
 *
 * @param at         when, by the truck's clock ({@code ts})
 * @param lat        latitude, degrees, -90 to 90
 * @param lon        longitude, degrees, -180 to 180
 * @param speedKmh   speed, at least 0, or null
 * @param headingDeg heading, 0 (inclusive) to 360 (exclusive), or null
 * @param loadPct    how full the truck's body is, 0 to 100, or null
 */
public record TruckPosition(Instant at, double lat, double lon, Double speedKmh, Double headingDeg, Double loadPct) {

    public static final int VERSION = 1;
    /** How far ahead of the server clock a position's {@code ts} may be. */
    public static final Duration MAX_AHEAD = Duration.ofMinutes(5);
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

    /**
     * Reads and checks a position; unknown fields are ignored (later versions add some), an optional field sent as
     * {@code null} counts as absent.
     *
     * @param now the server's clock, for the {@code ts} check
     * @throws BadPositionException naming what is wrong
     */
    public static TruckPosition parse(byte[] payload, Instant now) {
        if (payload.length > TruckUpdate.MAX_BYTES) {
            throw new BadPositionException("the position is " + payload.length + " bytes; the maximum is "
                    + TruckUpdate.MAX_BYTES);
        }
        JsonNode root;
        try {
            root = JSON.readTree(payload);
        } catch (IOException e) {
            throw new BadPositionException("the position is not valid JSON");
        }
        if (root == null || !root.isObject()) {
            throw new BadPositionException("the position must be a JSON object");
        }
        if (!root.path("version").isInt() || root.get("version").asInt() != VERSION) {
            throw new BadPositionException("version must be " + VERSION);
        }
        Instant at = root.path("ts").isTextual() ? Rfc3339.parse(root.get("ts").asText()).orElse(null) : null;
        if (at == null) {
            throw new BadPositionException("ts must be an RFC 3339 time with an offset, e.g. 2026-11-28T08:15:00Z");
        }
        if (at.isAfter(now.plus(MAX_AHEAD))) {
            throw new BadPositionException("ts " + at + " is more than " + MAX_AHEAD.toMinutes()
                    + " minutes ahead of the server's clock");
        }
        Double lat = number(root, "lat", -90, 90, true);
        Double lon = number(root, "lon", -180, 180, true);
        if (lat == null || lon == null) {
            throw new BadPositionException("lat and lon are required");
        }
        Double speed = number(root, "speedKmh", 0, Double.MAX_VALUE, true);
        Double heading = number(root, "headingDeg", 0, 360, false);
        Double load = number(root, "loadPct", 0, 100, true);
        return new TruckPosition(at, lat, lon, speed, heading, load);
    }

    /** The field as a number in {@code [min, max]} (or {@code [min, max)}); null when absent or null. */
    private static Double number(JsonNode root, String field, double min, double max, boolean maxIncluded) {
        JsonNode value = root.path(field);
        if (value.isMissingNode() || value.isNull()) {
            return null;
        }
        double v = value.asDouble();
        boolean inRange = v >= min && (maxIncluded ? v <= max : v < max);
        if (!value.isNumber() || !Double.isFinite(v) || !inRange) {
            String upper = max == Double.MAX_VALUE ? "" : (maxIncluded ? " to " : " to below ") + format(max);
            throw new BadPositionException(field + " must be a number from " + format(min) + upper);
        }
        return v;
    }

    private static String format(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
    }

    /** A position that cannot be read or is out of range; the message says why. */
    public static final class BadPositionException extends IllegalArgumentException {
        public BadPositionException(String message) {
            super(message);
        }
    }
}
