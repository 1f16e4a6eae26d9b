package org.clearway.core.mqtt;

import java.util.concurrent.CompletableFuture;

/**
 * Our own small MQTT interface, so that the client library can be replaced. A session connects in
 * the background and reconnects with backoff; its subscriptions are made again after every
 * reconnect.
 */
public interface MqttSession extends AutoCloseable {

    /** Connects in the background; returns at once. */
    void start();

    /** Subscribes now (if connected) and after every reconnect. */
    void subscribe(String filter, int qos, InboundHandler handler);

    /**
     * Sends the PUBACK of a QoS 1 message received with manual acknowledgements, and frees its place in the Receive
     * Maximum; a no-op for QoS 0.
     */
    void acknowledge(InboundMessage message);

    /**
     * QoS 1 messages handed to our handlers on the current connection and not acknowledged yet: never more than the
     * Receive Maximum with manual acknowledgements (0 without them).
     */
    default int unacknowledged() {
        return 0;
    }

    /**
     * Publishes; the future completes when the broker has acknowledged (QoS 1) or the message was
     * written (QoS 0). Blocks the caller while the outgoing in-flight window is full.
     */
    CompletableFuture<Void> publish(String topic, byte[] payload, int qos, boolean retained);

    boolean isConnected();

    /** Connected, and every subscription acknowledged by the broker on this connection. */
    default boolean isSubscribed() {
        return isConnected();
    }

    /** Disconnects gracefully. */
    @Override
    void close();
}
