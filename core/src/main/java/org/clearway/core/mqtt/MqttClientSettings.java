package org.clearway.core.mqtt;

import java.time.Duration;
import org.clearway.core.config.MqttConfig;

/**
 * How one client connects.
 *
 * @param cleanStart        false for a persistent session that the broker keeps while we are away
 * @param sessionExpiry     how long the broker keeps the session after a disconnect
 * @param receiveMaximum    MQTT 5 Receive Maximum: how many QoS 1 messages the broker may have in
 *                          flight to us, unacknowledged; ingest sets it to its batch size
 * @param manualAcks        acknowledge QoS 1 messages only through {@link MqttSession#acknowledge}
 * @param publishWindow     how many of our own QoS 1 publications may await their PUBACK at once
 */
public record MqttClientSettings(MqttConfig broker, String clientId, boolean cleanStart, Duration sessionExpiry,
                                 int receiveMaximum, boolean manualAcks, int publishWindow,
                                 Duration keepAlive, Duration reconnectMin, Duration reconnectMax) {

    /** A publisher: clean session, no manual acks. */
    public static MqttClientSettings publisher(MqttConfig broker, String clientId, int publishWindow) {
        return new MqttClientSettings(broker, clientId, true, Duration.ZERO, 65_535, false, publishWindow,
                Duration.ofSeconds(30), Duration.ofSeconds(1), Duration.ofSeconds(30));
    }

    /** A durable subscriber: persistent session, manual acks, a bounded in-flight window. */
    public static MqttClientSettings durableSubscriber(MqttConfig broker, String clientId, int receiveMaximum,
                                                       Duration sessionExpiry) {
        return new MqttClientSettings(broker, clientId, false, sessionExpiry, receiveMaximum, true, 1_000,
                Duration.ofSeconds(30), Duration.ofSeconds(1), Duration.ofSeconds(30));
    }
}
