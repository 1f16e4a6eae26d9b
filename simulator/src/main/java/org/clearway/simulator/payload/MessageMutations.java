package org.clearway.simulator.payload;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.clearway.core.contract.TelemetryDecoder;
import org.clearway.core.contract.TelemetryTopic;
import org.clearway.simulator.city.SimBin;
import org.clearway.simulator.model.SensorReading;

/** Makes a whole message bad: its topic, its size, its encoding, its JSON or its batch shape. */
final class MessageMutations {
    private static final String MARK = "@@not-utf8@@";
    private static final byte[][] BAD_UTF8 = {
        {(byte) 0xC3, 0x28},                     // a lead byte without its continuation
        {(byte) 0xE9},                           // Latin-1 "é"
        {(byte) 0xC0, (byte) 0xAF},              // an overlong "/"
        {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, // a UTF-16 surrogate
        {(byte) 0xFF},                           // never valid
        {(byte) 0x80},                           // a stray continuation byte
    };

    private final TelemetryTopic topics;
    private final String bins;

    MessageMutations(String topicPrefix) {
        this.topics = new TelemetryTopic(topicPrefix);
        this.bins = topicPrefix + "bins/";
    }

    /** A topic under {@code bins/} that is not the contract's, for this bin. */
    String badTopic(SimBin bin, SplittableRandom rng) {
        return switch (rng.nextInt(7)) {
            case 0 -> bins + bin.id() + "/telemetry/raw";
            case 1 -> bins + bin.id();
            case 2 -> bins + bin.id() + "/status";
            case 3 -> bins + "/telemetry";
            case 4 -> bins + bin.id() + ".1/telemetry";
            case 5 -> bins + (bin.id() + "-" + "x".repeat(64)).substring(0, 65) + "/telemetry";
            default -> bins + bin.id() + " b/telemetry";
        };
    }

    /** A well-formed topic of a bin that is not registered. */
    String unknownBinTopic(SimBin bin) {
        return topics.topicOf("unregistered-" + bin.id());
    }

    /** The valid payload made larger than 16 KiB with an extra field, which is otherwise allowed. */
    byte[] tooLarge(List<SensorReading> readings, SplittableRandom rng) {
        String base = ReadingJson.payload(readings);
        int padding = TelemetryDecoder.MAX_PAYLOAD_BYTES - base.length() + 1 + rng.nextInt(2_000);
        return withNote(readings, "x".repeat(padding)).getBytes(StandardCharsets.UTF_8);
    }

    /** The valid payload with an extra string field whose bytes are not UTF-8. */
    byte[] notUtf8(List<SensorReading> readings, SplittableRandom rng) {
        String text = withNote(readings, "caf" + MARK);
        int at = text.indexOf(MARK);
        ByteArrayOutputStream out = new ByteArrayOutputStream(text.length() + 4);
        out.writeBytes(text.substring(0, at).getBytes(StandardCharsets.UTF_8));
        out.writeBytes(BAD_UTF8[rng.nextInt(BAD_UTF8.length)]);
        out.writeBytes(text.substring(at + MARK.length()).getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }

    /** Almost JSON: cut short, key=value text, a repeated key, two documents, or single quotes. */
    byte[] notJson(List<SensorReading> readings, SplittableRandom rng) {
        String base = ReadingJson.payload(readings);
        SensorReading first = readings.get(0);
        String text = switch (rng.nextInt(5)) {
            case 0 -> base.substring(0, rng.nextInt(base.length()));
            case 1 -> "ts=" + ReadingJson.ts(first.ts(), first.offset()) + ";"
                    + (first.fill() == null ? "distanceMm=" + first.distanceMm() : "fill=" + first.fill());
            case 2 -> {
                Map<String, String> f = ReadingJson.fields(first);
                yield ReadingJson.object(f).replaceFirst("\\}$", ",\"ts\":" + f.get("ts") + "}");
            }
            case 3 -> base.length() * 2 + 1 <= TelemetryDecoder.MAX_PAYLOAD_BYTES ? base + "\n" + base : base + "}";
            default -> base.replace('"', '\'');
        };
        return text.getBytes(StandardCharsets.UTF_8);
    }

    static byte[] emptyBatch(SplittableRandom rng) {
        String[] forms = {"[]", "[ ]", "[\n]"};
        return forms[rng.nextInt(forms.length)].getBytes(StandardCharsets.UTF_8);
    }

    /** 101 small readings of this bin, a second apart, ending at the first reading's time. */
    static byte[] batchTooLarge(List<SensorReading> readings) {
        SensorReading first = readings.get(0);
        List<String> items = new ArrayList<>(TelemetryDecoder.MAX_BATCH + 1);
        for (int i = TelemetryDecoder.MAX_BATCH; i >= 0; i--) {
            Map<String, String> f = new LinkedHashMap<>();
            f.put("ts", ReadingJson.string(ReadingJson.ts(first.ts().minusSeconds(i), first.offset())));
            if (first.fill() != null) {
                f.put("fill", ReadingJson.number(first.fill()));
            } else {
                f.put("distanceMm", Integer.toString(first.distanceMm()));
            }
            items.add(ReadingJson.object(f));
        }
        return ReadingJson.array(items).getBytes(StandardCharsets.UTF_8);
    }

    /** The payload with a {@code note} field added to its last reading. */
    private static String withNote(List<SensorReading> readings, String note) {
        List<String> items = new ArrayList<>(readings.size());
        for (int i = 0; i < readings.size(); i++) {
            Map<String, String> f = ReadingJson.fields(readings.get(i));
            if (i == readings.size() - 1) {
                f.put("note", ReadingJson.string(note));
            }
            items.add(ReadingJson.object(f));
        }
        return items.size() == 1 ? items.get(0) : ReadingJson.array(items);
    }
}
