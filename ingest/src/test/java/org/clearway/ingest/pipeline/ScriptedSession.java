package org.clearway.ingest.pipeline;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.clearway.core.mqtt.InboundHandler;
import org.clearway.core.mqtt.InboundMessage;
import org.clearway.core.mqtt.MqttSession;

/**
 * A unit-test stand-in for the broker connection that writes down, in one list, each publication ({@code pub
 * <topic> <payload>}) and each acknowledgement ({@code ack <message id>}), and fails the first {@code failing}
 * publications (a broker that does not answer).
 */
class ScriptedSession implements MqttSession {
    final List<String> events = new CopyOnWriteArrayList<>();
    private final AtomicInteger failing;

    ScriptedSession(int failing) {
        this.failing = new AtomicInteger(failing);
    }

    @Override
    public void start() {
    }

    @Override
    public void subscribe(String filter, int qos, InboundHandler handler) {
    }

    @Override
    public void acknowledge(InboundMessage message) {
        events.add("ack " + message.messageId());
    }

    @Override
    public CompletableFuture<Void> publish(String topic, byte[] payload, int qos, boolean retained) {
        if (failing.getAndDecrement() > 0) {
            return CompletableFuture.failedFuture(new IllegalStateException("the broker is away"));
        }
        events.add("pub " + topic + " " + new String(payload, java.nio.charset.StandardCharsets.UTF_8));
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public boolean isConnected() {
        return true;
    }

    @Override
    public void close() {
    }
}
