package org.clearway.ingest.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.clearway.core.config.MqttConfig;
import org.clearway.core.contract.DecodedMessage;
import org.clearway.core.contract.Reading;
import org.clearway.core.contract.Rejection;
import org.clearway.core.contract.TelemetryDecoder;
import org.clearway.core.contract.TelemetryTopic;
import org.clearway.core.mqtt.MqttClientSettings;
import org.clearway.core.mqtt.PahoMqttSession;
import org.clearway.ingest.IngestTestAccess;
import org.junit.jupiter.api.Test;

/**
 * Garbage through the real broker into the real database, mixed with good readings: the service
 * keeps running, every good reading is stored, and every bad message is kept once with a reason.
 */
class FuzzIT {
    private static final int GOOD = 300;
    private static final int BAD = 400;

    @Test
    void garbageNeverHurtsTheGoodReadingsAroundIt() throws Exception {
        try (IngestTestAccess ingest = IngestTestAccess.start("fuzz", Clock.systemUTC(), Map.of())) {
            ingest.registerBin("bin-f", 1000, 0);
            Instant base = Instant.now().minus(2, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
            TelemetryDecoder oracle = new TelemetryDecoder(new TelemetryTopic(ingest.prefix()), Clock.systemUTC(),
                    Duration.ofDays(7));
            Random random = new Random(20261128L);
            List<byte[]> payloads = new ArrayList<>();
            for (int i = 0; i < GOOD + BAD; i++) {
                payloads.add(i % 7 < 3 && i / 7 * 3 + i % 7 < GOOD
                        ? ("{\"ts\":\"" + base.plusSeconds(i) + "\",\"fill\":" + (i % 100) + "}").getBytes(StandardCharsets.UTF_8)
                        : garbage(random, base.plusSeconds(i)));
            }
            Set<String> expectedReadings = new HashSet<>();
            Set<String> expectedRejections = new HashSet<>();
            String topic = ingest.topic("bin-f");
            for (byte[] p : payloads) {
                DecodedMessage d = oracle.decode(topic, p);
                for (Reading r : d.readings()) {
                    expectedReadings.add(r.measuredAt().toString());
                }
                for (Rejection r : d.rejections()) {
                    expectedRejections.add(java.util.Arrays.hashCode(p) + "/" + p.length + "/" + r.itemIndex());
                }
            }
            try (PahoMqttSession sensor = new PahoMqttSession(MqttClientSettings.publisher(
                    new MqttConfig(ingest.brokerUri(), "", "", ""), "fuzzer-" + ingest.clientId(), 100))) {
                sensor.start();
                IngestTestAccess.await("the fuzzer to connect", Duration.ofSeconds(30), sensor::isConnected);
                List<CompletableFuture<Void>> acks = new ArrayList<>();
                for (byte[] p : payloads) {
                    acks.add(sensor.publish(topic, p, 1, false));
                }
                CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new)).join();
            }
            IngestTestAccess.await("every message accounted for", Duration.ofSeconds(60),
                    () -> ingest.countQuietly("SELECT count(*) FROM readings") == expectedReadings.size()
                            && ingest.countQuietly("SELECT count(*) FROM rejected_messages") == expectedRejections.size());
            assertThat(expectedReadings.size()).isGreaterThanOrEqualTo(GOOD);
            assertThat(ingest.healthy()).isTrue();
        }
    }

    private static byte[] garbage(Random random, Instant ts) {
        return switch (random.nextInt(8)) {
            case 0 -> {
                byte[] b = new byte[random.nextInt(64) + 1];
                random.nextBytes(b);
                yield b;
            }
            case 1 -> ("{\"ts\":\"" + ts + "\",\"fill\":" + random.nextGaussian() * 1e3 + "}").getBytes(StandardCharsets.UTF_8);
            case 2 -> ("[".repeat(random.nextInt(5_000) + 20)).getBytes(StandardCharsets.UTF_8);
            case 3 -> ("{\"ts\":\"" + ts + "\",\"fill\":1,\"note\":\"" + "x".repeat(17_000) + "\"}").getBytes(StandardCharsets.UTF_8);
            case 4 -> ("{\"ts\":\"" + ts + "\",\"fill\":\"" + random.nextInt() + "\"}").getBytes(StandardCharsets.UTF_8);
            case 5 -> new byte[] {'{', '"', 't', 's', '"', ':', (byte) 0xC3, (byte) 0x28, '}', 0, 0};
            case 6 -> ("{\"ts\":\"" + ts + "\",\"fill\":5,\"seq\":" + "9".repeat(random.nextInt(200) + 20) + "}").getBytes(StandardCharsets.UTF_8);
            default -> ("[{\"ts\":\"" + ts + "\",\"fill\":5},{\"ts\":" + random.nextLong() + "},\"\\u0000\"]").getBytes(StandardCharsets.UTF_8);
        };
    }
}
