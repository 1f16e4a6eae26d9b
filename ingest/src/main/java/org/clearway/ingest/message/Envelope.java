package org.clearway.ingest.message;

import org.clearway.core.contract.DecodedMessage;
import org.clearway.core.contract.devices.Uplink;
import org.clearway.core.mqtt.InboundMessage;

/**
 * One received message and what the decoder made of it, on its way to the store. A network
 * server's uplink carries its {@link Uplink} until the store knows which bin its device was on at
 * the uplink's time and decodes its frame (then {@code uplink} is null and {@code decoded} holds
 * the result); likewise a network server's {@link StatusEvent} until the store wrote it as its device's
 * status. A message from an HTTP source carries the {@link Reply} its caller waits for, sent
 * after the commit instead of a PUBACK; null for MQTT messages.
 *
 * @param source the source it came from, as {@code CLEARWAY_INGEST_SOURCES} names it (the metrics' label)
 */
public record Envelope(InboundMessage message, DecodedMessage decoded, Uplink uplink, Reply reply, StatusEvent status,
                       String source) {
    /** The contract's source name, for messages of the device contract on MQTT (and their replay). */
    public static final String CONTRACT = "contract";
    /** Ingest's own relay ({@link DecodedRelay}) handed back by the subscription to {@code bins/#}: not counted. */
    public static final String RELAY = "relay";

    public Envelope(InboundMessage message, DecodedMessage decoded) {
        this(message, decoded, null, null, null, CONTRACT);
    }

    /** A message of {@code source} decoded already. */
    public static Envelope decoded(String source, InboundMessage message, DecodedMessage decoded, Reply reply) {
        return new Envelope(message, decoded, null, reply, null, source);
    }

    /** The same message with what the store made of it, keeping its reply and source. */
    public Envelope withDecoded(DecodedMessage now) {
        return new Envelope(message, now, null, reply, null, source);
    }
}
