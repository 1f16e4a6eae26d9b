package org.clearway.core.mqtt;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.clearway.core.time.DbClock;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttActionListener;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.client.MqttClientException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link MqttSession} on the Eclipse Paho MQTT 5 asynchronous client. Paho reconnects by itself
 * only after a first successful connect, so the first connect is retried here with backoff; the
 * subscriptions are sent again after each reconnect, from the callback without blocking it.
 *
 * <p>With manual acknowledgements the session keeps the Receive Maximum itself, whatever the broker
 * does (Mosquitto 2.0.11 sends past it once acknowledgements flow): each QoS 1 message handed on
 * takes one of {@code receiveMaximum} permits and {@link #acknowledge} gives it back. When all are
 * taken, Paho's callback thread waits here, Paho stops reading the socket, and TCP keeps the rest
 * at the broker. PUBACKs still go out meanwhile (Paho queues them for its sender thread). A lost
 * connection starts a fresh set of permits: the old connection's messages are redelivered on the
 * new one and are never acknowledged with their old packet ids. {@link #close()} and
 * {@link #abort()} release a waiting callback; the message it held is redelivered.
 *
 * <p>While the callback waits, Paho reads nothing from this connection: not the PUBACKs of our own
 * publications, not the broker's PINGRESP. So a consumer must not wait for its own QoS 1
 * publications on the session it receives on (publish on a session of its own), and a consumer
 * that stops acknowledging for longer than the keepalive loses the connection (and gets the
 * messages again on the next one).
 */
public final class PahoMqttSession implements MqttSession {
    private static final Logger LOG = LoggerFactory.getLogger(PahoMqttSession.class);
    /** How often a callback waiting for a receive permit checks whether the session closed or reconnected. */
    private static final long PERMIT_WAIT_MILLIS = 100;

    private final MqttClientSettings settings;
    private final Clock clock;
    private final MqttAsyncClient client;
    private final List<Subscription> subscriptions = new CopyOnWriteArrayList<>();
    private final Semaphore publishWindow;
    private final ScheduledExecutorService connector;
    /** TLS trusting CLEARWAY_MQTT_CA_FILE, or null for plain TCP or the JVM's trusted CAs. */
    private final javax.net.SocketFactory socketFactory;
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile long nextConnectDelayMs;
    private final ReconnectWatchdog watchdog;
    /** The current connection's number and receive permits: a PUBACK is sent only on the connection its message came on. */
    private final AtomicReference<ReceiveWindow> window;

    private record Subscription(String filter, int qos, InboundHandler handler) {
    }

    /** One connection's quota of unacknowledged QoS 1 messages handed on to our handlers. */
    private record ReceiveWindow(int connection, Semaphore permits) {
    }

    /** Subscriptions the broker acknowledged on the current connection. */
    private final java.util.Set<String> acknowledged = java.util.concurrent.ConcurrentHashMap.newKeySet();

    public PahoMqttSession(MqttClientSettings settings) {
        this(settings, DbClock.wall());
    }

    /** @param clock the time a message is stamped with on receipt ({@link InboundMessage#receivedAt}) */
    public PahoMqttSession(MqttClientSettings settings, Clock clock) {
        this.settings = settings;
        this.clock = DbClock.of(clock);
        this.publishWindow = new Semaphore(settings.publishWindow());
        this.window = new AtomicReference<>(new ReceiveWindow(0, new Semaphore(settings.receiveMaximum())));
        this.nextConnectDelayMs = settings.reconnectMin().toMillis();
        this.socketFactory = settings.broker().customTls() ? MqttTls.socketFactory(path(settings.broker().caFile()),
                path(settings.broker().certFile()), path(settings.broker().keyFile())) : null;
        try {
            this.client = new MqttAsyncClient(settings.broker().serverUriArray()[0], settings.clientId(),
                    new MemoryPersistence());
        } catch (MqttException e) {
            throw new IllegalArgumentException("Cannot create an MQTT client for " + settings.broker().serverUris()
                    + ": check CLEARWAY_MQTT_URL (" + e.getMessage() + ")", e);
        }
        this.watchdog = new ReconnectWatchdog(ReconnectWatchdog.Connection.of(client), Clock.systemUTC(),
                settings.clientId(), settings.reconnectMax(), closed::get);
        client.setManualAcks(settings.manualAcks());
        client.setCallback(new Callback());
        this.connector = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "mqtt-connect-" + settings.clientId());
            t.setDaemon(true);
            return t;
        });
    }

    private static java.nio.file.Path path(String file) {
        return file.isEmpty() ? null : java.nio.file.Path.of(file);
    }

    @Override
    public void start() {
        connector.execute(this::connectOnce);
        long every = Math.max(1_000, settings.reconnectMax().toMillis());
        connector.scheduleWithFixedDelay(watchdog::check, every, every, TimeUnit.MILLISECONDS);
    }

    private MqttConnectionOptions options() {
        MqttConnectionOptions o = new MqttConnectionOptions();
        o.setServerURIs(settings.broker().serverUriArray());
        o.setCleanStart(settings.cleanStart());
        o.setSessionExpiryInterval(settings.sessionExpiry().toSeconds());
        o.setReceiveMaximum(settings.receiveMaximum());
        o.setKeepAliveInterval((int) settings.keepAlive().toSeconds());
        o.setConnectionTimeout(10);
        o.setAutomaticReconnect(true);
        o.setAutomaticReconnectDelay((int) Math.max(1, settings.reconnectMin().toSeconds()),
                (int) Math.max(1, settings.reconnectMax().toSeconds()));
        if (settings.broker().usesTls()) {
            // The broker's certificate is verified against CLEARWAY_MQTT_CA_FILE (else the JVM's CAs), its name too.
            o.setHttpsHostnameVerificationEnabled(true);
            if (socketFactory != null) {
                o.setSocketFactory(socketFactory);
            }
        }
        if (!settings.broker().username().isEmpty()) {
            o.setUserName(settings.broker().username());
            o.setPassword(settings.broker().password().getBytes(StandardCharsets.UTF_8));
        }
        return o;
    }

    private void connectOnce() {
        if (closed.get() || client.isConnected()) {
            return;
        }
        try {
            client.connect(options()).waitForCompletion(15_000);
            nextConnectDelayMs = settings.reconnectMin().toMillis();
        } catch (MqttException e) {
            long delay = nextConnectDelayMs;
            nextConnectDelayMs = Math.min(settings.reconnectMax().toMillis(), delay * 2);
            LOG.warn("MQTT client {} cannot connect to {} ({}); retrying in {} ms", settings.clientId(),
                    settings.broker().serverUris(), e.getMessage(), delay);
            if (!closed.get()) {
                connector.schedule(this::connectOnce, delay, TimeUnit.MILLISECONDS);
            }
        }
    }

    @Override
    public void subscribe(String filter, int qos, InboundHandler handler) {
        Subscription s = new Subscription(filter, qos, handler);
        subscriptions.add(s);
        if (client.isConnected()) {
            sendSubscribe(s);
        }
    }

    private void sendSubscribe(Subscription s) {
        try {
            client.subscribe(new MqttSubscription[] {new MqttSubscription(s.filter(), s.qos())}, null,
                    new MqttActionListener() {
                        @Override
                        public void onSuccess(IMqttToken token) {
                            acknowledged.add(s.filter());
                            LOG.info("MQTT client {} subscribed to {} (QoS {})", settings.clientId(), s.filter(), s.qos());
                        }

                        @Override
                        public void onFailure(IMqttToken token, Throwable e) {
                            LOG.error("MQTT client {} could not subscribe to {}: {}", settings.clientId(), s.filter(),
                                    e.getMessage());
                        }
                    }, new MqttProperties());
        } catch (MqttException | RuntimeException e) {
            LOG.error("MQTT client {} could not subscribe to {}: {}", settings.clientId(), s.filter(), e.getMessage());
        }
    }

    /**
     * Every message goes through the client callback, matched to its subscription by topic: with a
     * persistent session the broker sends what it queued before our SUBSCRIBE is even answered.
     */
    private void deliver(String topic, MqttMessage m) {
        Subscription s = subscriptions.stream().filter(x -> TopicFilters.matches(x.filter(), topic)).findFirst()
                .orElse(null);
        if (s == null) {
            LOG.warn("MQTT client {} got a message on {} that no subscription of ours matches; left unacknowledged",
                    settings.clientId(), topic);
            return;
        }
        ReceiveWindow w = window.get();
        boolean bounded = settings.manualAcks() && m.getQos() > 0;
        if (bounded && !awaitPermit(w)) {
            LOG.debug("MQTT client {} stopping or reconnecting: message {} on {} left to the broker, which redelivers it",
                    settings.clientId(), m.getId(), topic);
            return;
        }
        try {
            s.handler().onMessage(new InboundMessage(topic, m.getPayload(), m.getQos(), m.getId(), m.isDuplicate(),
                    clock.instant(), w.connection()));
        } catch (RuntimeException e) {
            // Never throw into Paho: it would drop the connection. The message will not be acknowledged.
            if (bounded) {
                w.permits().release();
            }
            LOG.error("Handler for {} failed on a message of {}", s.filter(), topic, e);
        }
    }

    /**
     * Takes one receive permit, waiting while {@code receiveMaximum} messages are unacknowledged; false when the
     * session closes, the connection is lost or Paho interrupts its callback thread first. On a lost connection
     * Paho's shutdown does not wait for this thread (its {@code CommsCallback.stop()} only sets the target state
     * when it runs its own callback thread; it interrupts only one from an executor), then calls
     * {@code disconnected}, which replaces the window: the wait ends within {@link #PERMIT_WAIT_MILLIS}.
     */
    private boolean awaitPermit(ReceiveWindow w) {
        try {
            while (!w.permits().tryAcquire(PERMIT_WAIT_MILLIS, TimeUnit.MILLISECONDS)) {
                if (closed.get() || window.get() != w) {
                    return false;
                }
            }
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** QoS 1 messages handed on to our handlers on the current connection and not acknowledged yet. */
    @Override
    public int unacknowledged() {
        return settings.receiveMaximum() - window.get().permits().availablePermits();
    }

    @Override
    public void acknowledge(InboundMessage message) {
        if (message.qos() == 0 || !settings.manualAcks()) {
            return;
        }
        ReceiveWindow w = window.get();
        if (message.connection() != w.connection()) {
            // It came on an earlier connection: the broker redelivers it on this one, and that copy is acknowledged.
            return;
        }
        try {
            client.messageArrivedComplete(message.messageId(), message.qos());
        } catch (MqttException e) {
            // Not connected: the broker redelivers the message on the next session, and it is stored once.
            LOG.debug("Could not acknowledge message {} on {}: {}", message.messageId(), message.topic(), e.getMessage());
        } finally {
            w.permits().release();
        }
    }

    @Override
    public CompletableFuture<Void> publish(String topic, byte[] payload, int qos, boolean retained) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        publishWindow.acquireUninterruptibly();
        MqttMessage message = new MqttMessage(payload, qos, retained, null);
        MqttActionListener listener = new MqttActionListener() {
            @Override
            public void onSuccess(IMqttToken token) {
                publishWindow.release();
                done.complete(null);
            }

            @Override
            public void onFailure(IMqttToken token, Throwable e) {
                publishWindow.release();
                done.completeExceptionally(e);
            }
        };
        while (true) {
            try {
                client.publish(topic, message, null, listener);
                return done;
            } catch (MqttException e) {
                // The broker's own Receive Maximum is full: back-pressure, not a failure. Wait for a PUBACK.
                if (e.getReasonCode() == MqttClientException.REASON_CODE_MAX_INFLIGHT && !closed.get()) {
                    java.util.concurrent.locks.LockSupport.parkNanos(200_000);
                    continue;
                }
                publishWindow.release();
                done.completeExceptionally(e);
                return done;
            } catch (RuntimeException e) {
                publishWindow.release();
                done.completeExceptionally(e);
                return done;
            }
        }
    }

    /** Waits up to {@code limit} for the connection (started by {@link #start()}); returns whether it is up. */
    public boolean awaitConnected(java.time.Duration limit) {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!client.isConnected() && !closed.get() && System.nanoTime() < deadline) {
            java.util.concurrent.locks.LockSupport.parkNanos(20_000_000L);
        }
        return client.isConnected();
    }

    @Override
    public boolean isConnected() {
        return client.isConnected();
    }

    @Override
    public boolean isSubscribed() {
        return client.isConnected() && subscriptions.stream().allMatch(s -> acknowledged.contains(s.filter()));
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        connector.shutdownNow();
        try {
            if (client.isConnected()) {
                client.disconnect(5_000).waitForCompletion(6_000);
            }
        } catch (MqttException e) {
            LOG.debug("MQTT client {} disconnect: {}", settings.clientId(), e.getMessage());
        }
        try {
            client.close(true);
        } catch (MqttException e) {
            LOG.debug("MQTT client {} close: {}", settings.clientId(), e.getMessage());
        }
    }

    /** Stops without a DISCONNECT packet, as a crash would (for tests of redelivery). */
    public void abort() {
        closed.set(true);
        connector.shutdownNow();
        try {
            client.disconnectForcibly(0, 0, false);
            client.close(true);
        } catch (MqttException e) {
            LOG.debug("MQTT client {} abort: {}", settings.clientId(), e.getMessage());
        }
    }

    private final class Callback implements MqttCallback {
        @Override
        public void disconnected(MqttDisconnectResponse response) {
            // Whatever arrives from now on comes on a new connection, with a full quota of its own.
            window.updateAndGet(w -> new ReceiveWindow(w.connection() + 1, new Semaphore(settings.receiveMaximum())));
            acknowledged.clear();
            watchdog.lost();
            LOG.warn("MQTT client {} disconnected: {}; reconnecting", settings.clientId(), response.getReasonString());
        }

        @Override
        public void mqttErrorOccurred(MqttException e) {
            LOG.warn("MQTT client {} error: {}", settings.clientId(), e.getMessage());
        }

        @Override
        public void messageArrived(String topic, MqttMessage message) {
            deliver(topic, message);
        }

        @Override
        public void deliveryComplete(IMqttToken token) {
        }

        @Override
        public void connectComplete(boolean reconnect, String serverUri) {
            acknowledged.clear();
            watchdog.connected();
            LOG.info("MQTT client {} {} to {}", settings.clientId(), reconnect ? "reconnected" : "connected", serverUri);
            subscriptions.forEach(PahoMqttSession.this::sendSubscribe);
        }

        @Override
        public void authPacketArrived(int reasonCode, MqttProperties properties) {
        }
    }
}
