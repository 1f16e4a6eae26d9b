package org.clearway.simulator.publish;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import org.clearway.core.mqtt.InboundHandler;
import org.clearway.core.mqtt.InboundMessage;
import org.clearway.core.mqtt.MqttSession;

/** An MQTT session in memory: acknowledges at once, except what {@code fails} or {@code neverAcked} pick. */
final class FakeSession implements MqttSession {
    record Sent(String topic, byte[] payload, int qos) {
    }

    final List<Sent> sent = new CopyOnWriteArrayList<>();
    volatile boolean connected = true;
    volatile Predicate<String> fails = t -> false;
    volatile Predicate<String> neverAcked = t -> false;

    @Override
    public void start() {
    }

    @Override
    public void subscribe(String filter, int qos, InboundHandler handler) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void acknowledge(InboundMessage message) {
    }

    @Override
    public CompletableFuture<Void> publish(String topic, byte[] payload, int qos, boolean retained) {
        sent.add(new Sent(topic, payload, qos));
        if (fails.test(topic)) {
            return CompletableFuture.failedFuture(new IllegalStateException("refused by the fake broker"));
        }
        if (neverAcked.test(topic)) {
            return new CompletableFuture<>();
        }
        return CompletableFuture.runAsync(() -> { });
    }

    @Override
    public boolean isConnected() {
        return connected;
    }

    @Override
    public void close() {
        connected = false;
    }
}
