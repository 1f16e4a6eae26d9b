package org.clearway.ingest.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.clearway.core.contract.DecodedMessage;
import org.clearway.core.mqtt.InboundMessage;
import org.junit.jupiter.api.Test;
import org.clearway.ingest.message.Envelope;

class BatchQueueTest {
    private static Envelope envelope(int id) {
        return new Envelope(new InboundMessage("bins/b/telemetry", new byte[0], 1, id, false, Instant.now(), 0),
                new DecodedMessage("b", List.of(), List.of()));
    }

    @Test
    void cutsAFullBatchAtItsSizeWithoutWaiting() throws Exception {
        BatchQueue queue = new BatchQueue(3, Duration.ofSeconds(10));
        for (int i = 1; i <= 5; i++) {
            queue.offer(envelope(i));
        }
        long start = System.nanoTime();
        List<Envelope> batch = queue.nextBatch(Duration.ofSeconds(1)).envelopes();
        assertThat(batch).extracting(e -> e.message().messageId()).containsExactly(1, 2, 3);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
        assertThat(queue.size()).isEqualTo(2);
    }

    @Test
    void closesAPartialBatchWhenItsOldestMessageReachesTheDelay() throws Exception {
        BatchQueue queue = new BatchQueue(100, Duration.ofMillis(100));
        queue.offer(envelope(1));
        queue.offer(envelope(2));
        long start = System.nanoTime();
        List<Envelope> batch = queue.nextBatch(Duration.ofSeconds(1)).envelopes();
        long waited = System.nanoTime() - start;
        assertThat(batch).hasSize(2);
        assertThat(Duration.ofNanos(waited)).isGreaterThanOrEqualTo(Duration.ofMillis(90));
    }

    @Test
    void returnsNothingWhenNothingArrives() throws Exception {
        assertThat(new BatchQueue(10, Duration.ofMillis(10)).nextBatch(Duration.ofMillis(20)).isEmpty()).isTrue();
    }

    @Test
    void keepsArrivalOrderAcrossBatches() throws Exception {
        BatchQueue queue = new BatchQueue(2, Duration.ofMillis(1));
        for (int i = 1; i <= 4; i++) {
            queue.offer(envelope(i));
        }
        Batch first = queue.nextBatch(Duration.ofMillis(10));
        Batch second = queue.drainNow();
        assertThat(first.envelopes()).extracting(e -> e.message().messageId()).containsExactly(1, 2);
        assertThat(second.envelopes()).extracting(e -> e.message().messageId()).containsExactly(3, 4);
        assertThat(second.sequence()).isEqualTo(first.sequence() + 1);
    }
}
