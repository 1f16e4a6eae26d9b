package org.clearway.simulator.payload;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.clearway.core.contract.Alarm;
import org.clearway.simulator.model.SensorReading;

/**
 * Writes readings as the contract's JSON, by hand rather than with a JSON library, because bad
 * payloads need what a library would refuse to write (NaN, repeated keys, wrong types). A reading
 * is first a map of field name to raw JSON value, which bad payloads then change.
 */
public final class ReadingJson {
    private static final DateTimeFormatter TS = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ssXXX");

    private ReadingJson() {
    }

    /** The reading's fields, in the order sensors send them, as raw JSON values. */
    public static Map<String, String> fields(SensorReading r) {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("ts", string(ts(r.ts(), r.offset())));
        if (r.fill() != null) {
            f.put("fill", number(r.fill()));
        }
        if (r.distanceMm() != null) {
            f.put("distanceMm", Integer.toString(r.distanceMm()));
        }
        if (r.seq() != null) {
            f.put("seq", Long.toString(r.seq()));
        }
        if (r.battery() != null) {
            f.put("battery", number(r.battery()));
        }
        if (r.tempC() != null) {
            f.put("tempC", number(r.tempC()));
        }
        if (r.tilt() != null) {
            f.put("tilt", r.tilt().toString());
        }
        if (r.rssi() != null) {
            f.put("rssi", Integer.toString(r.rssi()));
        }
        if (!r.alarms().isEmpty()) {
            f.put("alarms", alarms(r.alarms()));
        }
        return f;
    }

    public static String object(SensorReading r) {
        return object(fields(r));
    }

    public static String object(Map<String, String> fields) {
        return fields.entrySet().stream().map(e -> string(e.getKey()) + ":" + e.getValue())
                .collect(Collectors.joining(",", "{", "}"));
    }

    public static String array(List<String> items) {
        return String.join(",", items).transform(s -> "[" + s + "]");
    }

    /** One reading as an object, several as an array, as sensors send them. */
    public static String payload(List<SensorReading> readings) {
        return readings.size() == 1 ? object(readings.get(0)) : array(readings.stream().map(ReadingJson::object).toList());
    }

    /** RFC 3339 with seconds and the given offset ({@code Z} for UTC). */
    public static String ts(Instant at, ZoneOffset offset) {
        return TS.format(at.atOffset(offset));
    }

    public static String number(double d) {
        return Double.toString(d == 0 ? 0.0 : d);
    }

    public static String string(String s) {
        StringBuilder b = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }

    static String alarms(List<Alarm> alarms) {
        return alarms.stream().map(a -> string(a.wireName())).collect(Collectors.joining(",", "[", "]"));
    }
}
