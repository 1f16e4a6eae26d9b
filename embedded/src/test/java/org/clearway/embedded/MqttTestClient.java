package org.clearway.embedded;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;

/** A Paho MQTT v5 client for the broker tests: records what arrives, never blocks in a callback. */
final class MqttTestClient implements AutoCloseable {
    private static final long TIMEOUT_MS = 10_000;

    private final MqttAsyncClient client;
    private final List<String> received = new CopyOnWriteArrayList<>();
    private final List<IMqttToken> pending = new ArrayList<>();
    private final AtomicInteger disconnects = new AtomicInteger();

    private MqttTestClient(MqttAsyncClient client) {
        this.client = client;
    }

    /** Connects with a persistent session (clean start off, session kept for an hour). */
    static MqttTestClient persistent(String serverUri, String clientId) throws MqttException {
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setCleanStart(false);
        options.setSessionExpiryInterval(3600L);
        return connect(serverUri, clientId, options);
    }

    static MqttTestClient clean(String serverUri, String clientId) throws MqttException {
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setCleanStart(true);
        return connect(serverUri, clientId, options);
    }

    /** {@link #persistent(String, String)} with credentials. */
    static MqttTestClient persistent(String serverUri, String clientId, String user, String password) throws MqttException {
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setCleanStart(false);
        options.setSessionExpiryInterval(3600L);
        return connect(serverUri, clientId, credentials(options, user, password));
    }

    /** {@link #clean(String, String)} with credentials. */
    static MqttTestClient clean(String serverUri, String clientId, String user, String password) throws MqttException {
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setCleanStart(true);
        return connect(serverUri, clientId, credentials(options, user, password));
    }

    /** The CONNACK reason code of a clean-start connection with these credentials (0: accepted); it is closed again. */
    static int connectReasonCode(String serverUri, String clientId, String user, String password) {
        try {
            clean(serverUri, clientId, user, password).close();
            return 0;
        } catch (MqttException e) {
            return e.getReasonCode();
        }
    }

    private static MqttConnectionOptions credentials(MqttConnectionOptions options, String user, String password) {
        if (user != null) {
            options.setUserName(user);
            options.setPassword(password.getBytes(StandardCharsets.UTF_8));
        }
        return options;
    }

    private static MqttTestClient connect(String serverUri, String clientId, MqttConnectionOptions options)
            throws MqttException {
        options.setAutomaticReconnect(false);
        MqttAsyncClient client = new MqttAsyncClient(serverUri, clientId, new MemoryPersistence());
        MqttTestClient testClient = new MqttTestClient(client);
        // Set before connecting: a resumed session delivers its queue right after CONNACK.
        client.setCallback(testClient.new Recorder());
        try {
            client.connect(options).waitForCompletion(TIMEOUT_MS);
        } catch (MqttException e) {
            client.close(true);
            throw e;
        }
        return testClient;
    }

    void subscribe(String topicFilter, int qos) throws MqttException {
        IMqttToken token = client.subscribe(new MqttSubscription(topicFilter, qos));
        token.waitForCompletion(TIMEOUT_MS);
        int[] granted = token.getGrantedQos();
        if (granted == null || granted.length != 1 || granted[0] != qos) {
            throw new IllegalStateException("Subscription to " + topicFilter + " not granted at QoS " + qos);
        }
    }

    void publish(String topic, String payload, int qos) throws MqttException {
        publishAsync(topic, payload, qos);
        awaitPublished();
    }

    /** Sends without waiting for the broker's acknowledgement; see {@link #awaitPublished()}. */
    void publishAsync(String topic, String payload, int qos) throws MqttException {
        MqttMessage message = new MqttMessage(payload.getBytes(StandardCharsets.UTF_8));
        message.setQos(qos);
        pending.add(client.publish(topic, message));
    }

    /** Waits until the broker has acknowledged every message sent so far. */
    void awaitPublished() throws MqttException {
        for (IMqttToken token : pending) {
            token.waitForCompletion(TIMEOUT_MS);
        }
        pending.clear();
    }

    /** Payloads received so far, in arrival order (QoS 1 may repeat one). */
    List<String> received() {
        return List.copyOf(received);
    }

    /**
     * Waits until {@code count} distinct payloads have arrived, or the timeout passes, and returns
     * the distinct payloads (QoS 1 may deliver one twice).
     */
    List<String> awaitDistinct(int count, Duration timeout) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (received.stream().distinct().count() < count && Instant.now().isBefore(deadline)) {
            Thread.sleep(20);
        }
        return received.stream().distinct().toList();
    }

    boolean isConnected() {
        return client.isConnected();
    }

    /** How often the broker disconnected this client or its connection was lost (a takeover, for one). */
    int disconnects() {
        return disconnects.get();
    }

    void disconnect() throws MqttException {
        client.disconnect().waitForCompletion(TIMEOUT_MS);
    }

    @Override
    public void close() throws MqttException {
        if (client.isConnected()) {
            disconnect();
        }
        client.close();
    }

    private final class Recorder implements MqttCallback {
        @Override
        public void messageArrived(String topic, MqttMessage message) {
            received.add(new String(message.getPayload(), StandardCharsets.UTF_8));
        }

        @Override
        public void disconnected(MqttDisconnectResponse response) {
            disconnects.incrementAndGet();
        }

        @Override
        public void mqttErrorOccurred(MqttException exception) {
        }

        @Override
        public void deliveryComplete(IMqttToken token) {
        }

        @Override
        public void connectComplete(boolean reconnect, String serverUri) {
        }

        @Override
        public void authPacketArrived(int reasonCode, MqttProperties properties) {
        }
    }
}
