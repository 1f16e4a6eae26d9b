package org.clearway.ingest.ops;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.clearway.core.contract.RejectReason;
import org.clearway.ingest.pipeline.IngestMetrics;

/**
 * Ingest metrics on Micrometer, exposed to Prometheus as {@code clearway_ingest_*}: messages
 * received, readings stored, duplicates, rejects by reason, batch size, commit latency, end-to-end
 * lag (sensor time to commit), pipeline lag (receipt to commit), messages over a bin's flood limit, and each
 * source's committed messages by outcome ({@code clearway_ingest_messages_total{source, outcome}}).
 */
public final class MicrometerIngestMetrics implements IngestMetrics {
    private final Counter receivedQos0;
    private final Counter receivedQos1;
    private final Counter stored;
    private final Counter duplicates;
    private final Map<RejectReason, Counter> rejected = new EnumMap<>(RejectReason.class);
    private final DistributionSummary batchSize;
    private final Timer commit;
    private final Timer endToEnd;
    private final Timer pipeline;
    private final Counter storeFailures;
    private final Counter overFloodLimit;
    private final MeterRegistry registry;
    private final Map<String, Counter> messages = new ConcurrentHashMap<>();

    public MicrometerIngestMetrics(MeterRegistry registry) {
        this.registry = registry;
        receivedQos0 = Counter.builder("clearway.ingest.messages.received").tag("qos", "0")
                .description("MQTT messages received").register(registry);
        receivedQos1 = Counter.builder("clearway.ingest.messages.received").tag("qos", "1")
                .description("MQTT messages received").register(registry);
        stored = Counter.builder("clearway.ingest.readings.stored").description("Readings stored (new rows)")
                .register(registry);
        duplicates = Counter.builder("clearway.ingest.readings.duplicate")
                .description("Valid readings already stored (same bin and ts), ignored").register(registry);
        for (RejectReason reason : RejectReason.values()) {
            rejected.put(reason, Counter.builder("clearway.ingest.rejected").tag("reason", reason.code())
                    .description("Rejected messages or batch readings, by reason").register(registry));
        }
        batchSize = DistributionSummary.builder("clearway.ingest.batch.size").baseUnit("messages")
                .description("Messages per database commit").publishPercentileHistogram().register(registry);
        commit = Timer.builder("clearway.ingest.commit").description("Time to write and commit one batch")
                .publishPercentileHistogram().register(registry);
        endToEnd = Timer.builder("clearway.ingest.lag.end_to_end")
                .description("From the reading's ts (sensor clock) to its commit").publishPercentileHistogram()
                .publishPercentiles(0.5, 0.99)
                .minimumExpectedValue(Duration.ofMillis(1)).maximumExpectedValue(Duration.ofDays(7))
                .register(registry);
        pipeline = Timer.builder("clearway.ingest.lag.pipeline")
                .description("From receipt of the message to its commit").publishPercentileHistogram()
                .register(registry);
        storeFailures = Counter.builder("clearway.ingest.store.failures")
                .description("Batch commits that failed and were retried").register(registry);
        overFloodLimit = Counter.builder("clearway.ingest.flood.messages")
                .description("Messages of a bin over its flood limit: stored and flagged, or parked (rate_limited) "
                        + "beyond the ceiling").register(registry);
    }

    @Override
    public void received(int qos) {
        (qos == 0 ? receivedQos0 : receivedQos1).increment();
    }

    @Override
    public void stored(int readings, int duplicateReadings) {
        stored.increment(readings);
        duplicates.increment(duplicateReadings);
    }

    @Override
    public void rejected(RejectReason reason) {
        rejected.get(reason).increment();
    }

    @Override
    public void committed(int messages, Duration commitTime) {
        batchSize.record(messages);
        commit.record(commitTime);
    }

    @Override
    public void lag(Duration endToEndLag, Duration pipelineLag) {
        endToEnd.record(endToEndLag.isNegative() ? Duration.ZERO : endToEndLag);
        pipeline.record(pipelineLag.isNegative() ? Duration.ZERO : pipelineLag);
    }

    @Override
    public void storeFailed() {
        storeFailures.increment();
    }

    @Override
    public void message(String source, String outcome) {
        messages.computeIfAbsent(source + '/' + outcome, k -> Counter.builder("clearway.ingest.messages")
                .tag("source", source).tag("outcome", outcome)
                .description("Messages committed, by source and outcome: stored, rejected (kept), status")
                .register(registry)).increment();
    }

    @Override
    public void overFloodLimit() {
        overFloodLimit.increment();
    }
}
