package org.clearway.deploy;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.SocketFactory;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttClientException;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;

/** MQTT 5 clients for asking a broker who may connect, subscribe and publish (Paho, synchronous). */
final class MqttProbe implements AutoCloseable {
    /** A message as a subscriber got it. */
    record Received(String topic, String payload) {
    }

    private final MqttClient client;
    private final BlockingQueue<Received> inbox = new LinkedBlockingQueue<>();
    private final AtomicInteger disconnects = new AtomicInteger();

    private MqttProbe(MqttClient client) {
        this.client = client;
    }

    /** Connects with these credentials (none when {@code user} is null); throws what the broker answered. */
    static MqttProbe connect(String uri, String clientId, String user, String password) throws MqttException {
        return connect(uri, clientId, user, password, false);
    }

    /**
     * {@link #connect(String, String, String, String)} with a persistent session (clean start off,
     * session expiry 1 h), as ingest connects: the broker keeps its subscriptions and queues while it is away.
     */
    static MqttProbe connectPersistent(String uri, String clientId, String user, String password) throws MqttException {
        return connect(uri, clientId, user, password, true);
    }

    private static MqttProbe connect(String uri, String clientId, String user, String password, boolean persistent)
            throws MqttException {
        return connect(uri, clientId, user, password, persistent, null);
    }

    /**
     * Connects over TLS ({@code ssl://} or {@code wss://}) with this socket factory, which decides whom the client
     * trusts and which certificate it presents; credentials as {@link #connect(String, String, String, String)}.
     */
    static MqttProbe connectTls(String uri, SocketFactory sockets, String clientId, String user, String password)
            throws MqttException {
        return connect(uri, clientId, user, password, false, sockets);
    }

    /** {@link #connectTls}'s answer: 0 when let in, else the broker's reason code or Paho's (a failed handshake). */
    static int connectTlsReasonCode(String uri, SocketFactory sockets, String clientId, String user, String password) {
        try {
            connectTls(uri, sockets, clientId, user, password).close();
            return 0;
        } catch (MqttException e) {
            return refusal(e);
        }
    }

    private static MqttProbe connect(String uri, String clientId, String user, String password, boolean persistent,
                                     SocketFactory sockets) throws MqttException {
        MqttClient client = new MqttClient(uri, clientId, new MemoryPersistence());
        MqttConnectionOptions options = new MqttConnectionOptions();
        if (sockets != null) {
            options.setSocketFactory(sockets);
        }
        options.setCleanStart(!persistent);
        if (persistent) {
            options.setSessionExpiryInterval(3_600L);
        }
        options.setAutomaticReconnect(false);
        options.setConnectionTimeout(5);
        if (user != null) {
            options.setUserName(user);
            options.setPassword(password.getBytes(StandardCharsets.UTF_8));
        }
        MqttProbe probe = new MqttProbe(client);
        client.setCallback(probe.new Inbox());
        try {
            client.connect(options);
        } catch (MqttException e) {
            client.close(true);
            throw e;
        }
        return probe;
    }

    /**
     * The MQTT 5 reason code of the broker's refusal, or 0 if it let the client in, or {@link #CLIENT_FAILURE} when
     * the connection failed on the client's side (Paho's own reason code for that is 0 too, so it is mapped).
     */
    static int connectReasonCode(String uri, String clientId, String user, String password) {
        try {
            connect(uri, clientId, user, password).close();
            return 0;
        } catch (MqttException e) {
            return refusal(e);
        }
    }

    /**
     * What {@link #connectReasonCode} answers for a connection that failed before the broker answered the CONNECT: the
     * TLS handshake refused it. With TLS 1.3 the server checks a client certificate after the client has finished its
     * side of the handshake, so a refused certificate reaches Paho either as a client exception or as the connection
     * lost while connecting; both mean no CONNACK came.
     */
    static final int CLIENT_FAILURE = -1;

    private static int refusal(MqttException e) {
        int code = e.getReasonCode();
        return code == MqttException.REASON_CODE_CLIENT_EXCEPTION || code == MqttClientException.REASON_CODE_CONNECTION_LOST
                ? CLIENT_FAILURE : code;
    }

    /** Subscribes at QoS 1; returns the SUBACK's reason code (1: granted QoS 1, 0x87: not authorized). */
    int subscribe(String filter) throws MqttException {
        IMqttToken token = client.subscribe(new MqttSubscription[] {new MqttSubscription(filter, 1)});
        return token.getReasonCodes()[0];
    }

    /** Unsubscribes, so that a persistent session queues nothing more for this filter. */
    void unsubscribe(String filter) throws MqttException {
        client.unsubscribe(filter);
    }

    /** Publishes at QoS 1 and waits for the PUBACK; returns its reason code (0: accepted, 0x87: not authorized). */
    int publish(String topic, String payload) throws MqttException {
        return publish(topic, payload, false);
    }

    /** {@link #publish(String, String)}, retained or not. */
    int publish(String topic, String payload, boolean retained) throws MqttException {
        MqttMessage message = new MqttMessage(payload.getBytes(StandardCharsets.UTF_8));
        message.setQos(1);
        message.setRetained(retained);
        IMqttToken token = client.getTopic(topic).publish(message);
        token.waitForCompletion(5_000);
        int[] codes = token.getReasonCodes();
        return codes == null || codes.length == 0 ? 0 : codes[0];
    }

    /** Whether the client is connected now. */
    boolean isConnected() {
        return client.isConnected();
    }

    /** How often the broker disconnected this client, or its connection was lost (a takeover, for one). */
    int disconnects() {
        return disconnects.get();
    }

    /** The next message this client received, or null after the timeout. */
    Received next(long timeout, TimeUnit unit) throws InterruptedException {
        return inbox.poll(timeout, unit);
    }

    @Override
    public void close() throws MqttException {
        try {
            if (client.isConnected()) {
                client.disconnect(2_000);
            }
        } finally {
            client.close(true);
        }
    }

    private final class Inbox implements MqttCallback {
        @Override
        public void messageArrived(String topic, MqttMessage message) {
            inbox.add(new Received(topic, new String(message.getPayload(), StandardCharsets.UTF_8)));
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
