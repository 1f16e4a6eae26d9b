package org.clearway.dispatch.reporting;

import java.util.Objects;

import io.micrometer.core.instrument.MeterRegistry;

/**
 * The reporting chore's metric, {@code clearway_dispatch_downlinks_total{model,outcome}}: {@code sent} (the broker
 * acknowledged it; recorded in {@code device_reporting}), {@code unacked} (no acknowledgement in time or the publish
 * failed; not recorded, so the next run sends it again), {@code refused} (the interval does not fit the model's frame).
 */
public final class ReportingMetrics {
    /** A registry-free version for unit tests. */
    public static final ReportingMetrics NOOP = new ReportingMetrics(null);

    private final MeterRegistry registry;

    public ReportingMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    void downlink(String model, String outcome) {
        Objects.requireNonNull(model, "model");
        if (registry != null) {
            registry.counter("clearway.dispatch.downlinks", "model", model, "outcome", outcome).increment();
        }
    }
}
