package org.clearway.dispatch.routing.ortools;

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
 *                        OR-Tools (see {@code org.clearway.dispatch.routing.lns})
 */
public record SearchSettings(FirstSolutionStrategy.Value firstSolution, LocalSearchMetaheuristic.Value metaheuristic,
                             double lambda, boolean iteratedSearch, boolean ruinAndRecreate) {

    /** Settings with the ruin-and-recreate search on. */
    public SearchSettings(FirstSolutionStrategy.Value firstSolution, LocalSearchMetaheuristic.Value metaheuristic,
                          double lambda, boolean iteratedSearch) {
        this(firstSolution, metaheuristic, lambda, iteratedSearch, true);
    }

    public static SearchSettings defaults() {
        return new SearchSettings(FirstSolutionStrategy.Value.AUTOMATIC, LocalSearchMetaheuristic.Value.GUIDED_LOCAL_SEARCH,
                0.1, false, true);
    }

    public SearchSettings withFirstSolution(FirstSolutionStrategy.Value strategy) {
        return new SearchSettings(strategy, metaheuristic, lambda, iteratedSearch, ruinAndRecreate);
    }

    public SearchSettings withMetaheuristic(LocalSearchMetaheuristic.Value value) {
        return new SearchSettings(firstSolution, value, lambda, iteratedSearch, ruinAndRecreate);
    }

    public SearchSettings withLambda(double newLambda) {
        return new SearchSettings(firstSolution, metaheuristic, newLambda, iteratedSearch, ruinAndRecreate);
    }

    public SearchSettings withIteratedSearch(boolean on) {
        return new SearchSettings(firstSolution, metaheuristic, lambda, on, ruinAndRecreate);
    }

    public SearchSettings withRuinAndRecreate(boolean on) {
        return new SearchSettings(firstSolution, metaheuristic, lambda, iteratedSearch, on);
    }
}
