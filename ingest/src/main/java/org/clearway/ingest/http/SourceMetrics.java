package org.clearway.ingest.http;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Each HTTP source's own counters, exposed to Prometheus as {@code clearway_ingest_source_*} with a {@code source}
 * label ({@code chirpstack-http}, {@code tts-http}, {@code http}): requests received; readings stored (new or
 * repeats); messages rejected and kept in rejected_messages, by {@code reason}; requests refused without being kept,
 * by {@code cause} ({@code unauthorized}, {@code busy}, {@code timeout}, {@code too_large}, {@code bad_request}); events ignored, by
 * {@code event} (ChirpStack's join, ack, log ... events carry no reading). What each message of every source became
 * after its commit is {@code clearway_ingest_messages_total{source, outcome}} ({@code IngestMetrics}).
 */
public final class SourceMetrics {
    private final MeterRegistry registry;

    public SourceMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    void received(String source) {
        Counter.builder("clearway.ingest.source.received").tag("source", source)
                .description("Requests received by an HTTP source").register(registry).increment();
    }

    void stored(String source, int readings) {
        Counter.builder("clearway.ingest.source.stored").tag("source", source)
                .description("Valid readings of an HTTP source committed (new rows or repeats of stored ones)")
                .register(registry).increment(readings);
    }

    void rejected(String source, String reason) {
        Counter.builder("clearway.ingest.source.rejected").tag("source", source).tag("reason", reason)
                .description("Messages or readings of an HTTP source rejected and kept in rejected_messages")
                .register(registry).increment();
    }

    void refused(String source, String cause) {
        Counter.builder("clearway.ingest.source.refused").tag("source", source).tag("cause", cause)
                .description("Requests of an HTTP source answered without being kept (unauthorized, busy, timeout, too_large)")
                .register(registry).increment();
    }

    void ignored(String source, String event) {
        Counter.builder("clearway.ingest.source.ignored").tag("source", source).tag("event", event)
                .description("Events of an HTTP source that carry no reading, answered 204").register(registry).increment();
    }
}
