package org.clearway.lab.ingest;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.clearway.core.mqtt.MqttSession;

/**
 * The benchmark's load: {@code readings} readings over {@code bins} bins, as single-reading messages
 * or as arrays of {@code perMessage}, each stamped with the time it is published (so the store's lag
 * is publish-to-commit), published as fast as the client's window allows.
 */
final class BenchLoad {
    private final String prefix;
    private final int bins;
    private final int readings;
    private final int perMessage;

    BenchLoad(String prefix, int bins, int readings, int perMessage) {
        this.prefix = prefix;
        this.bins = bins;
        this.readings = readings;
        this.perMessage = perMessage;
    }

    String prefix() {
        return prefix;
    }

    int readings() {
        return readings;
    }

    int perMessage() {
        return perMessage;
    }

    int messages() {
        return (readings + perMessage - 1) / perMessage;
    }

    static String binId(int i) {
        return String.format("bench-%05d", i);
    }

    /** Publishes everything at QoS {@code qos}; returns once every message is acknowledged by the broker. */
    void publish(MqttSession session, int qos, Progress progress) {
        List<CompletableFuture<Void>> pending = new ArrayList<>();
        int sent = 0;
        // Each reading is stamped now, or 1 ms after its bin's previous one: (bin, ts) never repeats.
        long[] lastTs = new long[bins];
        for (int m = 0; m < messages(); m++) {
            int bin = m % bins;
            StringBuilder json = new StringBuilder(perMessage == 1 ? 96 : 64 * perMessage);
            int count = Math.min(perMessage, readings - sent);
            if (perMessage > 1) {
                json.append('[');
            }
            for (int k = 0; k < count; k++) {
                long seq = sent + k;
                long ts = Math.max(System.currentTimeMillis(), lastTs[bin] + 1);
                lastTs[bin] = ts;
                if (k > 0) {
                    json.append(',');
                }
                json.append("{\"ts\":\"").append(Instant.ofEpochMilli(ts)).append("\",\"fill\":")
                        .append(seq % 100).append(",\"battery\":90,\"seq\":").append(seq).append('}');
            }
            if (perMessage > 1) {
                json.append(']');
            }
            sent += count;
            pending.add(session.publish(prefix + "bins/" + binId(bin) + "/telemetry",
                    json.toString().getBytes(StandardCharsets.UTF_8), qos, false));
            if (pending.size() >= 10_000) {
                CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new)).join();
                pending.clear();
            }
            progress.sent(sent);
        }
        CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new)).join();
    }

    /** Reports how far the publisher is. */
    interface Progress {
        void sent(int readingsSent);
    }
}
