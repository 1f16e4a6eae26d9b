package org.clearway.ingest.pipeline;

import org.clearway.core.contract.DecodedMessage;
import org.clearway.core.contract.devices.Uplink;
import org.clearway.core.mqtt.InboundMessage;

/**
 * One received message and what the decoder made of it, on its way to the store. A network
 * server's uplink carries its {@link Uplink} until the store knows which bin its device was on at
 * the uplink's time and decodes its frame (then {@code uplink} is null and {@code decoded} holds
 * the result). A message from an HTTP source carries the {@link Reply} its caller waits for, sent
 * after the commit instead of a PUBACK; null for MQTT messages.
 */
public record Envelope(InboundMessage message, DecodedMessage decoded, Uplink uplink, Reply reply) {
    public Envelope(InboundMessage message, DecodedMessage decoded) {
        this(message, decoded, null, null);
    }

    public Envelope(InboundMessage message, DecodedMessage decoded, Uplink uplink) {
        this(message, decoded, uplink, null);
    }

    /** The same message with what the store made of it, keeping its reply. */
    public Envelope withDecoded(DecodedMessage now) {
        return new Envelope(message, now, null, reply);
    }
}
