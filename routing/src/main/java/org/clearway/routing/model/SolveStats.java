package org.clearway.routing.model;

/**
 * How a solution was found.
 *
 * @param status        the solver's final status, e.g. "ROUTING_SUCCESS"
 * @param elapsedMillis wall time spent
 * @param solutions     improving solutions seen
 */
public record SolveStats(String status, long elapsedMillis, int solutions) {

    public static final SolveStats NONE = new SolveStats("NOT_SOLVED", 0, 0);
}
