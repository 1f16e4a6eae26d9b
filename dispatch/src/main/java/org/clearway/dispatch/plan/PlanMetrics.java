package org.clearway.dispatch.plan;

import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * The planner's metrics, in Prometheus form {@code clearway_dispatch_plan_*}: runs by outcome, their duration, jobs
 * planned and dropped, route revisions stored and published, urgent insertions, the solver's time budget, the bins
 * per plan run and complete routes that still break a rule.
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
    private final AtomicReference<Double> budgetSeconds = new AtomicReference<>(0.0);
    private final DistributionSummary binsConsidered;
    private final DistributionSummary binsRouted;

    public PlanMetrics(MeterRegistry registry) {
        this.registry = Objects.requireNonNull(registry, "registry");
        this.duration = Timer.builder("clearway.dispatch.plan.duration").description("plan runs, snapshot to commit")
                .register(registry);
        Gauge.builder("clearway.dispatch.plan.budget", budgetSeconds, AtomicReference::get).strongReference(true).baseUnit("seconds")
                .description("the solver's time budget of a full plan").register(registry);
        this.binsConsidered = DistributionSummary.builder("clearway.dispatch.plan.bins").tag("what", "planned")
                .description("bins (jobs) per stored plan run: planned (solver stops and pinned jobs), routed (on "
                        + "the trucks' routes)").register(registry);
        this.binsRouted = DistributionSummary.builder("clearway.dispatch.plan.bins").tag("what", "routed")
                .description("bins (jobs) per stored plan run: planned (solver stops and pinned jobs), routed (on "
                        + "the trucks' routes)").register(registry);
    }

    /** The solver's time budget of a full plan ({@code CLEARWAY_DISPATCH_PLAN_BUDGET}), in seconds. */
    public void budget(Duration budget) {
        this.budgetSeconds.set(budget.toMillis() / 1000.0);
    }

    /**
     * One stored plan run's size.
     *
     * @param considered the bins (jobs) the run planned: the solver's stops and the jobs pinned on trucks
     * @param routed     those on the trucks' complete routes
     */
    public void bins(int considered, int routed) {
        binsConsidered.record(considered);
        binsRouted.record(routed);
    }

    /** Complete routes published although the checker found a rule broken (a truck must come home all the same). */
    public void routeViolations(int count) {
        registry.counter("clearway.dispatch.plan.route.violations").increment(count);
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
