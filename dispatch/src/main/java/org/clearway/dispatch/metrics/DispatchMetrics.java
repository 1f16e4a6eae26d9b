package org.clearway.dispatch.metrics;

import java.util.Locale;
import java.util.Objects;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import org.clearway.decisions.DecisionMetrics;
import org.clearway.core.job.JobReason;

/**
 * Dispatch's counters, in Prometheus form {@code clearway_dispatch_*}: messages by outcome, what the decision
 * engine did ({@link DecisionMetrics}), truck positions, pickup verdicts and alarms raised.
 */
public final class DispatchMetrics implements DecisionMetrics {

    /** What became of a telemetry message. */
    public enum Outcome {
        /** decided on and committed */
        PROCESSED,
        /** not a valid message by the contract: ingest keeps it; dispatch skips it */
        INVALID,
        /** for a bin that is not registered, or retired */
        UNKNOWN_BIN,
        /** its data could not be stored, or the logic refused it: skipped, logged */
        FAILED
    }

    private final MeterRegistry registry;

    public DispatchMetrics(MeterRegistry registry) {
        this.registry = Objects.requireNonNull(registry, "registry");
    }

    public void message(Outcome outcome) {
        count("clearway.dispatch.messages", "outcome", outcome);
    }

    /** @param status applied, duplicate or rejected */
    public void truckUpdate(String status) {
        registry.counter("clearway.dispatch.truck.updates", "status", status).increment();
    }

    public void unplannedEmptying() {
        registry.counter("clearway.dispatch.unplanned.emptyings").increment();
    }

    /** @param outcome stored, duplicate, invalid or unknown_truck ({@code clearway_dispatch_positions_total}) */
    public void position(String outcome) {
        registry.counter("clearway.dispatch.positions", "outcome", outcome).increment();
    }

    /** @param verdict verified, emptied_low, no_drop or no_readings ({@code clearway_dispatch_pickups_total}) */
    public void pickup(String verdict) {
        registry.counter("clearway.dispatch.pickups", "verdict", verdict).increment();
    }

    /** A new live alarm ({@code clearway_dispatch_alarms_raised_total}); repeats of a live one are not counted. */
    public void alarmRaised(String kind, String source) {
        registry.counter("clearway.dispatch.alarms.raised", "kind", kind, "source", source).increment();
    }

    public void jobAnnounced() {
        registry.counter("clearway.dispatch.jobs.announced").increment();
    }

    public void retried() {
        registry.counter("clearway.dispatch.retries").increment();
    }

    public void leadershipAcquired() {
        registry.counter("clearway.dispatch.leadership.acquired").increment();
    }

    public void leadershipLost() {
        registry.counter("clearway.dispatch.leadership.lost").increment();
    }

    @Override
    public void readingIgnored() {
        registry.counter("clearway.dispatch.readings.ignored").increment();
    }

    @Override
    public void spikeSuppressed() {
        registry.counter("clearway.dispatch.spikes").increment();
    }

    @Override
    public void jobCreated(JobReason reason) {
        count("clearway.dispatch.jobs.created", "reason", reason);
    }

    @Override
    public void jobSuppressed(JobReason reason) {
        count("clearway.dispatch.jobs.suppressed", "reason", reason);
    }

    @Override
    public void emptyingDetected() {
        registry.counter("clearway.dispatch.emptyings").increment();
    }

    @Override
    public void stuckFlagged() {
        registry.counter("clearway.dispatch.stuck.flags").increment();
    }

    private void count(String name, String tag, Enum<?> value) {
        Counter.builder(name).tag(tag, value.name().toLowerCase(Locale.ROOT)).register(registry).increment();
    }
}
