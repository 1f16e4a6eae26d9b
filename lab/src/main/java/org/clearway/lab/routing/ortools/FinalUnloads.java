package org.clearway.lab.routing.ortools;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import org.clearway.routing.model.Facility;
import org.clearway.routing.model.ProblemIndex;
import org.clearway.routing.model.Route;
import org.clearway.routing.model.Vehicle;
import org.clearway.routing.model.Visit;
import org.clearway.routing.model.VisitKind;

/**
 * First routes for trucks that must end empty ({@link Vehicle#endEmpty}). OR-Tools' local search moves one node at a
 * time: a truck with no route can only get a stop together with the final unload that stop then needs, two nodes at
 * once, so from a first solution that gave the final unload to one truck only, the other trucks' stops stayed out.
 * The planner therefore solves the problem without the rule first, and starts the real search from those routes,
 * each closed by an unload at the facility nearest its last stop that takes that stop's stream.
 */
final class FinalUnloads {

    private FinalUnloads() {
    }

    static boolean needed(List<Vehicle> vehicles) {
        return vehicles.stream().anyMatch(Vehicle::endEmpty);
    }

    /** The trucks without the rule (every other rule, the shift cap and the stop limit included, kept). */
    static List<Vehicle> relaxed(List<Vehicle> vehicles) {
        return vehicles.stream().map(v -> v.withEndEmpty(false)).toList();
    }

    /** The routes, those of trucks that must end empty closed by a final unload where they lack one. */
    static List<Route> closed(List<Route> routes, ProblemIndex index) {
        List<Route> result = new ArrayList<>(routes.size());
        for (Route route : routes) {
            List<Visit> visits = route.visits();
            Vehicle vehicle = index.vehicle(route.vehicleId());
            Visit last = visits.size() < 2 ? null : visits.get(visits.size() - 2);
            if (!vehicle.endEmpty() || last == null || last.kind() != VisitKind.STOP) {
                result.add(route);
                continue;
            }
            Optional<Facility> unload = nearest(index, last.id());
            if (unload.isEmpty()) {
                result.add(route);
                continue;
            }
            List<Visit> closed = new ArrayList<>(visits);
            closed.add(closed.size() - 1, Visit.ref(VisitKind.UNLOAD, unload.get().id()));
            result.add(new Route(route.vehicleId(), closed, null, route.distance()));
        }
        return result;
    }

    private static Optional<Facility> nearest(ProblemIndex index, String stopId) {
        var stop = index.stop(stopId);
        return index.problem().facilities().stream().filter(f -> f.accepts(stop.stream()))
                .min(Comparator.comparingDouble(f -> index.metric().distance(stop.location(), f.location())));
    }
}
