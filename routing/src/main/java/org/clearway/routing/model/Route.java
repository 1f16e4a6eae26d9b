package org.clearway.routing.model;

import java.util.List;

/**
 * A truck's day: START, stops and unloads, END.
 *
 * @param breakStart when the driver's break starts, or null when the truck has no break rule
 * @param distance   length of the route
 */
public record Route(String vehicleId, List<Visit> visits, Double breakStart, double distance) {

    public Route {
        visits = List.copyOf(visits);
    }

    public long stopCount() {
        return visits.stream().filter(v -> v.kind() == VisitKind.STOP).count();
    }

    public long unloadCount() {
        return visits.stream().filter(v -> v.kind() == VisitKind.UNLOAD).count();
    }

    public double endTime() {
        return visits.isEmpty() ? 0 : visits.get(visits.size() - 1).start();
    }
}
