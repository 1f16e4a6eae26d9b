package org.clearway.routing.model;

import java.util.ArrayList;
import java.util.List;

/** A routing problem: where trucks start, where they unload, and which stops to serve. */
public record Problem(String name, DistanceModel distanceModel, List<Depot> depots, List<Facility> facilities,
                      List<Vehicle> vehicles, List<Stop> stops) {

    public Problem {
        depots = List.copyOf(depots);
        facilities = List.copyOf(facilities == null ? List.of() : facilities);
        vehicles = List.copyOf(vehicles);
        stops = List.copyOf(stops);
    }

    public Problem withStop(Stop stop) {
        List<Stop> more = new ArrayList<>(stops);
        more.add(stop);
        return new Problem(name, distanceModel, depots, facilities, vehicles, more);
    }

    public Problem withVehicles(List<Vehicle> newVehicles) {
        return new Problem(name, distanceModel, depots, facilities, newVehicles, stops);
    }
}
