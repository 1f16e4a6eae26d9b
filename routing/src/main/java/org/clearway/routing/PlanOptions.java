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
 */
public record PlanOptions(Duration timeLimit, long seed, boolean minimiseVehicles, ProgressListener listener,
                          boolean earlyStop) {

    public PlanOptions {
        Objects.requireNonNull(timeLimit, "timeLimit");
        if (timeLimit.isNegative() || timeLimit.isZero()) {
            throw new IllegalArgumentException("time limit must be positive, got " + timeLimit);
        }
        listener = listener == null ? ProgressListener.NONE : listener;
    }

    /** Options that stop early when the search finds no better plan. */
    public PlanOptions(Duration timeLimit, long seed, boolean minimiseVehicles, ProgressListener listener) {
        this(timeLimit, seed, minimiseVehicles, listener, true);
    }

    public static PlanOptions ofSeconds(double seconds) {
        return new PlanOptions(Duration.ofMillis(Math.round(seconds * 1000)), 0, false, ProgressListener.NONE);
    }

    public PlanOptions withTimeLimit(Duration newLimit) {
        return new PlanOptions(newLimit, seed, minimiseVehicles, listener, earlyStop);
    }

    public PlanOptions withSeed(long newSeed) {
        return new PlanOptions(timeLimit, newSeed, minimiseVehicles, listener, earlyStop);
    }

    public PlanOptions withMinimiseVehicles(boolean minimise) {
        return new PlanOptions(timeLimit, seed, minimise, listener, earlyStop);
    }

    public PlanOptions withListener(ProgressListener newListener) {
        return new PlanOptions(timeLimit, seed, minimiseVehicles, newListener, earlyStop);
    }

    public PlanOptions withEarlyStop(boolean stopEarly) {
        return new PlanOptions(timeLimit, seed, minimiseVehicles, listener, stopEarly);
    }
}
