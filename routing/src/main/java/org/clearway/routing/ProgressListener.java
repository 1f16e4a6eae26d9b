package org.clearway.routing;

/** Told about the search while it runs; called on the solver's thread, so it must return quickly. */
@FunctionalInterface
public interface ProgressListener {

    ProgressListener NONE = (elapsedMillis, objective, solutions) -> { };

    /**
     * @param elapsedMillis time since the search started
     * @param objective     the solver's objective of the newest solution (scaled integers, lower is better)
     * @param solutions     solutions found so far
     */
    void onSolution(long elapsedMillis, long objective, int solutions);
}
