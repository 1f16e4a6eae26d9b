package org.clearway.dispatch.plan;

import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * The planner's metrics, in Prometheus form {@code clearway_dispatch_plan_*}: runs by outcome, their duration, jobs
 * planned and dropped, route revisions stored and published, urgent insertions.
 */
public final class PlanMetrics {

    /** How a plan run ended. */
    public enum Outcome {
        /** stored (possibly with no change) */
        OK,
        /** the jobs (their states and trucks) and the trucks are as the current routes left them: not solved again */
        UNCHANGED,
        /** an urgent job was inserted while the plan was solved: thrown away, planned again */
        SUPERSEDED,
        /** the checker found the solver's routes infeasible: nothing stored */
        INFEASIBLE,
        /** this instance was no longer the leader: nothing stored */
        NOT_LEADER,
        /** a database or solver error: nothing stored, tried again at the next interval */
        FAILED
    }

    private final MeterRegistry registry;
    private final Timer duration;

    public PlanMetrics(MeterRegistry registry) {
        this.registry = Objects.requireNonNull(registry, "registry");
        this.duration = Timer.builder("clearway.dispatch.plan.duration").description("plan runs, snapshot to commit")
                .register(registry);
    }

    public void run(Outcome outcome, Duration took) {
        registry.counter("clearway.dispatch.plan.runs", "outcome", outcome.name().toLowerCase(Locale.ROOT))
                .increment();
        duration.record(took);
    }

    public void jobs(int planned, int dropped) {
        registry.counter("clearway.dispatch.plan.jobs.planned").increment(planned);
        registry.counter("clearway.dispatch.plan.jobs.dropped").increment(dropped);
    }

    /** @param cause plan or urgent */
    public void revisions(String cause, int count) {
        registry.counter("clearway.dispatch.plan.route.revisions", "cause", cause).increment(count);
    }

    public void announced() {
        registry.counter("clearway.dispatch.plan.routes.announced").increment();
    }

    /** @param outcome inserted or not_inserted */
    public void urgent(String outcome) {
        registry.counter("clearway.dispatch.plan.urgent.insertions", "outcome", outcome).increment();
    }
}
