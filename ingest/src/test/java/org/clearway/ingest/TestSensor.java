package org.clearway.ingest;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.clearway.core.config.MqttConfig;
import org.clearway.core.mqtt.MqttClientSettings;
import org.clearway.core.mqtt.PahoMqttSession;

/** A sensor for tests: publishes numbered single readings of one bin at QoS 1, each with its own ts. */
final class TestSensor implements AutoCloseable {
    private final PahoMqttSession session;
    private final IngestHarness ingest;
    private final Instant base;

    TestSensor(IngestHarness ingest, String clientId, Instant base) throws InterruptedException {
        this.ingest = ingest;
        this.base = base;
        session = new PahoMqttSession(MqttClientSettings.publisher(new MqttConfig(ingest.brokerUri, "", "", ""),
                clientId, 200));
        session.start();
        IngestHarness.await("sensor " + clientId + " to connect", Duration.ofSeconds(30), session::isConnected);
    }

    /** Publishes readings number {@code from} (inclusive) to {@code to} (exclusive), 100 ms apart, and waits for the broker's PUBACKs. */
    void publish(String binId, int from, int to) {
        List<CompletableFuture<Void>> acks = new ArrayList<>();
        for (int i = from; i < to; i++) {
            String json = "{\"ts\":\"" + base.plusMillis(100L * i) + "\",\"fill\":" + (i % 100) + ",\"seq\":" + i + "}";
            acks.add(session.publish(ingest.topic(binId), json.getBytes(StandardCharsets.UTF_8), 1, false));
        }
        CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new)).join();
    }

    /** Publishes one payload as it is, at QoS 1, and waits for the broker's PUBACK. */
    void publishRaw(String binId, byte[] payload) {
        session.publish(ingest.topic(binId), payload, 1, false).join();
    }

    @Override
    public void close() {
        session.close();
    }
}
