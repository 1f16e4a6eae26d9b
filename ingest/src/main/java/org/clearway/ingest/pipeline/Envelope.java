package org.clearway.ingest.pipeline;

import org.clearway.core.contract.DecodedMessage;
import org.clearway.core.mqtt.InboundMessage;

/** One received message and what the decoder made of it, on its way to the store. */
public record Envelope(InboundMessage message, DecodedMessage decoded) {
}
