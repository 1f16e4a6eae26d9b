package org.clearway.lab.routing.ortools;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import com.google.ortools.constraintsolver.Assignment;
import com.google.ortools.constraintsolver.FirstSolutionStrategy;
import com.google.ortools.constraintsolver.RoutingModel;
import com.google.ortools.constraintsolver.RoutingSearchParameters;

import org.clearway.routing.ProgressListener;
import org.clearway.routing.model.Route;
import org.clearway.routing.model.Vehicle;

/** One OR-Tools search over a fixed node layout. */
final class Search {

    /** What one search found. */
    record Result(List<Route> routes, List<String> unplanned, String status, int solutions) {

        int vehiclesUsed() {
            return routes.size();
        }

        double distance() {
            return routes.stream().mapToDouble(Route::distance).sum();
        }
    }

    private final NodeLayout layout;
    private final List<Vehicle> vehicles;
    private final ScaledMatrices matrices;
    private final AssignmentReader reader;
    private final SearchSettings settings;
    private final ProgressListener listener;
    private final long startNanos;
    private final AtomicInteger solutions = new AtomicInteger();

    Search(NodeLayout layout, List<Vehicle> vehicles, ScaledMatrices matrices, AssignmentReader reader,
           SearchSettings settings, ProgressListener listener, long startNanos) {
        this.layout = layout;
        this.vehicles = vehicles;
        this.matrices = matrices;
        this.reader = reader;
        this.settings = settings;
        this.listener = listener;
        this.startNanos = startNanos;
    }

    long maxArcCost() {
        return matrices.maxArcCost();
    }

    /**
     * @param extraFixedCost    added to every truck's fixed cost (scaled units), to favour fewer trucks
     * @param maxActiveVehicles at most this many trucks, or 0 for no limit
     * @param initial           routes to start from, or null to construct a first solution
     */
    Result run(long extraFixedCost, int maxActiveVehicles, Duration limit, List<Route> initial) {
        SolverModel model = new SolverModel(layout, vehicles, matrices, extraFixedCost, maxActiveVehicles);
        RoutingModel routing = model.routing();
        routing.addAtSolutionCallback(() -> listener.onSolution((System.nanoTime() - startNanos) / 1_000_000,
                routing.costVar().value(), solutions.incrementAndGet()));
        RoutingSearchParameters parameters = parameters(limit);
        Assignment assignment;
        if (initial != null && !initial.isEmpty()) {
            routing.closeModelWithParameters(parameters);
            Assignment start = routing.readAssignmentFromRoutes(AssignmentReader.toIndexRoutes(model, initial), true);
            assignment = start == null ? routing.solveWithParameters(parameters)
                    : routing.solveFromAssignmentWithParameters(start, parameters);
        } else {
            assignment = routing.solveWithParameters(parameters);
        }
        String status = routing.status().name();
        if (assignment == null) {
            List<String> all = layout.stopNodes().stream().map(layout::id).toList();
            return new Result(List.of(), all, status, solutions.get());
        }
        List<Route> routes = reader.routes(model, assignment);
        return new Result(routes, AssignmentReader.unplanned(model, routes), status, solutions.get());
    }

    private RoutingSearchParameters parameters(Duration limit) {
        FirstSolutionStrategy.Value first = settings.firstSolution();
        if (first == FirstSolutionStrategy.Value.AUTOMATIC) {
            first = plainCapacitated() ? FirstSolutionStrategy.Value.SAVINGS : FirstSolutionStrategy.Value.PATH_CHEAPEST_ARC;
        }
        return SearchParameters.build(settings, first, limit);
    }

    /** No facilities, no time windows that bind, no breaks: SAVINGS builds better first routes there. */
    private boolean plainCapacitated() {
        boolean breaks = vehicles.stream().anyMatch(v -> v.breakRule() != null);
        boolean windows = layout.stopNodes().stream().anyMatch(n -> !layout.stop(n).window().equals(
                org.clearway.routing.model.TimeWindow.ALWAYS));
        return layout.facilityNodes().isEmpty() && !breaks && !windows;
    }
}
