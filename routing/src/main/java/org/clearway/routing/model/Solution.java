package org.clearway.routing.model;

import java.util.List;

/**
 * Routes for the used trucks, plus the stops that could not be planned.
 *
 * @param distance  total length of the routes
 * @param cost      distance plus the fixed costs of the used trucks
 */
public record Solution(String problemName, List<Route> routes, List<String> unplanned, double distance, double cost,
                       SolveStats stats) {

    public Solution {
        routes = List.copyOf(routes);
        unplanned = List.copyOf(unplanned);
        stats = stats == null ? SolveStats.NONE : stats;
    }

    /** Builds a solution whose totals are summed from its routes. */
    public static Solution of(ProblemIndex index, List<Route> routes, List<String> unplanned, SolveStats stats) {
        double distance = 0;
        double cost = 0;
        for (Route route : routes) {
            distance += route.distance();
            Vehicle vehicle = index.vehicle(route.vehicleId());
            cost += route.distance() + (vehicle == null ? 0 : vehicle.fixedCost());
        }
        return new Solution(index.problem().name(), routes, unplanned, distance, cost, stats);
    }

    public int vehiclesUsed() {
        return routes.size();
    }

    public Route routeOf(String vehicleId) {
        return routes.stream().filter(r -> r.vehicleId().equals(vehicleId)).findFirst().orElse(null);
    }
}
