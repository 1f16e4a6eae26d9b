package org.clearway.core.contract;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks one reading object against the contract's field table and turns it into a {@link Reading}; the JSON path
 * ({@link TelemetryDecoder}) and the frame path ({@code devices.FrameReadings}) share it.
 */
public final class ReadingValidator {
    static final Duration MAX_CLOCK_SKEW = Duration.ofMinutes(5);
    private static final int SHOWN_VALUE_CHARS = 64;

    private final Clock clock;
    private final Duration maxAge;

    public ReadingValidator(Clock clock, Duration maxAge) {
        this.clock = clock;
        this.maxAge = maxAge;
    }

    public Reading validate(String binId, JsonNode node) throws FieldCheck {
        if (!node.isObject()) {
            throw new FieldCheck(RejectReason.NOT_A_READING, "a reading must be a JSON object, got " + show(node));
        }
        Instant measuredAt = timestamp(node.get("ts"));
        Double fill = number(node, "fill", 0, 100);
        Long distance = integer(node, "distanceMm", 0, 10_000);
        if (fill == null && distance == null) {
            throw new FieldCheck(RejectReason.MISSING_FILL, "one of fill or distanceMm is required");
        }
        Long seq = integer(node, "seq", 0, 4_294_967_295L);
        Double battery = number(node, "battery", 0, 100);
        Double tempC = number(node, "tempC", -40, 125);
        Boolean tilt = bool(node, "tilt");
        Long rssi = integer(node, "rssi", -150, 0);
        List<Alarm> alarms = alarms(node.get("alarms"));
        return new Reading(binId, measuredAt, fill, distance == null ? null : distance.intValue(), seq,
                battery, tempC, tilt, rssi == null ? null : rssi.intValue(), alarms);
    }

    private Instant timestamp(JsonNode ts) throws FieldCheck {
        if (ts == null || ts.isNull()) {
            throw new FieldCheck(RejectReason.MISSING_TS, "ts is required");
        }
        if (!ts.isTextual()) {
            throw new FieldCheck(RejectReason.WRONG_TYPE, "ts must be a string, got " + show(ts));
        }
        Instant at = Rfc3339.parse(ts.textValue()).orElseThrow(() -> new FieldCheck(RejectReason.BAD_TS,
                "ts must be RFC 3339 with an offset, like 2026-11-28T08:15:00Z; got " + show(ts)));
        Instant now = clock.instant();
        if (at.isAfter(now.plus(MAX_CLOCK_SKEW))) {
            throw new FieldCheck(RejectReason.TS_IN_FUTURE,
                    "ts " + ts.textValue() + " is more than 5 minutes ahead of the server clock (" + now + ")");
        }
        if (at.isBefore(now.minus(maxAge))) {
            throw new FieldCheck(RejectReason.TS_TOO_OLD,
                    "ts " + ts.textValue() + " is older than the maximum age of " + maxAge.toDays() + " days");
        }
        return at;
    }

    private static Double number(JsonNode parent, String field, double min, double max) throws FieldCheck {
        JsonNode value = parent.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isNumber()) {
            throw new FieldCheck(RejectReason.WRONG_TYPE, field + " must be a number, got " + show(value));
        }
        double d = value.doubleValue();
        if (!Double.isFinite(d)) {
            throw new FieldCheck(RejectReason.NOT_FINITE, field + " must be a finite number, got " + show(value));
        }
        if (d < min || d > max) {
            throw new FieldCheck(RejectReason.OUT_OF_RANGE,
                    field + " must be from " + fmt(min) + " to " + fmt(max) + ", got " + show(value));
        }
        return d;
    }

    private static Long integer(JsonNode parent, String field, long min, long max) throws FieldCheck {
        JsonNode value = parent.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isNumber()) {
            throw new FieldCheck(RejectReason.WRONG_TYPE, field + " must be an integer, got " + show(value));
        }
        if (value.isFloatingPointNumber() && !Double.isFinite(value.doubleValue())) {
            throw new FieldCheck(RejectReason.NOT_FINITE, field + " must be a finite integer, got " + show(value));
        }
        // 412 and 412.0 are the same integer; 41.5 is not one.
        if (!value.canConvertToExactIntegral()) {
            throw new FieldCheck(RejectReason.WRONG_TYPE, field + " must be an integer, got " + show(value));
        }
        if (!value.canConvertToLong() || value.longValue() < min || value.longValue() > max) {
            throw new FieldCheck(RejectReason.OUT_OF_RANGE,
                    field + " must be from " + min + " to " + max + ", got " + show(value));
        }
        return value.longValue();
    }

    private static Boolean bool(JsonNode parent, String field) throws FieldCheck {
        JsonNode value = parent.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isBoolean()) {
            throw new FieldCheck(RejectReason.WRONG_TYPE, field + " must be true or false, got " + show(value));
        }
        return value.booleanValue();
    }

    private static List<Alarm> alarms(JsonNode value) throws FieldCheck {
        if (value == null || value.isNull()) {
            return List.of();
        }
        if (!value.isArray()) {
            throw new FieldCheck(RejectReason.WRONG_TYPE, "alarms must be an array of strings, got " + show(value));
        }
        List<Alarm> alarms = new ArrayList<>(value.size());
        for (JsonNode item : value) {
            if (!item.isTextual()) {
                throw new FieldCheck(RejectReason.WRONG_TYPE, "alarms must hold strings, got " + show(item));
            }
            Alarm alarm = Alarm.fromWireName(item.textValue()).orElseThrow(() -> new FieldCheck(
                    RejectReason.UNKNOWN_ALARM, "unknown alarm " + show(item)
                            + "; known: fire, tilt, tamper, lid_open, sensor_fault"));
            if (!alarms.contains(alarm)) {
                alarms.add(alarm);
            }
        }
        return alarms;
    }

    private static String fmt(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
    }

    private static String show(JsonNode node) {
        String text = node.toString();
        return text.length() <= SHOWN_VALUE_CHARS ? text : text.substring(0, SHOWN_VALUE_CHARS) + "…";
    }
}
