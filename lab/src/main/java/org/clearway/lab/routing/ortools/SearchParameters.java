package org.clearway.lab.routing.ortools;

import java.time.Duration;

import com.google.ortools.constraintsolver.AcceptanceStrategy;
import com.google.ortools.constraintsolver.CoolingScheduleStrategy;
import com.google.ortools.constraintsolver.FirstSolutionStrategy;
import com.google.ortools.constraintsolver.IteratedLocalSearchParameters;
import com.google.ortools.constraintsolver.PerturbationStrategy;
import com.google.ortools.constraintsolver.RoutingSearchParameters;
import com.google.ortools.constraintsolver.RuinCompositionStrategy;
import com.google.ortools.constraintsolver.RuinRecreateParameters;
import com.google.ortools.constraintsolver.RuinStrategy;
import com.google.ortools.constraintsolver.SISRRuinStrategy;
import com.google.ortools.constraintsolver.SimulatedAnnealingParameters;
import com.google.ortools.constraintsolver.main;

/** Turns {@link SearchSettings} into OR-Tools search parameters, and refuses invalid ones. */
final class SearchParameters {

    private SearchParameters() {
    }

    static RoutingSearchParameters build(SearchSettings settings, FirstSolutionStrategy.Value first, Duration limit) {
        RoutingSearchParameters.Builder builder = main.defaultRoutingSearchParameters().toBuilder()
                .setFirstSolutionStrategy(first)
                .setLocalSearchMetaheuristic(settings.metaheuristic())
                .setGuidedLocalSearchLambdaCoefficient(settings.lambda())
                .setTimeLimit(com.google.protobuf.Duration.newBuilder()
                        .setSeconds(limit.getSeconds()).setNanos(limit.getNano()).build());
        if (settings.solutionLimit() > 0) {
            builder.setSolutionLimit(settings.solutionLimit());
        }
        if (settings.iteratedSearch()) {
            builder.setUseIteratedLocalSearch(true).setIteratedLocalSearchParameters(iterated());
        }
        RoutingSearchParameters parameters = builder.build();
        String error = main.findErrorInRoutingSearchParameters(parameters);
        if (error != null && !error.isEmpty()) {
            throw new IllegalStateException("invalid OR-Tools search parameters (a bug in SearchSettings): " + error);
        }
        return parameters;
    }

    /** Ruin (SISR: slack induction by string removals) and recreate, accepted by simulated annealing. */
    private static IteratedLocalSearchParameters iterated() {
        RuinRecreateParameters ruin = RuinRecreateParameters.newBuilder()
                .addRuinStrategies(RuinStrategy.newBuilder().setSisr(SISRRuinStrategy.newBuilder()
                        .setMaxRemovedSequenceSize(10).setAvgNumRemovedVisits(10).setBypassFactor(0.01)))
                .setRuinCompositionStrategy(RuinCompositionStrategy.Value.RUN_ALL_SEQUENTIALLY)
                .setRecreateStrategy(FirstSolutionStrategy.Value.LOCAL_CHEAPEST_INSERTION)
                .setRouteSelectionNeighborsRatio(1.0)
                .setRouteSelectionMinNeighbors(10)
                .setRouteSelectionMaxNeighbors(100)
                .build();
        return IteratedLocalSearchParameters.newBuilder()
                .setPerturbationStrategy(PerturbationStrategy.Value.RUIN_AND_RECREATE)
                .setRuinRecreateParameters(ruin)
                .setImprovePerturbedSolution(true)
                .setAcceptanceStrategy(AcceptanceStrategy.Value.SIMULATED_ANNEALING)
                .setSimulatedAnnealingParameters(SimulatedAnnealingParameters.newBuilder()
                        .setCoolingScheduleStrategy(CoolingScheduleStrategy.Value.EXPONENTIAL)
                        .setAutomaticTemperatures(true))
                .build();
    }
}
