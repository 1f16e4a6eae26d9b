package org.clearway.ingest.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.clearway.core.contract.DecodedMessage;
import org.clearway.core.mqtt.InboundHandler;
import org.clearway.core.mqtt.InboundMessage;
import org.clearway.core.mqtt.MqttSession;
import org.junit.jupiter.api.Test;
import org.clearway.ingest.message.Envelope;

class AckSequencerTest {
    /** Records acknowledgements; a unit-test stand-in for the broker connection. */
    private static final class RecordingSession implements MqttSession {
        final List<Integer> acked = new ArrayList<>();

        @Override
        public void start() {
        }

        @Override
        public void subscribe(String filter, int qos, InboundHandler handler) {
        }

        @Override
        public void acknowledge(InboundMessage message) {
            acked.add(message.messageId());
        }

        @Override
        public CompletableFuture<Void> publish(String topic, byte[] payload, int qos, boolean retained) {
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public boolean isConnected() {
            return true;
        }

        @Override
        public boolean isSubscribed() {
            return true;
        }

        @Override
        public void close() {
        }
    }

    private static Batch batch(long sequence, int... ids) {
        List<Envelope> envelopes = new ArrayList<>();
        for (int id : ids) {
            envelopes.add(new Envelope(new InboundMessage("t", new byte[0], 1, id, false, Instant.now(), 0),
                    new DecodedMessage("b", List.of(), List.of())));
        }
        return new Batch(sequence, envelopes);
    }

    @Test
    void acknowledgesInArrivalOrderWhateverOrderBatchesCommitIn() {
        RecordingSession session = new RecordingSession();
        AckSequencer acks = new AckSequencer(session);
        acks.committed(batch(1, 3, 4));
        assertThat(session.acked).as("batch 1 waits for batch 0").isEmpty();
        acks.committed(batch(2, 5));
        acks.committed(batch(0, 1, 2));
        assertThat(session.acked).containsExactly(1, 2, 3, 4, 5);
    }

    @Test
    void anUncommittedBatchHoldsBackEveryLaterOne() {
        RecordingSession session = new RecordingSession();
        AckSequencer acks = new AckSequencer(session);
        acks.committed(batch(0, 1));
        acks.committed(batch(2, 3));
        assertThat(session.acked).containsExactly(1);
    }
}
