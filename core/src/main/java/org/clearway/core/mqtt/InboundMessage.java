package org.clearway.core.mqtt;

import java.time.Instant;

/**
 * A message delivered by the broker, on the connection numbered {@code connection} (a packet id is
 * only meaningful on the connection it came on). A QoS 1 message stays unacknowledged until
 * {@link MqttSession#acknowledge(InboundMessage)} is called for it: the broker redelivers it if the
 * session ends first.
 */
public record InboundMessage(String topic, byte[] payload, int qos, int messageId, boolean duplicate,
                             Instant receivedAt, int connection) {
}
