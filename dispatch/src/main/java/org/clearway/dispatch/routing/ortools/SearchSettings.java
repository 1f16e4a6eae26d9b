package org.clearway.dispatch.routing.ortools;

import com.google.ortools.constraintsolver.FirstSolutionStrategy;
import com.google.ortools.constraintsolver.LocalSearchMetaheuristic;

/**
 * Tuning of the OR-Tools search.
 *
 * @param firstSolution  construction heuristic; AUTOMATIC picks SAVINGS for plain capacitated problems and
 *                       PATH_CHEAPEST_ARC otherwise
 * @param metaheuristic  improvement metaheuristic run until the time limit
 * @param lambda         guided local search penalty coefficient
 */
public record SearchSettings(FirstSolutionStrategy.Value firstSolution, LocalSearchMetaheuristic.Value metaheuristic,
                             double lambda) {

    public static SearchSettings defaults() {
        return new SearchSettings(FirstSolutionStrategy.Value.AUTOMATIC, LocalSearchMetaheuristic.Value.GUIDED_LOCAL_SEARCH, 0.1);
    }

    public SearchSettings withFirstSolution(FirstSolutionStrategy.Value strategy) {
        return new SearchSettings(strategy, metaheuristic, lambda);
    }

    public SearchSettings withLambda(double newLambda) {
        return new SearchSettings(firstSolution, metaheuristic, newLambda);
    }
}
