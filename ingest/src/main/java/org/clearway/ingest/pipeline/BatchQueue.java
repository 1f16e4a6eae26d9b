package org.clearway.ingest.pipeline;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.clearway.ingest.message.Envelope;

/**
 * Hands messages from the MQTT thread to the writer and cuts them into batches bounded by size and
 * by the age of their oldest message. The queue is unbounded in code but bounded in fact: the broker
 * sends at most Receive Maximum unacknowledged QoS 1 messages, and nothing is acknowledged before
 * it is committed.
 */
public final class BatchQueue {
    private final LinkedBlockingQueue<Envelope> queue = new LinkedBlockingQueue<>();
    /** One writer forms a batch at a time, so that batches hold consecutive messages. */
    private final ReentrantLock forming = new ReentrantLock();
    private long nextSequence;
    private final int maxSize;
    private final long maxDelayNanos;

    public BatchQueue(int maxSize, Duration maxDelay) {
        this.maxSize = maxSize;
        this.maxDelayNanos = maxDelay.toNanos();
    }

    /** Never blocks: called on the MQTT client's thread. */
    public void offer(Envelope envelope) {
        queue.add(envelope);
    }

    public int size() {
        return queue.size();
    }

    /**
     * The next batch: waits up to {@code idleWait} for a first message, then until the batch is full
     * or its first message is {@code maxDelay} old. Empty when nothing arrived.
     */
    public Batch nextBatch(Duration idleWait) throws InterruptedException {
        forming.lockInterruptibly();
        try {
            List<Envelope> envelopes = form(idleWait);
            return envelopes.isEmpty() ? Batch.NONE : new Batch(nextSequence++, envelopes);
        } finally {
            forming.unlock();
        }
    }

    private List<Envelope> form(Duration idleWait) throws InterruptedException {
        Envelope first = queue.poll(idleWait.toNanos(), TimeUnit.NANOSECONDS);
        if (first == null) {
            return List.of();
        }
        List<Envelope> batch = new ArrayList<>(Math.min(maxSize, 1024));
        batch.add(first);
        long deadline = System.nanoTime() + maxDelayNanos;
        while (batch.size() < maxSize) {
            queue.drainTo(batch, maxSize - batch.size());
            long left = deadline - System.nanoTime();
            if (batch.size() >= maxSize || left <= 0) {
                break;
            }
            Envelope next = queue.poll(left, TimeUnit.NANOSECONDS);
            if (next == null) {
                break;
            }
            batch.add(next);
        }
        return batch;
    }

    /** Whatever is queued now, up to a batch, without waiting (for the final flush at shutdown). */
    public Batch drainNow() {
        forming.lock();
        try {
            List<Envelope> rest = new ArrayList<>();
            queue.drainTo(rest, maxSize);
            return rest.isEmpty() ? Batch.NONE : new Batch(nextSequence++, rest);
        } finally {
            forming.unlock();
        }
    }
}
