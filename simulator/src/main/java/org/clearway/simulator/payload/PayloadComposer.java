package org.clearway.simulator.payload;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.clearway.core.contract.FillLevel;
import org.clearway.core.contract.TelemetryDecoder;
import org.clearway.core.contract.TelemetryTopic;
import org.clearway.simulator.expect.Expectation;
import org.clearway.simulator.expect.ExpectedReading;
import org.clearway.simulator.expect.ExpectedRejection;
import org.clearway.simulator.expect.ReadingKey;
import org.clearway.simulator.city.SimBin;
import org.clearway.simulator.model.SensorReading;

/**
 * Turns what a sensor sends into MQTT messages with their expectations. A batch is split so that
 * every message holds at most 100 readings and stays well under 16 KiB; then each message is, with
 * the bad share's chance, made bad in one of the enabled ways: a per-reading kind spoils one
 * reading of a batch (the others stay valid) or the whole single-reading message; the other kinds
 * spoil the whole message.
 */
public final class PayloadComposer {
    /** Valid messages stay this small, so that a spoilt reading cannot push them over 16 KiB. */
    static final int MAX_VALID_BYTES = 15 * 1024;

    private final TelemetryTopic topics;
    private final double badShare;
    private final BadKind[] kinds;
    private final ReadingMutations readings;
    private final MessageMutations messages;

    /**
     * @param badShare chance, 0 to 1, that a message is bad
     * @param kinds    the bad kinds to choose from (uniformly)
     * @param maxAge   the ingest's maximum reading age, for {@code ts_too_old}
     */
    public PayloadComposer(String topicPrefix, double badShare, Set<BadKind> kinds, Duration maxAge) {
        if (!(badShare >= 0 && badShare <= 1)) {
            throw new IllegalArgumentException("the bad share must be from 0 to 1, got " + badShare);
        }
        if (badShare > 0 && kinds.isEmpty()) {
            throw new IllegalArgumentException("a bad share above 0 needs at least one bad kind");
        }
        this.topics = new TelemetryTopic(topicPrefix);
        this.badShare = badShare;
        this.kinds = kinds.isEmpty() ? new BadKind[0] : EnumSet.copyOf(kinds).toArray(new BadKind[0]);
        this.readings = new ReadingMutations(maxAge);
        this.messages = new MessageMutations(topicPrefix);
    }

    /** The messages for what {@code bin}'s sensor sent now ({@code sent} is not empty, oldest first). */
    public List<Outgoing> compose(SimBin bin, List<SensorReading> sent, SplittableRandom rng, Instant now) {
        List<Outgoing> out = new ArrayList<>(1);
        for (List<SensorReading> chunk : chunks(sent)) {
            // Always draw, so that the bad share does not shift the rest of the bin's stream.
            double badDraw = rng.nextDouble();
            int kindDraw = rng.nextInt(1 << 20);
            if (badDraw < badShare) {
                out.add(bad(kinds[kindDraw % kinds.length], bin, chunk, rng, now));
            } else {
                out.add(valid(bin, chunk));
            }
        }
        return out;
    }

    private Outgoing valid(SimBin bin, List<SensorReading> chunk) {
        byte[] payload = ReadingJson.payload(chunk).getBytes(StandardCharsets.UTF_8);
        return new Outgoing(topics.topicOf(bin.id()), payload, new Expectation(expected(bin, chunk), List.of(),
                chunk.size() == 1 ? "valid" : "batch", false));
    }

    /** One message bad by {@code kind}. */
    public Outgoing bad(BadKind kind, SimBin bin, List<SensorReading> chunk, SplittableRandom rng, Instant now) {
        String topic = topics.topicOf(bin.id());
        if (kind.perReading() && chunk.size() > 1) {
            int bad = rng.nextInt(chunk.size());
            List<String> items = new ArrayList<>(chunk.size());
            List<SensorReading> good = new ArrayList<>(chunk.size() - 1);
            for (int i = 0; i < chunk.size(); i++) {
                if (i == bad) {
                    items.add(readings.mutate(kind, chunk.get(i), true, rng, now));
                } else {
                    items.add(ReadingJson.object(chunk.get(i)));
                    good.add(chunk.get(i));
                }
            }
            return new Outgoing(topic, ReadingJson.array(items).getBytes(StandardCharsets.UTF_8), new Expectation(
                    expected(bin, good), List.of(new ExpectedRejection(kind.reason(), bad)), code(kind), false));
        }
        byte[] payload = switch (kind) {
            case BAD_TOPIC, UNKNOWN_BIN -> ReadingJson.payload(chunk).getBytes(StandardCharsets.UTF_8);
            case TOO_LARGE -> messages.tooLarge(chunk, rng);
            case NOT_UTF8 -> messages.notUtf8(chunk, rng);
            case NOT_JSON -> messages.notJson(chunk, rng);
            case EMPTY_BATCH -> MessageMutations.emptyBatch(rng);
            case BATCH_TOO_LARGE -> MessageMutations.batchTooLarge(chunk);
            default -> readings.mutate(kind, chunk.get(0), false, rng, now).getBytes(StandardCharsets.UTF_8);
        };
        if (kind == BadKind.BAD_TOPIC) {
            topic = messages.badTopic(bin, rng);
        } else if (kind == BadKind.UNKNOWN_BIN) {
            topic = messages.unknownBinTopic(bin);
        }
        return new Outgoing(topic, payload, new Expectation(List.of(),
                List.of(ExpectedRejection.wholeMessage(kind.reason())), code(kind), false));
    }

    /** The valid readings' keys and the fill the ingest must store for each. */
    static List<ExpectedReading> expected(SimBin bin, List<SensorReading> valid) {
        List<ExpectedReading> out = new ArrayList<>(valid.size());
        for (SensorReading r : valid) {
            double fill = r.fill() != null ? r.fill()
                    : FillLevel.fromDistance(r.distanceMm(), bin.depthMm(), bin.sensorOffsetMm());
            out.add(new ExpectedReading(new ReadingKey(bin.id(), r.ts()), fill));
        }
        return out;
    }

    /** Oldest first, at most 100 readings and {@link #MAX_VALID_BYTES} per message. */
    static List<List<SensorReading>> chunks(List<SensorReading> sent) {
        if (sent.size() == 1) {
            return List.of(sent);
        }
        List<List<SensorReading>> chunks = new ArrayList<>();
        List<SensorReading> current = new ArrayList<>();
        int bytes = 2;
        for (SensorReading r : sent) {
            int size = ReadingJson.object(r).length() + 1;
            if (!current.isEmpty() && (current.size() == TelemetryDecoder.MAX_BATCH || bytes + size > MAX_VALID_BYTES)) {
                chunks.add(current);
                current = new ArrayList<>();
                bytes = 2;
            }
            current.add(r);
            bytes += size;
        }
        chunks.add(current);
        return chunks;
    }

    private static String code(BadKind kind) {
        return kind.reason().code();
    }
}
