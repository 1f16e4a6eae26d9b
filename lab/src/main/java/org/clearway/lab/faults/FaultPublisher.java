package org.clearway.lab.faults;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.BitSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.clearway.core.config.MqttConfig;
import org.clearway.core.mqtt.MqttClientSettings;
import org.clearway.core.mqtt.PahoMqttSession;

/**
 * The sensors of a fault run, as one resilient QoS 1 publisher: reading {@code seq} belongs to bin
 * {@code seq % bins} and is measured at {@code base + seq} ms, so that (bin, ts) and seq identify it.
 * It publishes at a steady rate, and a publication the broker did not acknowledge (broker gone,
 * connection lost, no answer in time) is sent again until it is, as a device would. It counts what
 * it sent and which readings the broker acknowledged.
 */
final class FaultPublisher implements AutoCloseable {
    private static final Duration ACK_TIMEOUT = Duration.ofSeconds(10);
    private static final long RETRY_MS = 250;

    private final PahoMqttSession session;
    private final String prefix;
    private final int bins;
    private final Instant base;
    private final ScheduledExecutorService retries =
            Executors.newSingleThreadScheduledExecutor(r -> Thread.ofPlatform().daemon().name("fault-publisher-retry").unstarted(r));
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong resent = new AtomicLong();
    private final AtomicLong acked = new AtomicLong();
    private final AtomicLong pending = new AtomicLong();
    private final BitSet ackedSeqs = new BitSet();

    FaultPublisher(String mqttUrl, String clientId, String prefix, int bins, Instant base) throws InterruptedException {
        this.prefix = prefix;
        this.bins = bins;
        this.base = base;
        session = new PahoMqttSession(MqttClientSettings.publisher(new MqttConfig(mqttUrl, "", "", ""), clientId, 50_000));
        session.start();
        FaultRun.await("the publisher to connect to " + mqttUrl, Duration.ofSeconds(30), session::isConnected);
    }

    /** Publishes readings {@code from} to {@code to} (exclusive) at {@code perSecond}; returns when all are sent, not acknowledged. */
    void publish(int from, int to, int perSecond) {
        long start = System.nanoTime();
        for (int seq = from; seq < to; seq++) {
            long due = start + (long) ((seq - from) * (1e9 / perSecond));
            long wait = due - System.nanoTime();
            if (wait > 0) {
                java.util.concurrent.locks.LockSupport.parkNanos(wait);
            }
            pending.incrementAndGet();
            send(seq, false);
        }
    }

    private void send(int seq, boolean again) {
        (again ? resent : sent).incrementAndGet();
        String json = "{\"ts\":\"" + base.plusMillis(seq) + "\",\"fill\":" + (seq % 100) + ",\"seq\":" + seq + "}";
        CompletableFuture<Void> ack = session.publish(prefix + "bins/" + FaultDatabase.binId(seq % bins) + "/telemetry",
                json.getBytes(StandardCharsets.UTF_8), 1, false);
        ack.orTimeout(ACK_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).whenComplete((ok, failure) -> {
            if (failure == null) {
                synchronized (ackedSeqs) {
                    ackedSeqs.set(seq);
                }
                acked.incrementAndGet();
                pending.decrementAndGet();
            } else if (!retries.isShutdown()) {
                retries.schedule(() -> send(seq, true), RETRY_MS, TimeUnit.MILLISECONDS);
            }
        });
    }

    /** Waits until the broker acknowledged every publication. */
    void awaitAcknowledged(Duration timeout) throws InterruptedException {
        FaultRun.await("the broker to acknowledge every publication", timeout, () -> pending.get() == 0);
    }

    /** Publications, first sends only (a reading published three times counts three). */
    long sent() {
        return sent.get();
    }

    /** Sends again after no acknowledgement. */
    long resent() {
        return resent.get();
    }

    /** Publications the broker acknowledged. */
    long acknowledged() {
        return acked.get();
    }

    BitSet ackedSeqs() {
        synchronized (ackedSeqs) {
            return (BitSet) ackedSeqs.clone();
        }
    }

    @Override
    public void close() {
        retries.shutdownNow();
        session.close();
    }
}
