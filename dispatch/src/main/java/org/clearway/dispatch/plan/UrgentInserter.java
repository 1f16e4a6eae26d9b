package org.clearway.dispatch.plan;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import org.clearway.core.job.JobState;
import org.clearway.routing.UrgentInsertion;
import org.clearway.routing.check.CheckReport;
import org.clearway.routing.check.FeasibilityChecker;
import org.clearway.routing.model.Stop;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts a new urgent job (a fire alarm) on a truck at once, without waiting for the next plan: the routing's
 * cheapest insertion into the running routes (what a truck has served or is driving to stays), checked, then stored
 * as a new revision of that truck's route and published. A job no truck can take stays open for the next plan.
 * Each new urgent job is tried once; the planner's loop asks every {@link PlanSettings#urgentPoll}.
 *
 * <p>A break a driver reported since the running plan was made (docs/trucks.md, updates version 2) is not in that
 * plan's times: when the cheapest insertion falls to a truck whose driver is on a break now, the job is not put into
 * that route during the break; a full plan is asked for at once instead, which starts that truck after what is left
 * of its break ({@link DriverBreak#remaining}) and may give the job to another truck.
 */
final class UrgentInserter {
    private static final Logger LOG = LoggerFactory.getLogger(UrgentInserter.class);

    private final ShiftPlanner planner;
    private long lastSeen;

    UrgentInserter(ShiftPlanner planner) {
        this.planner = Objects.requireNonNull(planner, "planner");
    }

    /** Jobs up to this id are in the current plan or were tried already. */
    void seen(long jobId) {
        lastSeen = Math.max(lastSeen, jobId);
    }

    /** Inserts the urgent open jobs created since the last look. */
    void insertNew(Connection c) throws SQLException {
        List<PlanJob> found;
        try {
            found = planner.store().urgentOpenJobs(c, lastSeen);
        } finally {
            c.rollback();
        }
        for (PlanJob job : found) {
            seen(job.id());
            ShiftPlanner.CurrentPlan plan = planner.current();
            if (job.assignedByDispatcher()) {
                LOG.info("Urgent job {} (bin {}) was given to truck {} by a dispatcher: planning now", job.id(),
                        job.binId(), job.truckId());
                planner.requestPlan();
                continue;
            }
            if (plan == null) {
                LOG.info("Urgent job {} (bin {}) waits for the first plan of this term", job.id(), job.binId());
                planner.requestPlan();
                return;
            }
            insert(c, plan, job);
        }
    }

    private void insert(Connection c, ShiftPlanner.CurrentPlan plan, PlanJob job) throws SQLException {
        long started = System.nanoTime();
        ShiftProblem running = plan.shift();
        double now = ProblemBuilder.seconds(running.midnight(), planner.clock().instant());
        Stop stop = planner.builder().stop(job, running.midnight(), now);
        UrgentInsertion insertion = planner.solver().insertUrgent(running.problem(), plan.solution(), stop, now);
        if (!insertion.inserted()) {
            planner.metrics().urgent("not_inserted");
            LOG.warn("Urgent job {} (bin {}): no running route can take it; it stays open for the next plan", job.id(),
                    job.binId());
            return;
        }
        CheckReport report = new FeasibilityChecker(insertion.problem()).check(insertion.solution());
        if (!report.rulesHold()) {
            planner.metrics().urgent("not_inserted");
            LOG.error("Urgent job {}: the insertion was refused by the checker ({}; first: {}); it stays open",
                    job.id(), report.verdict(), report.violations().get(0));
            return;
        }
        String truck = insertion.vehicleId();
        if (onBreak(c, running, truck)) {
            planner.metrics().urgent("on_break");
            LOG.info("Urgent job {} (bin {}): truck {}, the nearest, is on a reported break; planning now", job.id(),
                    job.binId(), truck);
            planner.requestPlan();
            return;
        }
        ShiftProblem shift = running.withJob(insertion.problem(), job);
        RouteDraft draft = RouteDraft.of(truck, shift, insertion.solution().routeOf(truck));
        Map<Long, PlanJob> considered = new HashMap<>();
        for (Long id : draft.jobIds()) {
            considered.put(id, shift.jobsByStop().get(PlanJob.stopId(id)));
        }
        PlanWriter.Result result = planner.commit(c, shift.shiftDate(), List.of(draft), considered, ShiftPlanner.CAUSE_URGENT,
                started, Set.of());
        if (result == null) {
            return;
        }
        planner.replaceCurrent(new ShiftPlanner.CurrentPlan(shift.committed(result), insertion.solution()));
        PlanStore.Assignment placed = result.assignments().get(job.id());
        boolean onTruck = placed != null && placed.state() == JobState.DISPATCHED && truck.equals(placed.truckId());
        planner.metrics().urgent(onTruck ? "inserted" : "not_inserted");
        LOG.info("Urgent job {} (bin {}) {} truck {}'s route in {} ms", job.id(), job.binId(),
                onTruck ? "inserted into" : "changed meanwhile; not put on", truck,
                (System.nanoTime() - started) / 1_000_000);
    }

    /**
     * Whether the truck's driver is on a break now, by the breaks reported ({@code truck_breaks}): one started and not
     * ended, of which some time is left by the break's configured length (any open one when breaks are off).
     */
    private boolean onBreak(Connection c, ShiftProblem running, String truck) throws SQLException {
        PlanSnapshot.ReportedBreak reported;
        try {
            reported = planner.store().breaks(c, running.midnight()).get(truck);
        } finally {
            c.rollback();
        }
        if (reported == null || !reported.open()) {
            return false;
        }
        DriverBreak driverBreak = planner.builder().driverBreak();
        return driverBreak.off() || driverBreak.remaining(reported, planner.clock().instant()).compareTo(Duration.ZERO) > 0;
    }
}
