package org.clearway.ingest.relay;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.clearway.core.contract.Reading;
import org.clearway.core.contract.ReadingJson;
import org.clearway.core.contract.TelemetryTopic;
import org.clearway.core.mqtt.MqttSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands dispatch the readings of the sources other than the contract's topic (network servers, HTTP sources), which
 * dispatch does not read itself: each reading a committed batch stored, or found stored already, is published as
 * the contract's reading JSON on {@code {prefix}bins/{binId}/decoded}, QoS 1, and the batch's source messages are
 * acknowledged only once the broker acknowledged every publication ({@link BatchWriter}). So a crash between the
 * commit and the publication loses nothing: the source sends the message again, the store finds its readings
 * stored, and they are published again. Dispatch ignores a reading it already decided on.
 */
public final class DecodedRelay {
    private static final Logger LOG = LoggerFactory.getLogger(DecodedRelay.class);
    private static final int QOS = 1;

    /** What the relay reports; {@link #NOOP} for unit tests. */
    public interface Metrics {
        /** Readings the broker acknowledged. */
        void published(int readings);

        /** Readings of an attempt that failed (the attempt is made again; the source message waits). */
        void failed(int readings);

        Metrics NOOP = new Metrics() {
            @Override
            public void published(int readings) {
            }

            @Override
            public void failed(int readings) {
            }
        };
    }

    private final MqttSession mqtt;
    private final TelemetryTopic topics;
    private final Duration timeout;
    private final Metrics metrics;

    /** @param timeout how long to wait for the broker's acknowledgements of one batch's publications */
    public DecodedRelay(MqttSession mqtt, TelemetryTopic topics, Duration timeout, Metrics metrics) {
        this.mqtt = mqtt;
        this.topics = topics;
        this.timeout = timeout;
        this.metrics = metrics;
    }

    /** Publishes each reading and waits for the broker; true when every one was acknowledged (or there are none). */
    public boolean publish(List<Reading> readings) throws InterruptedException {
        if (readings.isEmpty()) {
            return true;
        }
        List<CompletableFuture<Void>> sent = new ArrayList<>(readings.size());
        try {
            for (Reading r : readings) {
                sent.add(mqtt.publish(topics.decodedTopicOf(r.binId()), ReadingJson.of(r), QOS, false));
            }
            CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new)).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            metrics.published(readings.size());
            return true;
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            metrics.failed(readings.size());
            LOG.warn("Cannot relay {} readings to dispatch on {} ({}); their source messages stay unacknowledged and "
                    + "the relay is tried again", readings.size(), topics.filterAllDecoded(),
                    e.getCause() != null ? e.getCause().getMessage() : e.getMessage());
            return false;
        }
    }
}
