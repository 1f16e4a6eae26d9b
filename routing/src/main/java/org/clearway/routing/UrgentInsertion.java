package org.clearway.routing;

import org.clearway.routing.model.Problem;
import org.clearway.routing.model.Solution;

/**
 * The result of inserting an urgent stop into running routes.
 *
 * @param problem  the problem including the urgent stop
 * @param solution the new routes; the urgent stop is listed as unplanned when no feasible position exists
 * @param inserted whether the stop was placed on a route
 * @param vehicleId the truck that takes it, or null
 */
public record UrgentInsertion(Problem problem, Solution solution, boolean inserted, String vehicleId) {
}
