package org.clearway.ingest.sources;

import java.util.List;
import org.clearway.core.contract.DecodedMessage;
import org.clearway.core.contract.Rejection;
import org.clearway.core.mqtt.InboundHandler;
import org.clearway.core.mqtt.InboundMessage;
import org.clearway.ingest.pipeline.BatchQueue;
import org.clearway.ingest.message.Envelope;
import org.clearway.ingest.pipeline.IngestMetrics;
import org.clearway.ingest.pipeline.SensorRateLimiter;

/**
 * First step for a network server's topic (its uplinks, and ChirpStack's status events), on the MQTT thread and without blocking it: read the
 * server's JSON into an {@link Uplink} (a message that is not one is rejected here, with its reason),
 * count it against its device's flood limit, then queue it on the same path as the contract's messages. The store resolves the device to the bin
 * it was on at the uplink's time and decodes the frame in the batch's transaction; the PUBACK waits
 * for that commit like any other.
 */
public final class UplinkReceiver implements InboundHandler {
    private final String source;
    private final UplinkParser parser;
    private final SensorRateLimiter limiter;
    private final BatchQueue queue;
    private final IngestMetrics metrics;

    /** @param source the source's name ({@code chirpstack}, {@code tts}): the metrics' label */
    public UplinkReceiver(String source, UplinkParser parser, SensorRateLimiter limiter, BatchQueue queue,
                          IngestMetrics metrics) {
        this.source = source;
        this.parser = parser;
        this.limiter = limiter;
        this.queue = queue;
        this.metrics = metrics;
    }

    @Override
    public void onMessage(InboundMessage message) {
        metrics.received(message.qos());
        try {
            ServerMessage parsed = parser.parse(message.topic(), message.payload());
            if (parsed.uplink() != null) {
                limiter.countUplink(parsed.deviceId(), message.receivedAt(), System.nanoTime());
            }
            queue.offer(new Envelope(message, new DecodedMessage(null, List.of(), List.of()), parsed.uplink(), null,
                    parsed.status(), source));
        } catch (BadUplink bad) {
            queue.offer(Envelope.decoded(source, message, DecodedMessage.rejected(null,
                    Rejection.ofMessage(bad.reason(), bad.getMessage(), message.payload())), null));
        }
    }
}
