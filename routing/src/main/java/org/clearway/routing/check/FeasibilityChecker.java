package org.clearway.routing.check;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.clearway.routing.model.Problem;
import org.clearway.routing.model.ProblemIndex;
import org.clearway.routing.model.Route;
import org.clearway.routing.model.Solution;
import org.clearway.routing.model.Stop;
import org.clearway.routing.model.Vehicle;
import org.clearway.routing.model.Visit;
import org.clearway.routing.model.VisitKind;

/**
 * Checks a solution against its problem without any solver code: every route's rules (see {@link RouteChecker}),
 * every stop served exactly once or reported unplanned, and the reported totals. A solution that leaves stops
 * unplanned is {@link CheckReport.Status#PARTIAL} at best, never feasible.
 */
public final class FeasibilityChecker {

    private final ProblemIndex index;
    private final RouteChecker routes;

    public FeasibilityChecker(Problem problem) {
        this.index = new ProblemIndex(problem);
        this.routes = new RouteChecker(index);
    }

    public CheckReport check(Solution solution) {
        List<Violation> out = new ArrayList<>();
        Set<String> vehiclesSeen = new HashSet<>();
        Set<String> served = new HashSet<>();
        double distance = 0;
        double cost = 0;
        for (Route route : solution.routes()) {
            if (!vehiclesSeen.add(route.vehicleId())) {
                out.add(new Violation(ViolationKind.UNKNOWN_VEHICLE, route.vehicleId(), null, "truck has two routes"));
            }
            RouteChecker.RouteCheck result = routes.check(route);
            out.addAll(result.violations());
            distance += result.distance();
            Vehicle vehicle = index.vehicle(route.vehicleId());
            cost += result.distance() + (vehicle == null ? 0 : vehicle.fixedCost());
            for (Visit visit : route.visits()) {
                if (visit.kind() == VisitKind.STOP && !served.add(visit.id())) {
                    out.add(new Violation(ViolationKind.DUPLICATE_STOP, route.vehicleId(), visit.id(), "stop served more than once"));
                }
            }
        }
        checkUnplanned(solution, served, out);
        if (Math.abs(distance - solution.distance()) > RouteChecker.tolerance(distance)) {
            out.add(new Violation(ViolationKind.REPORT_MISMATCH, null, null, "reported total distance "
                    + solution.distance() + " but the routes add up to " + distance));
        }
        if (Math.abs(cost - solution.cost()) > RouteChecker.tolerance(cost)) {
            out.add(new Violation(ViolationKind.REPORT_MISMATCH, null, null, "reported cost " + solution.cost()
                    + " but distance plus fixed costs is " + cost));
        }
        return new CheckReport(out, solution.unplanned(), distance, cost);
    }

    private void checkUnplanned(Solution solution, Set<String> served, List<Violation> out) {
        Set<String> unplanned = new HashSet<>();
        for (String id : solution.unplanned()) {
            if (index.stop(id) == null) {
                out.add(new Violation(ViolationKind.BAD_SEQUENCE, null, id, "unplanned stop is not in the problem"));
            } else if (served.contains(id) || !unplanned.add(id)) {
                out.add(new Violation(ViolationKind.DUPLICATE_STOP, null, id, "stop is both served and unplanned, or listed twice"));
            }
        }
        for (Stop stop : index.problem().stops()) {
            if (!served.contains(stop.id()) && !unplanned.contains(stop.id())) {
                out.add(new Violation(ViolationKind.MISSING_STOP, null, stop.id(), "stop is neither served nor reported unplanned"));
            }
        }
    }
}
