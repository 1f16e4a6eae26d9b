package org.clearway.ingest.pipeline;

import java.util.List;
import org.clearway.core.contract.DecodedMessage;
import org.clearway.core.contract.TelemetryDecoder;
import org.clearway.core.contract.TelemetryTopic;
import org.clearway.core.mqtt.InboundHandler;
import org.clearway.core.mqtt.InboundMessage;
import org.clearway.ingest.message.Envelope;
import org.clearway.ingest.relay.DecodedRelay;

/**
 * First step, on the MQTT thread: decode and validate the message, then (only then) count it against its bin's
 * flood limits ({@link SensorRateLimiter}: flag a flooding bin, park its valid messages beyond the hard ceiling),
 * then queue it for the writer. A message on the relay topic {@code {prefix}bins/{binId}/decoded} is ingest's own
 * publication ({@link DecodedRelay}) of readings stored already, which the subscription to {@code bins/#} hands back:
 * it is queued empty, so that it is acknowledged in its turn and stores nothing.
 */
public final class TelemetryReceiver implements InboundHandler {
    private static final DecodedMessage RELAYED = new DecodedMessage(null, List.of(), List.of());

    private final TelemetryTopic topics;
    private final TelemetryDecoder decoder;
    private final SensorRateLimiter limiter;
    private final BatchQueue queue;
    private final IngestMetrics metrics;

    public TelemetryReceiver(TelemetryTopic topics, TelemetryDecoder decoder, SensorRateLimiter limiter, BatchQueue queue,
                             IngestMetrics metrics) {
        this.topics = topics;
        this.decoder = decoder;
        this.limiter = limiter;
        this.queue = queue;
        this.metrics = metrics;
    }

    @Override
    public void onMessage(InboundMessage message) {
        if (topics.isDecoded(message.topic())) { // ingest's own relay, not a sensor's message: not counted
            queue.offer(Envelope.decoded(Envelope.RELAY, message, RELAYED, null));
            return;
        }
        metrics.received(message.qos());
        queue.offer(new Envelope(message, limiter.admit(decoder.decode(message.topic(), message.payload()),
                message.payload(), message.receivedAt(), System.nanoTime())));
    }
}
