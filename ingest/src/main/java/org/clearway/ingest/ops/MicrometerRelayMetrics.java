package org.clearway.ingest.ops;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.clearway.ingest.relay.DecodedRelay;

/**
 * The relay's metrics: {@code clearway_ingest_relay_readings_total{result="published"|"failed"}}, readings of the
 * sources other than the contract's topic published to dispatch on {@code bins/{binId}/decoded}, and those of
 * attempts that failed (tried again, their source messages unacknowledged meanwhile).
 */
public final class MicrometerRelayMetrics implements DecodedRelay.Metrics {
    private final Counter published;
    private final Counter failed;

    public MicrometerRelayMetrics(MeterRegistry registry) {
        published = counter(registry, "published");
        failed = counter(registry, "failed");
    }

    private static Counter counter(MeterRegistry registry, String result) {
        return Counter.builder("clearway.ingest.relay.readings").tag("result", result)
                .description("Readings of non-contract sources relayed to dispatch on bins/{binId}/decoded")
                .register(registry);
    }

    @Override
    public void published(int readings) {
        published.increment(readings);
    }

    @Override
    public void failed(int readings) {
        failed.increment(readings);
    }
}
