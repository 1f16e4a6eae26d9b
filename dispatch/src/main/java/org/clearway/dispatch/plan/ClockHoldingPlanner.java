package org.clearway.dispatch.plan;

import java.util.Objects;

import org.clearway.core.time.DbClock;
import org.clearway.routing.PlanOptions;
import org.clearway.routing.RoutePlanner;
import org.clearway.routing.model.Solution;
import org.clearway.routing.UrgentInsertion;
import org.clearway.routing.model.Problem;
import org.clearway.routing.model.Stop;

/**
 * The shift planner's solver, with the city clock held while it thinks ({@link DbClock#hold()}): on a launcher's
 * accelerated clock a solve of N seconds would otherwise let N times the clock's speed of city time pass (bins
 * filling, trucks waiting at the depot) before its plan is out, which the lab's planner, outside simulated time, never
 * does (issue 12). On the wall clock the hold does nothing.
 */
final class ClockHoldingPlanner implements RoutePlanner {
    private final RoutePlanner solver;
    private final DbClock clock;

    ClockHoldingPlanner(RoutePlanner solver, DbClock clock) {
        this.solver = Objects.requireNonNull(solver, "solver");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public Solution plan(Problem problem, PlanOptions options) {
        try (DbClock.Hold held = clock.hold()) {
            return solver.plan(problem, options);
        }
    }

    @Override
    public UrgentInsertion insertUrgent(Problem problem, Solution running, Stop urgent, double now) {
        try (DbClock.Hold held = clock.hold()) {
            return solver.insertUrgent(problem, running, urgent, now);
        }
    }
}
