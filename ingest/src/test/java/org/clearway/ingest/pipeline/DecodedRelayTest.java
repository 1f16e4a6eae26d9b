package org.clearway.ingest.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.clearway.ingest.relay.DecodedRelay;
import org.clearway.core.contract.Reading;
import org.clearway.core.contract.TelemetryTopic;
import org.junit.jupiter.api.Test;

class DecodedRelayTest {
    private static final Reading READING = new Reading("b-1", Instant.parse("2026-11-28T08:15:00Z"), null, 412, 7L,
            88.0, null, null, null, List.of());

    private static final class Counting implements DecodedRelay.Metrics {
        final AtomicInteger published = new AtomicInteger();
        final AtomicInteger failed = new AtomicInteger();

        @Override
        public void published(int readings) {
            published.addAndGet(readings);
        }

        @Override
        public void failed(int readings) {
            failed.addAndGet(readings);
        }
    }

    @Test
    void publishesEachReadingAsTheContractsJsonOnItsBinsDecodedTopic() throws Exception {
        ScriptedSession session = new ScriptedSession(0);
        Counting metrics = new Counting();
        DecodedRelay relay = new DecodedRelay(session, new TelemetryTopic("city-a/"), Duration.ofSeconds(1), metrics);
        assertThat(relay.publish(List.of(READING))).isTrue();
        assertThat(session.events).containsExactly(
                "pub city-a/bins/b-1/decoded {\"ts\":\"2026-11-28T08:15:00Z\",\"distanceMm\":412,\"seq\":7,\"battery\":88.0}");
        assertThat(metrics.published).hasValue(1);
        assertThat(relay.publish(List.of())).as("nothing to relay").isTrue();
        assertThat(session.events).hasSize(1);
    }

    @Test
    void aFailedOrUnansweredPublicationIsAFailure() throws Exception {
        Counting metrics = new Counting();
        assertThat(new DecodedRelay(new ScriptedSession(1), new TelemetryTopic(""), Duration.ofSeconds(1), metrics)
                .publish(List.of(READING, READING))).isFalse();
        ScriptedSession silent = new ScriptedSession(0) {
            @Override
            public CompletableFuture<Void> publish(String topic, byte[] payload, int qos, boolean retained) {
                return new CompletableFuture<>();
            }
        };
        assertThat(new DecodedRelay(silent, new TelemetryTopic(""), Duration.ofMillis(50), metrics)
                .publish(List.of(READING))).as("no PUBACK within the timeout").isFalse();
        assertThat(metrics.failed).hasValue(3);
        assertThat(metrics.published).hasValue(0);
    }
}
