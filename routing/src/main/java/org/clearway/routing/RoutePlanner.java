package org.clearway.routing;

import org.clearway.routing.model.Problem;
import org.clearway.routing.model.Solution;
import org.clearway.routing.model.Stop;

/** Plans the collection trucks' routes. */
public interface RoutePlanner {

    /**
     * Plans routes for all stops. Stops that cannot be served within the rules are listed in
     * {@link Solution#unplanned()} rather than failing the whole plan.
     */
    Solution plan(Problem problem, PlanOptions options);

    /**
     * Inserts an urgent stop into routes already being driven, at the cheapest feasible position. Visits whose
     * service has started by {@code now}, and the visit a truck is driving to at {@code now}, stay as they are.
     *
     * @param now seconds from the start of the day
     */
    UrgentInsertion insertUrgent(Problem problem, Solution running, Stop urgent, double now);
}
