package org.clearway.routing;

import java.time.Duration;
import java.util.Objects;

/**
 * How long and how to search.
 *
 * @param timeLimit        the search's wall-time budget; the default planner stops sooner when it finds no better
 *                         plan for a number of iterations that grows with the stops (docs/routing.md, "Stopping early")
 * @param seed             0 keeps the problem's order; any other value shuffles the order in which stops are
 *                         handed to the solver, which changes its tie-breaking and so the solution found
 * @param minimiseVehicles use as few trucks as possible first, then minimise distance (Solomon's objective)
 * @param listener         progress callback
 * @param earlyStop        whether the default planner may stop before the budget when it finds no better plan
 *                         (docs/routing.md, "Stopping early"); false uses the whole budget
 * @param maxIterations    the default planner's iteration limit (0: none): with a limit the search's annealing
 *                         follows the iterations only, not the clock, so that a seed gives the same plan on any
 *                         machine; {@code timeLimit} is then a safety cap, and a search stopped by it says so in its
 *                         {@link org.clearway.routing.model.SolveStats} (docs/routing.md, "Iteration limit")
 */
public record PlanOptions(Duration timeLimit, long seed, boolean minimiseVehicles, ProgressListener listener,
                          boolean earlyStop, long maxIterations) {

    public PlanOptions {
        Objects.requireNonNull(timeLimit, "timeLimit");
        if (timeLimit.isNegative() || timeLimit.isZero()) {
            throw new IllegalArgumentException("time limit must be positive, got " + timeLimit);
        }
        if (maxIterations < 0) {
            throw new IllegalArgumentException("iteration limit must be at least 0 (0: none), got " + maxIterations);
        }
        listener = listener == null ? ProgressListener.NONE : listener;
    }

    /** Options with no iteration limit: the search runs on the clock. */
    public PlanOptions(Duration timeLimit, long seed, boolean minimiseVehicles, ProgressListener listener,
                       boolean earlyStop) {
        this(timeLimit, seed, minimiseVehicles, listener, earlyStop, 0);
    }

    /** Options that stop early when the search finds no better plan. */
    public PlanOptions(Duration timeLimit, long seed, boolean minimiseVehicles, ProgressListener listener) {
        this(timeLimit, seed, minimiseVehicles, listener, true);
    }

    public static PlanOptions ofSeconds(double seconds) {
        return new PlanOptions(Duration.ofMillis(Math.round(seconds * 1000)), 0, false, ProgressListener.NONE);
    }

    public PlanOptions withTimeLimit(Duration newLimit) {
        return new PlanOptions(newLimit, seed, minimiseVehicles, listener, earlyStop, maxIterations);
    }

    public PlanOptions withSeed(long newSeed) {
        return new PlanOptions(timeLimit, newSeed, minimiseVehicles, listener, earlyStop, maxIterations);
    }

    public PlanOptions withMinimiseVehicles(boolean minimise) {
        return new PlanOptions(timeLimit, seed, minimise, listener, earlyStop, maxIterations);
    }

    public PlanOptions withListener(ProgressListener newListener) {
        return new PlanOptions(timeLimit, seed, minimiseVehicles, newListener, earlyStop, maxIterations);
    }

    public PlanOptions withEarlyStop(boolean stopEarly) {
        return new PlanOptions(timeLimit, seed, minimiseVehicles, listener, stopEarly, maxIterations);
    }

    /**
     * Options whose search stops after {@code limit} iterations (0: none) and whose annealing follows the
     * iterations only; the time limit stays a safety cap.
     */
    public PlanOptions withMaxIterations(long limit) {
        return new PlanOptions(timeLimit, seed, minimiseVehicles, listener, earlyStop, limit);
    }
}
