package org.clearway.simulator.payload;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.clearway.simulator.model.SensorReading;

/**
 * Makes one reading bad in exactly one way, so that the ingest's validator (which checks ts, then
 * fill and distanceMm, then the optional fields) rejects it for exactly the intended reason: every
 * other field stays valid.
 */
final class ReadingMutations {
    private static final String[] NON_FINITE = {"NaN", "Infinity", "-Infinity"};
    private static final String[] UNKNOWN_ALARMS = {"[\"smoke\"]", "[\"FIRE\"]", "[\"fire\",\"overheat\"]",
        "[\"lid-open\"]"};

    private final Duration maxAge;

    ReadingMutations(Duration maxAge) {
        this.maxAge = maxAge;
    }

    /** The reading as a JSON object (or, for {@code not_a_reading}, as something else) that is bad by {@code kind}. */
    String mutate(BadKind kind, SensorReading r, boolean inBatch, SplittableRandom rng, Instant now) {
        if (kind == BadKind.NOT_A_READING) {
            return notAReading(r, inBatch, rng);
        }
        Map<String, String> f = new LinkedHashMap<>(ReadingJson.fields(r));
        switch (kind) {
            case MISSING_TS -> {
                if (rng.nextBoolean()) {
                    f.remove("ts");
                } else {
                    f.put("ts", "null");
                }
            }
            case BAD_TS -> f.put("ts", ReadingJson.string(badTs(r, rng)));
            case TS_IN_FUTURE -> f.put("ts", ReadingJson.string(ReadingJson.ts(
                    now.plusSeconds(3_600 + rng.nextLong(48 * 3_600)), r.offset())));
            case TS_TOO_OLD -> f.put("ts", ReadingJson.string(ReadingJson.ts(
                    now.minus(maxAge).minusSeconds(86_400 + rng.nextLong(30 * 86_400)), r.offset())));
            case MISSING_FILL -> {
                f.remove("fill");
                f.remove("distanceMm");
                if (rng.nextBoolean()) {
                    f.put("fill", "null");
                }
            }
            case WRONG_TYPE -> wrongType(f, r, rng);
            case NOT_FINITE -> {
                String[] fields = {f.containsKey("fill") ? "fill" : "distanceMm", "battery", "tempC", "seq"};
                f.put(fields[rng.nextInt(fields.length)], NON_FINITE[rng.nextInt(NON_FINITE.length)]);
            }
            case OUT_OF_RANGE -> outOfRange(f, rng);
            case UNKNOWN_ALARM -> f.put("alarms", UNKNOWN_ALARMS[rng.nextInt(UNKNOWN_ALARMS.length)]);
            default -> throw new IllegalArgumentException(kind + " is not a per-reading kind");
        }
        return ReadingJson.object(f);
    }

    private static String notAReading(SensorReading r, boolean inBatch, SplittableRandom rng) {
        String text = ReadingJson.string("fill " + (r.fill() == null ? r.distanceMm() + " mm" : r.fill() + " %")
                + " at " + ReadingJson.ts(r.ts(), r.offset()));
        return switch (rng.nextInt(inBatch ? 5 : 4)) {
            case 0 -> text;
            case 1 -> Long.toString(r.ts().getEpochSecond());
            case 2 -> "true";
            case 3 -> "null";
            default -> "[" + ReadingJson.object(r) + "]";  // a nested array is not a reading
        };
    }

    private static String badTs(SensorReading r, SplittableRandom rng) {
        var local = r.ts().atOffset(r.offset());
        return switch (rng.nextInt(6)) {
            case 0 -> local.toLocalDateTime().withNano(0).toString().transform(s -> s.length() == 16 ? s + ":00" : s);
            case 1 -> String.format("%tY-%<tm-%<td %<tH:%<tM", local);
            case 2 -> String.format("%td/%<tm/%<tY %<tH:%<tM:%<tS", local);
            case 3 -> Long.toString(r.ts().getEpochSecond());
            case 4 -> String.format("%tY-02-30T%<tH:%<tM:%<tSZ", local);
            default -> "";
        };
    }

    private static void wrongType(Map<String, String> f, SensorReading r, SplittableRandom rng) {
        boolean hasFill = f.containsKey("fill");
        switch (rng.nextInt(9)) {
            case 0 -> {
                if (hasFill) {
                    f.put("fill", ReadingJson.string(f.get("fill")));
                } else {
                    f.put("distanceMm", ReadingJson.string(f.get("distanceMm")));
                }
            }
            case 1 -> f.put("ts", Long.toString(r.ts().getEpochSecond()));
            case 2 -> f.put("battery", ReadingJson.string(rng.nextInt(101) + "%"));
            case 3 -> f.put("tilt", rng.nextBoolean() ? "\"yes\"" : "1");
            case 4 -> f.put("seq", (r.seq() == null ? rng.nextInt(1_000) : r.seq()) + ".5");
            case 5 -> f.put("rssi", ReadingJson.string("-" + (60 + rng.nextInt(50)) + " dBm"));
            case 6 -> f.put("alarms", rng.nextBoolean() ? "\"fire\"" : "[1]");
            case 7 -> f.put("tempC", "{\"value\":" + ReadingJson.number(r.tempC() == null ? 20.5 : r.tempC()) + "}");
            default -> {
                if (hasFill) {
                    f.put("fill", "true");
                } else {
                    f.put("distanceMm", f.get("distanceMm") + ".7");
                }
            }
        }
    }

    private static void outOfRange(Map<String, String> f, SplittableRandom rng) {
        double tenth = 0.1 * (1 + rng.nextInt(1_000));
        switch (rng.nextInt(6)) {
            case 0 -> {
                if (f.containsKey("fill")) {
                    f.put("fill", ReadingJson.number(round1(rng.nextBoolean() ? 100 + tenth : -tenth)));
                } else {
                    f.put("distanceMm",
                            Integer.toString(rng.nextBoolean() ? 10_001 + rng.nextInt(20_000) : -1 - rng.nextInt(500)));
                }
            }
            case 1 -> f.put("battery", ReadingJson.number(round1(100 + tenth)));
            case 2 -> f.put("tempC", ReadingJson.number(round1(rng.nextBoolean() ? 125 + tenth : -40 - tenth)));
            case 3 -> f.put("rssi",
                    Integer.toString(rng.nextBoolean() ? 1 + rng.nextInt(60) : -151 - rng.nextInt(200)));
            case 4 -> f.put("seq", rng.nextBoolean() ? "-1" : Long.toString(4_294_967_296L + rng.nextInt(1_000)));
            default -> f.put("fill", ReadingJson.number(round1(-tenth)));
        }
    }

    private static double round1(double v) {
        return Math.round(v * 10) / 10.0;
    }
}
