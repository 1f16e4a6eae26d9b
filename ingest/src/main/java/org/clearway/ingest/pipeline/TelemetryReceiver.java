package org.clearway.ingest.pipeline;

import org.clearway.core.contract.TelemetryDecoder;
import org.clearway.core.mqtt.InboundHandler;
import org.clearway.core.mqtt.InboundMessage;

/** First step, on the MQTT thread: decode and validate the message, then queue it for the writer. */
public final class TelemetryReceiver implements InboundHandler {
    private final TelemetryDecoder decoder;
    private final BatchQueue queue;
    private final IngestMetrics metrics;

    public TelemetryReceiver(TelemetryDecoder decoder, BatchQueue queue, IngestMetrics metrics) {
        this.decoder = decoder;
        this.queue = queue;
        this.metrics = metrics;
    }

    @Override
    public void onMessage(InboundMessage message) {
        metrics.received(message.qos());
        queue.offer(new Envelope(message, decoder.decode(message.topic(), message.payload())));
    }
}
