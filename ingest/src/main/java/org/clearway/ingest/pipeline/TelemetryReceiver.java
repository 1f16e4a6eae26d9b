package org.clearway.ingest.pipeline;

import org.clearway.core.contract.TelemetryDecoder;
import org.clearway.core.mqtt.InboundHandler;
import org.clearway.core.mqtt.InboundMessage;

/**
 * First step, on the MQTT thread: decode and validate the message, then (only then) count it against its bin's
 * flood limits ({@link SensorRateLimiter}: flag a flooding bin, park its valid messages beyond the hard ceiling),
 * then queue it for the writer.
 */
public final class TelemetryReceiver implements InboundHandler {
    private final TelemetryDecoder decoder;
    private final SensorRateLimiter limiter;
    private final BatchQueue queue;
    private final IngestMetrics metrics;

    public TelemetryReceiver(TelemetryDecoder decoder, SensorRateLimiter limiter, BatchQueue queue,
                             IngestMetrics metrics) {
        this.decoder = decoder;
        this.limiter = limiter;
        this.queue = queue;
        this.metrics = metrics;
    }

    @Override
    public void onMessage(InboundMessage message) {
        metrics.received(message.qos());
        queue.offer(new Envelope(message, limiter.admit(decoder.decode(message.topic(), message.payload()),
                message.payload(), message.receivedAt(), System.nanoTime())));
    }
}
