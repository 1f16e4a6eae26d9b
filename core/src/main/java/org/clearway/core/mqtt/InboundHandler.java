package org.clearway.core.mqtt;

/**
 * Receives messages on the MQTT client's thread: it must return at once and never throw
 * (hand the message to a queue; never block, never touch the database).
 */
@FunctionalInterface
public interface InboundHandler {
    void onMessage(InboundMessage message);
}
