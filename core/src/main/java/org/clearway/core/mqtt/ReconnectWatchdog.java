package org.clearway.core.mqtt;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.BooleanSupplier;

import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a lost connection from staying lost: Paho's automatic reconnect can stop retrying when a connection is lost
 * while it is reconnecting, so a session disconnected for longer than twice its longest reconnect delay asks Paho for
 * an attempt now. Before the first connection the session's own connect loop retries instead.
 */
final class ReconnectWatchdog {
    private static final Logger LOG = LoggerFactory.getLogger(ReconnectWatchdog.class);

    /** The client's side the watchdog needs. */
    interface Connection {
        boolean isConnected();

        void reconnect() throws MqttException;

        static Connection of(MqttAsyncClient client) {
            return new Connection() {
                @Override
                public boolean isConnected() {
                    return client.isConnected();
                }

                @Override
                public void reconnect() throws MqttException {
                    client.reconnect();
                }
            };
        }
    }

    private final Connection client;
    private final Clock clock;
    private final String clientId;
    private final Duration patience;
    private final BooleanSupplier closed;
    private volatile boolean connectedOnce;
    /** When the connection was last lost, or null while connected. */
    private volatile Instant lostAt;

    ReconnectWatchdog(Connection client, Clock clock, String clientId, Duration reconnectMax, BooleanSupplier closed) {
        this.client = client;
        this.clock = clock;
        this.clientId = clientId;
        this.patience = reconnectMax.multipliedBy(2);
        this.closed = closed;
    }

    void connected() {
        connectedOnce = true;
        lostAt = null;
    }

    void lost() {
        lostAt = clock.instant();
    }

    /** Called every so often: asks for a reconnect when the connection has been lost for too long. */
    void check() {
        Instant lost = lostAt;
        if (closed.getAsBoolean() || !connectedOnce || lost == null || client.isConnected()
                || Duration.between(lost, clock.instant()).compareTo(patience) < 0) {
            return;
        }
        LOG.warn("MQTT client {} disconnected since {}: asking for a reconnect now", clientId, lost);
        try {
            client.reconnect();
        } catch (MqttException | RuntimeException e) {
            LOG.debug("MQTT client {} reconnect: {}", clientId, e.getMessage());
        }
    }
}
