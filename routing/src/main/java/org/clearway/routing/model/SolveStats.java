package org.clearway.routing.model;

/**
 * How a solution was found.
 *
 * @param status        the solver's final status, e.g. "ROUTING_SUCCESS"
 * @param elapsedMillis wall time spent
 * @param solutions     improving solutions seen
 * @param iterations    search iterations run (0 where the solver does not count them)
 * @param timeCapped    whether a search with an iteration limit was stopped by its time limit before reaching it,
 *                      so that its result depends on the machine
 */
public record SolveStats(String status, long elapsedMillis, int solutions, long iterations, boolean timeCapped) {

    public static final SolveStats NONE = new SolveStats("NOT_SOLVED", 0, 0);

    /** Stats of a solver that counts no iterations. */
    public SolveStats(String status, long elapsedMillis, int solutions) {
        this(status, elapsedMillis, solutions, 0, false);
    }
}
