package org.clearway.routing.ortools;

import com.google.ortools.constraintsolver.FirstSolutionStrategy;
import com.google.ortools.constraintsolver.LocalSearchMetaheuristic;

/**
 * Tuning of the OR-Tools search.
 *
 * @param firstSolution   construction heuristic; AUTOMATIC picks SAVINGS for plain capacitated problems and
 *                        PATH_CHEAPEST_ARC otherwise
 * @param metaheuristic   improvement metaheuristic run until the time limit
 * @param lambda          guided local search penalty coefficient
 * @param iteratedSearch  use OR-Tools' iterated local search (ruin and recreate) on top of the metaheuristic
 * @param ruinAndRecreate plan problems of the plain shape (one depot, identical trucks, one stream, no facilities
 *                        or breaks; time windows allowed) with our own SISR ruin-and-recreate search instead of
 *                        OR-Tools (see {@code org.clearway.routing.lns})
 * @param solutionLimit   stop the OR-Tools search after this many solutions (a limit that does not depend on the
 *                        clock, for reproducible runs); 0: only the time limit
 */
public record SearchSettings(FirstSolutionStrategy.Value firstSolution, LocalSearchMetaheuristic.Value metaheuristic,
                             double lambda, boolean iteratedSearch, boolean ruinAndRecreate, long solutionLimit) {

    public SearchSettings {
        if (solutionLimit < 0) {
            throw new IllegalArgumentException("the solution limit must be at least 0 (0: none), got " + solutionLimit);
        }
    }

    /** Settings without a solution limit. */
    public SearchSettings(FirstSolutionStrategy.Value firstSolution, LocalSearchMetaheuristic.Value metaheuristic,
                          double lambda, boolean iteratedSearch, boolean ruinAndRecreate) {
        this(firstSolution, metaheuristic, lambda, iteratedSearch, ruinAndRecreate, 0);
    }

    /** Settings with the ruin-and-recreate search on. */
    public SearchSettings(FirstSolutionStrategy.Value firstSolution, LocalSearchMetaheuristic.Value metaheuristic,
                          double lambda, boolean iteratedSearch) {
        this(firstSolution, metaheuristic, lambda, iteratedSearch, true);
    }

    public static SearchSettings defaults() {
        return new SearchSettings(FirstSolutionStrategy.Value.AUTOMATIC, LocalSearchMetaheuristic.Value.GUIDED_LOCAL_SEARCH,
                0.1, false, true, 0);
    }

    public SearchSettings withFirstSolution(FirstSolutionStrategy.Value strategy) {
        return new SearchSettings(strategy, metaheuristic, lambda, iteratedSearch, ruinAndRecreate, solutionLimit);
    }

    public SearchSettings withMetaheuristic(LocalSearchMetaheuristic.Value value) {
        return new SearchSettings(firstSolution, value, lambda, iteratedSearch, ruinAndRecreate, solutionLimit);
    }

    public SearchSettings withLambda(double newLambda) {
        return new SearchSettings(firstSolution, metaheuristic, newLambda, iteratedSearch, ruinAndRecreate, solutionLimit);
    }

    public SearchSettings withIteratedSearch(boolean on) {
        return new SearchSettings(firstSolution, metaheuristic, lambda, on, ruinAndRecreate, solutionLimit);
    }

    public SearchSettings withRuinAndRecreate(boolean on) {
        return new SearchSettings(firstSolution, metaheuristic, lambda, iteratedSearch, on, solutionLimit);
    }

    public SearchSettings withSolutionLimit(long limit) {
        return new SearchSettings(firstSolution, metaheuristic, lambda, iteratedSearch, ruinAndRecreate, limit);
    }
}
