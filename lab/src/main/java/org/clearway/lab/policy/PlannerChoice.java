package org.clearway.lab.policy;

import java.time.Duration;

import com.google.ortools.constraintsolver.LocalSearchMetaheuristic;

import org.clearway.routing.PlanOptions;
import org.clearway.routing.RoutePlanner;
import org.clearway.routing.lns.SearchPlanner;
import org.clearway.lab.routing.ortools.OrToolsPlanner;
import org.clearway.lab.routing.ortools.SearchSettings;

/**
 * Which planner the policy evaluation runs, always in a mode that does not depend on the clock: OR-Tools' greedy
 * descent (or guided local search for a number of solutions), or the project's own search, the dispatch service's
 * {@link SearchPlanner}, for a number of iterations. The time cap only keeps a run from hanging; a run it stops is
 * counted ({@link DayPlan#cappedPlans()}).
 *
 * @param engine           the planner
 * @param searchSolutions  OR-Tools: 0 greedy descent, N > 0 guided local search for N solutions
 * @param searchIterations the own search: iterations per planner run (at least 1)
 */
record PlannerChoice(Engine engine, long searchSolutions, long searchIterations) {

    /** The planners the evaluation can run. */
    enum Engine { ORTOOLS, SEARCH }

    /**
     * Iterations per planner run of the own search: where the lab's runs (50-300 stops) settle (docs/policy.md,
     * "The project's own search").
     */
    static final long DEFAULT_SEARCH_ITERATIONS = 10_000;

    PlannerChoice {
        if (searchSolutions < 0 || searchIterations < 1) {
            throw new IllegalArgumentException("searchSolutions must be at least 0 and searchIterations at least 1");
        }
    }

    /** OR-Tools as the docs' tables were measured: greedy descent, or {@code searchSolutions} solutions. */
    static PlannerChoice orTools(long searchSolutions) {
        return new PlannerChoice(Engine.ORTOOLS, searchSolutions, DEFAULT_SEARCH_ITERATIONS);
    }

    /** The planner in words, for the evaluation's header. */
    String describe() {
        return switch (engine) {
            case ORTOOLS -> searchSolutions == 0 ? "OR-Tools, greedy descent"
                    : "OR-Tools, guided local search for " + searchSolutions + " solutions";
            case SEARCH -> "the own search (SearchPlanner), " + searchIterations + " iterations per run";
        };
    }

    /** A new planner (each policy's simulation gets its own). */
    RoutePlanner planner() {
        return switch (engine) {
            case ORTOOLS -> new OrToolsPlanner(searchSolutions == 0
                    ? SearchSettings.defaults().withMetaheuristic(LocalSearchMetaheuristic.Value.GREEDY_DESCENT)
                    : SearchSettings.defaults().withSolutionLimit(searchSolutions));
            case SEARCH -> new SearchPlanner();
        };
    }

    /** Options of every planner run: the time cap, and for the own search its iteration limit. */
    PlanOptions options(Duration timeCap) {
        PlanOptions options = new PlanOptions(timeCap, 0, false, null);
        return engine == Engine.SEARCH ? options.withMaxIterations(searchIterations) : options;
    }
}
