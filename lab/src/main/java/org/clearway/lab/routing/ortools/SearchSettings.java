package org.clearway.lab.routing.ortools;

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
 * @param solutionLimit   stop the OR-Tools search after this many solutions (a limit that does not depend on the
 *                        clock, for reproducible runs); 0: only the time limit
 */
public record SearchSettings(FirstSolutionStrategy.Value firstSolution, LocalSearchMetaheuristic.Value metaheuristic,
                             double lambda, boolean iteratedSearch, long solutionLimit) {

    public SearchSettings {
        if (solutionLimit < 0) {
            throw new IllegalArgumentException("the solution limit must be at least 0 (0: none), got " + solutionLimit);
        }
    }

    /** Settings without a solution limit. */
    public SearchSettings(FirstSolutionStrategy.Value firstSolution, LocalSearchMetaheuristic.Value metaheuristic,
                          double lambda, boolean iteratedSearch) {
        this(firstSolution, metaheuristic, lambda, iteratedSearch, 0);
    }

    public static SearchSettings defaults() {
        return new SearchSettings(FirstSolutionStrategy.Value.AUTOMATIC, LocalSearchMetaheuristic.Value.GUIDED_LOCAL_SEARCH,
                0.1, false, 0);
    }

    public SearchSettings withFirstSolution(FirstSolutionStrategy.Value strategy) {
        return new SearchSettings(strategy, metaheuristic, lambda, iteratedSearch, solutionLimit);
    }

    public SearchSettings withMetaheuristic(LocalSearchMetaheuristic.Value value) {
        return new SearchSettings(firstSolution, value, lambda, iteratedSearch, solutionLimit);
    }

    public SearchSettings withLambda(double newLambda) {
        return new SearchSettings(firstSolution, metaheuristic, newLambda, iteratedSearch, solutionLimit);
    }

    public SearchSettings withIteratedSearch(boolean on) {
        return new SearchSettings(firstSolution, metaheuristic, lambda, on, solutionLimit);
    }

    public SearchSettings withSolutionLimit(long limit) {
        return new SearchSettings(firstSolution, metaheuristic, lambda, iteratedSearch, limit);
    }
}
