package org.clearway.dispatch.rounds;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import org.clearway.core.job.JobReason;

/**
 * The rounds chore's metrics, in Prometheus form {@code clearway_dispatch_rounds_*}: runs by outcome and their
 * duration, jobs opened by reason and round jobs cancelled, each group's bins at risk and selected at its last
 * selection (tags {@code district}, {@code stream}), and each stream's last fit of its round days to the week.
 */
public final class RoundsMetrics {

    private final MeterRegistry registry;
    private final Map<String, AtomicLong> atRisk = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> selected = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> lastFit = new ConcurrentHashMap<>();

    public RoundsMetrics(MeterRegistry registry) {
        this.registry = Objects.requireNonNull(registry, "registry");
    }

    /** A run that committed ({@code ok}) or failed ({@code failed}), and how long it took. */
    void run(boolean ok, Duration took) {
        Timer.builder("clearway.dispatch.rounds.runs").tag("outcome", ok ? "ok" : "failed")
                .description("rounds chore runs: selection to commit").register(registry).record(took);
    }

    void opened(JobReason reason, int jobs) {
        registry.counter("clearway.dispatch.rounds.jobs.opened", "reason", reason.name().toLowerCase(Locale.ROOT))
                .increment(jobs);
    }

    void cancelled(int jobs) {
        registry.counter("clearway.dispatch.rounds.jobs.cancelled").increment(jobs);
    }

    /** A group's bins at risk (a round day) or urgent (between rounds), and the bins chosen, at its last selection. */
    void group(String districtId, String stream, int binsAtRisk, int binsSelected) {
        gauge(atRisk, "clearway.dispatch.rounds.bins.at.risk", districtId, stream).set(binsAtRisk);
        gauge(selected, "clearway.dispatch.rounds.bins.selected", districtId, stream).set(binsSelected);
    }

    /** A stream's newest fit of round days to the week's rhythm (kept in the {@code rounds} table). */
    void fitted(String stream, Instant at) {
        lastFit.computeIfAbsent(stream, s -> {
            AtomicLong value = new AtomicLong();
            Gauge.builder("clearway.dispatch.rounds.last.refit", value, AtomicLong::get).tag("stream", s)
                    .baseUnit("seconds").description("when the stream's round days were last fitted (epoch seconds)")
                    .register(registry);
            return value;
        }).accumulateAndGet(at.getEpochSecond(), Math::max);
    }

    private AtomicLong gauge(Map<String, AtomicLong> gauges, String name, String districtId, String stream) {
        return gauges.computeIfAbsent(Round.key(districtId, stream), k -> {
            AtomicLong value = new AtomicLong();
            Gauge.builder(name, value, AtomicLong::get).tag("district", districtId).tag("stream", stream)
                    .register(registry);
            return value;
        });
    }
}
