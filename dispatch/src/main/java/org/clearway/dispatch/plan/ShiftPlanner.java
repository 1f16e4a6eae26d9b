package org.clearway.dispatch.plan;

import org.clearway.dispatch.leader.LeaderFence;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import com.zaxxer.hikari.HikariDataSource;

import io.micrometer.core.instrument.MeterRegistry;

import org.clearway.core.config.DatabaseConfig;
import org.clearway.core.db.Databases;
import org.clearway.core.mqtt.MqttSession;
import org.clearway.core.time.DbClock;
import org.clearway.dispatch.fleet.Truck;
import org.clearway.routing.PlanOptions;
import org.clearway.routing.RoutePlanner;
import org.clearway.routing.check.CheckReport;
import org.clearway.routing.check.FeasibilityChecker;
import org.clearway.routing.lns.SearchPlanner;
import org.clearway.routing.model.ProblemIndex;
import org.clearway.routing.model.Solution;
import org.clearway.routing.model.SolveStats;
import org.clearway.routing.model.Stop;
import org.clearway.dispatch.store.JobStore;
import org.clearway.dispatch.store.Json;
import org.clearway.dispatch.trucks.TruckTopics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The leader's planning loop, on a thread and a database connection of its own, for one term of office: a full plan
 * when the term starts and every {@link PlanSettings#interval} of the clock's time (on an accelerated clock, that
 * interval divided by its speed in real time), urgent jobs inserted into the running routes as soon
 * as they appear ({@link UrgentInserter}), and the routes published ({@link RouteAnnouncer}). Every write goes
 * through {@link PlanWriter} behind the {@link LeaderFence}. {@link #close} ends it when the term ends.
 *
 * <p>A full plan: snapshot (one read transaction) → {@link ProblemBuilder} → the solver with the time budget, on a
 * thread of its own while the loop goes on inserting urgent jobs → the {@link FeasibilityChecker} (an infeasible plan
 * is not stored) → {@link PlanWriter} → publish. A plan solved while an urgent job was inserted is stale: it is
 * thrown away and planned again.
 */
public final class ShiftPlanner implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ShiftPlanner.class);
    private static final Duration STOP_WAIT = Duration.ofSeconds(2);
    static final String CAUSE_PLAN = "plan";
    static final String CAUSE_URGENT = "urgent";

    private final DatabaseConfig database;
    private final PlanSettings settings;
    private final DbClock clock;
    private final RoutePlanner solver;
    private final PlanStore store;
    private final PlanWriter writer;
    private final RouteAnnouncer announcer;
    private final PlanMetrics metrics;
    private final ProblemBuilder builder;
    private final UrgentInserter urgent;
    private final DispatchHold hold;
    private Set<String> heldInPlan = Set.of();  // held back by the last stored full plan: when that changes, plan again
    private final PlanRequestInbox requests = new PlanRequestInbox();
    private final Object wakeUp = new Object();
    private volatile boolean stopped;
    private volatile boolean planRequested = true;
    private volatile CurrentPlan current;
    /** The full plan being solved, or null; touched by the loop's thread only. */
    private PendingPlan pending;
    /** Counts the urgent insertions stored: a full plan solved across one is stale. */
    private long urgentVersion;
    /** The last full plan's commit failed: the next failure waits for the interval. */
    private boolean commitFailed;
    private final ExecutorService solving;
    private Thread thread;

    /** A full plan handed to the solver. */
    private record PendingPlan(PlanSnapshot snapshot, ShiftProblem shift, long started, long urgentVersion,
                               CompletableFuture<Solution> solution, Set<String> held) {
    }

    /** The plan the trucks are driving, as the last commit left it. */
    record CurrentPlan(ShiftProblem shift, Solution solution) {
    }

    public ShiftPlanner(DatabaseConfig database, PlanSettings settings, Clock clock, RoutePlanner solver, PlanStore store,
                        PlanWriter writer, RouteAnnouncer announcer, PlanMetrics metrics) {
        this.database = Objects.requireNonNull(database, "database");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = DbClock.of(clock);
        this.solver = new ClockHoldingPlanner(Objects.requireNonNull(solver, "solver"), this.clock);
        this.store = Objects.requireNonNull(store, "store");
        this.writer = Objects.requireNonNull(writer, "writer");
        this.announcer = Objects.requireNonNull(announcer, "announcer");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        metrics.budget(settings.budget());
        this.builder = new ProblemBuilder(settings.timeZone(), settings.driverBreak(), settings.truckCost(),
                settings.travel());
        this.hold = new DispatchHold(settings.timeZone(), settings.dispatchAhead());
        this.urgent = new UrgentInserter(this);
        this.solving = Executors.newSingleThreadExecutor(r -> Thread.ofPlatform().name("dispatch-solver").daemon()
                .unstarted(r));
    }

    /**
     * The planner of a leader's term, started: call on the leader's thread before its term runs (it reads the
     * session's id on {@code leaderConnection} for the {@link LeaderFence}).
     *
     * @throws IllegalStateException when the leader's session cannot answer (the term is lost anyway)
     */
    public static ShiftPlanner startForTerm(DatabaseConfig database, Connection leaderConnection, String lockName,
                                            MqttSession mqtt, String topicPrefix, PlanSettings settings, Clock clock,
                                            MeterRegistry registry, String instance) {
        LeaderFence fence;
        try {
            fence = LeaderFence.of(leaderConnection, lockName);
        } catch (SQLException e) {
            throw new IllegalStateException("the leader's session cannot tell its id to the planner: " + e.getMessage(), e);
        }
        PlanMetrics metrics = new PlanMetrics(registry);
        RouteMessage messages = new RouteMessage(Json.mapper());
        PlanStore store = new PlanStore(messages);
        PlanWriter writer = new PlanWriter(fence, store, new JobStore(clock), messages);
        RouteAnnouncer announcer = new RouteAnnouncer(mqtt, new TruckTopics(topicPrefix), store, clock, metrics);
        return new ShiftPlanner(database, settings, clock, new SearchPlanner(), store, writer, announcer, metrics)
                .start(instance);
    }

    /** Starts the loop on its own thread; returns at once. */
    public ShiftPlanner start(String name) {
        thread = Thread.ofPlatform().name("dispatch-planner-" + name).daemon().start(this::run);
        return this;
    }

    /** Asks for a full plan as soon as the loop is free. */
    public void requestPlan() {
        planRequested = true;
        wake();
    }

    /** Ends the loop: nothing more is stored (a plan being solved is thrown away). Waits briefly for the thread. */
    @Override
    public void close() {
        stopped = true;
        wake();
        if (thread != null) {
            try {
                thread.join(STOP_WAIT);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void run() {
        try (HikariDataSource pool = Databases.pool(database, "dispatch-planner")) {
            long nextPlan = System.nanoTime();
            long nextRetry = System.nanoTime();
            boolean failing = false;
            while (!stopped) {
                long now = System.nanoTime();
                try (Connection c = pool.getConnection()) {
                    c.setAutoCommit(false);
                    announcer.flush(c);
                    if (requests.take(c, clock.instant())) {
                        LOG.info("Planner: a dispatcher asked to plan again now");
                        planRequested = true;
                    }
                    if (pending == null && (planRequested || now - nextPlan >= 0)) {
                        planRequested = false;
                        nextPlan = now + clock.realTime(settings.interval()).toNanos();
                        pending = startPlan(c);
                    }
                    if (pending != null && pending.solution().isDone()) {
                        PendingPlan done = pending;
                        pending = null;
                        finishPlan(c, done);
                    }
                    urgent.insertNew(c);
                    if (now - nextRetry >= 0) {
                        nextRetry = now + settings.retry().toNanos();
                        announcer.publishPending(c);
                    }
                    if (failing) {
                        LOG.info("Planner: the database answers again");
                        failing = false;
                    }
                } catch (SQLException | RuntimeException e) {
                    if (!stopped && !failing) {
                        LOG.warn("Planner: {} ({}); trying again every {} ms", e.getMessage(),
                                e.getClass().getSimpleName(), settings.urgentPoll().toMillis());
                    }
                    failing = true;
                }
                pause(settings.urgentPoll());
            }
        } catch (RuntimeException e) {
            LOG.error("The planner stopped on an unexpected error; routes are not planned until the next term", e);
        } finally {
            solving.shutdownNow();
        }
    }

    private void pause(Duration duration) {
        synchronized (wakeUp) {
            boolean solved = pending != null && pending.solution().isDone();
            if (stopped || solved || (planRequested && pending == null)) {
                return;
            }
            try {
                wakeUp.wait(Math.max(1, duration.toMillis()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                stopped = true;
            }
        }
    }

    private void wake() {
        synchronized (wakeUp) {
            wakeUp.notifyAll();
        }
    }

    /**
     * Reads the snapshot and hands the problem to the solver, on its own thread: the loop goes on inserting urgent
     * jobs meanwhile. Null when there is nothing to plan again.
     */
    private PendingPlan startPlan(Connection c) throws SQLException {
        long started = System.nanoTime();
        LocalDate shiftDate = LocalDate.ofInstant(clock.instant(), settings.timeZone());
        PlanSnapshot snapshot;
        try {
            snapshot = store.snapshot(c, clock.instant(), shiftDate, shiftDate.atStartOfDay(settings.timeZone()).toInstant());
        } catch (SQLException | RuntimeException e) {
            metrics.run(PlanMetrics.Outcome.FAILED, elapsed(started));
            throw e;
        } finally {
            c.rollback();
        }
        ShiftProblem shift = builder.build(snapshot);
        Set<String> held = hold.held(snapshot);
        CurrentPlan before = current;
        if (before != null && before.shift().fingerprint().equals(shift.fingerprint()) && held.equals(heldInPlan)) {
            metrics.run(PlanMetrics.Outcome.UNCHANGED, elapsed(started));
            LOG.debug("Plan of {}: the jobs and trucks are as the routes left them; nothing to plan", shiftDate);
            return null;
        }
        CompletableFuture<Solution> solution = CompletableFuture.supplyAsync(() -> solve(shift), solving);
        solution.whenComplete((ok, error) -> wake());
        return new PendingPlan(snapshot, shift, started, urgentVersion, solution, held);
    }

    /** Checks, stores and publishes a solved plan, unless an urgent insertion changed the routes meanwhile. */
    private void finishPlan(Connection c, PendingPlan plan) throws SQLException {
        Solution solution;
        try {
            solution = plan.solution().join();
        } catch (CompletionException e) {
            metrics.run(PlanMetrics.Outcome.FAILED, elapsed(plan.started()));
            LOG.error("Plan of {}: the solver failed; trying again at the next interval", plan.shift().shiftDate(),
                    e.getCause());
            return;
        }
        if (plan.urgentVersion() != urgentVersion) {
            metrics.run(PlanMetrics.Outcome.SUPERSEDED, elapsed(plan.started()));
            LOG.info("Plan of {}: an urgent job was inserted while it was solved; planning again",
                    plan.shift().shiftDate());
            planRequested = true;
            return;
        }
        ShiftProblem shift = plan.shift();
        CheckReport report = new FeasibilityChecker(shift.problem()).check(solution);
        if (!report.rulesHold()) {
            LOG.error("Plan of {} not stored: the checker found {}; first: {}", shift.shiftDate(), report.verdict(),
                    report.violations().get(0));
            metrics.run(PlanMetrics.Outcome.INFEASIBLE, elapsed(plan.started()));
            return;
        }
        Set<String> trucks = new LinkedHashSet<>();
        plan.snapshot().trucks().stream().map(Truck::id).forEach(trucks::add);
        trucks.addAll(plan.snapshot().latestRoutes().keySet());
        List<RouteDraft> drafts = new ArrayList<>();
        int bins = 0;
        for (String truck : trucks) {
            RouteDraft draft = RouteDraft.of(truck, shift, solution.routeOf(truck));
            if (!draft.violations().isEmpty()) {
                metrics.routeViolations(1);
                LOG.warn("Plan of {}: truck {}'s complete route still breaks a rule with only the jobs it holds "
                        + "(published so that it comes home): {}", shift.shiftDate(), truck, draft.violations());
            }
            bins += draft.jobIds().size();
            drafts.add(draft);
        }
        Map<Long, PlanJob> considered = new HashMap<>();
        shift.jobsByStop().values().forEach(j -> considered.put(j.id(), j));
        PlanWriter.Result result;
        try {
            result = commit(c, shift.shiftDate(), drafts, considered, CAUSE_PLAN, plan.started(), plan.held());
        } catch (SQLException | RuntimeException e) {
            // a deadlock with the leader's own work, a dropped connection: plan again at once (once), not at the interval
            metrics.run(PlanMetrics.Outcome.FAILED, elapsed(plan.started()));
            planRequested = !commitFailed;
            commitFailed = true;
            throw e;
        }
        if (result == null) {
            return;
        }
        commitFailed = false;
        heldInPlan = plan.held();
        current = new CurrentPlan(shift.committed(result), solution);
        urgent.seen(plan.snapshot().jobs().stream().mapToLong(PlanJob::id).max().orElse(0));
        metrics.jobs(result.dispatched(), solution.unplanned().size());
        metrics.bins(shift.problem().stops().size() + shift.pinned().values().stream().mapToInt(List::size).sum(), bins);
        metrics.run(PlanMetrics.Outcome.OK, elapsed(plan.started()));
        int stops = shift.problem().stops().size();
        LOG.info("Plan of {}: {} jobs, {} on {} trucks, {} dropped, {} moved onto trucks, {} back to open, {} new route "
                        + "revisions; solver {} in {} ms", shift.shiftDate(), stops, stops - solution.unplanned().size(),
                solution.vehiclesUsed(), solution.unplanned().size(), result.dispatched(), result.reopened(),
                result.routes().size(), solution.stats().status(), solution.stats().elapsedMillis());
    }

    /** Stores and publishes (not the routes of {@code held} trucks); null when this instance is no longer the leader. */
    PlanWriter.Result commit(Connection c, LocalDate shiftDate, List<RouteDraft> drafts, Map<Long, PlanJob> considered,
                             String cause, long started, Set<String> held) throws SQLException {
        PlanWriter.Result result;
        try {
            result = writer.commit(c, shiftDate, drafts, considered, clock.instant(), cause, held);
        } catch (LeaderFence.NotLeaderException e) {
            c.rollback();
            LOG.info("Planner: {}", e.getMessage());
            metrics.run(PlanMetrics.Outcome.NOT_LEADER, elapsed(started));
            stopped = true;
            return null;
        } catch (SQLException | RuntimeException e) {
            c.rollback();
            throw e;
        }
        if (CAUSE_URGENT.equals(cause)) {
            urgentVersion++;
        }
        metrics.revisions(cause, result.routes().size());
        result.routes().forEach(announcer::announce);
        return result;
    }

    private Solution solve(ShiftProblem shift) {
        if (shift.problem().stops().isEmpty() || shift.problem().vehicles().isEmpty()) {
            List<String> all = shift.problem().stops().stream().map(Stop::id).toList();
            return Solution.of(new ProblemIndex(shift.problem()), List.of(), all, SolveStats.NONE);
        }
        return solver.plan(shift.problem(), PlanOptions.ofSeconds(settings.budget().toMillis() / 1000.0)
                .withEarlyStop(settings.earlyStop()));
    }

    private static Duration elapsed(long started) {
        return Duration.ofNanos(System.nanoTime() - started);
    }

    CurrentPlan current() {
        return current;
    }

    void replaceCurrent(CurrentPlan plan) {
        current = plan;
    }

    Clock clock() {
        return clock;
    }

    RoutePlanner solver() {
        return solver;
    }

    PlanStore store() {
        return store;
    }

    PlanMetrics metrics() {
        return metrics;
    }

    ProblemBuilder builder() {
        return builder;
    }
}
