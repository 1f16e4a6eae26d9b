package org.clearway.dispatch.plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import org.clearway.core.time.DbClock;
import org.clearway.routing.PlanOptions;
import org.clearway.routing.RoutePlanner;
import org.clearway.routing.UrgentInsertion;
import org.clearway.routing.model.Solution;
import org.clearway.routing.model.Stop;
import org.junit.jupiter.api.Test;

/** Issue 12: a solve on an accelerated city clock costs no city time. */
class ClockHoldingPlannerTest {
    private static final Instant START = Instant.parse("2026-12-07T05:30:00Z");

    /** A solver that thinks for 20 s of wall time (a fake nano clock) and notes what the city clock read meanwhile. */
    private static final class SlowSolver implements RoutePlanner {
        private final AtomicLong nanos;
        private final DbClock city;
        private final AtomicReference<Instant> readWhileSolving = new AtomicReference<>();

        SlowSolver(AtomicLong nanos, DbClock city) {
            this.nanos = nanos;
            this.city = city;
        }

        @Override
        public Solution plan(org.clearway.routing.model.Problem problem, PlanOptions options) {
            nanos.addAndGet(Duration.ofSeconds(20).toNanos());
            readWhileSolving.set(city.instant());
            return null;
        }

        @Override
        public UrgentInsertion insertUrgent(org.clearway.routing.model.Problem problem, Solution running, Stop urgent, double now) {
            nanos.addAndGet(Duration.ofSeconds(2).toNanos());
            readWhileSolving.set(city.instant());
            return null;
        }
    }

    @Test
    void theCityClockStandsStillWhileTheSolverThinksAndRunsOnAfterwards() {
        AtomicLong nanos = new AtomicLong();
        DbClock city = DbClock.accelerated(START, 60, nanos::get);
        SlowSolver solver = new SlowSolver(nanos, city);
        RoutePlanner planner = new ClockHoldingPlanner(solver, city);

        planner.plan(null, PlanOptions.ofSeconds(20));

        assertThat(solver.readWhileSolving.get()).as("20 s of solving at 60x would have been 20 city minutes")
                .isEqualTo(START);
        assertThat(city.instant()).isEqualTo(START);
        nanos.addAndGet(Duration.ofSeconds(1).toNanos());
        assertThat(city.instant()).as("the clock runs on at its speed").isEqualTo(START.plus(Duration.ofMinutes(1)));

        planner.insertUrgent(null, null, null, 0);
        assertThat(city.instant()).as("an urgent insertion holds it too").isEqualTo(START.plus(Duration.ofMinutes(1)));
    }

    @Test
    void theWallClockIsNotHeld() {
        AtomicLong nanos = new AtomicLong();
        DbClock realTime = DbClock.accelerated(START, 1, nanos::get);
        SlowSolver solver = new SlowSolver(nanos, realTime);

        new ClockHoldingPlanner(solver, realTime).plan(null, PlanOptions.ofSeconds(20));

        assertThat(solver.readWhileSolving.get()).isEqualTo(START.plusSeconds(20));
    }
}
