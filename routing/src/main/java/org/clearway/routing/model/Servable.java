package org.clearway.routing.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * The stops some truck could take at all (its stream, a load that fits its body and its shift cap, the stop not
 * pinned to another truck), in the order a planner hands them to its search, and the ids of those no truck can take.
 *
 * @param stops      the stops a planner searches over: the problem's order, shuffled by a non-zero seed
 * @param unservable the ids of the stops no truck of the problem can take
 */
public record Servable(List<Stop> stops, List<String> unservable) {

    public Servable {
        stops = List.copyOf(stops);
        unservable = List.copyOf(unservable);
    }

    /**
     * Splits {@code problem}'s stops after checking that every vehicle's depot is among its depots.
     *
     * @param seed 0 keeps the problem's order; any other value shuffles the stops (the search's tie-breaking)
     */
    public static Servable of(Problem problem, ProblemIndex index, long seed) {
        for (Vehicle vehicle : problem.vehicles()) {
            if (index.depot(vehicle.depotId()) == null) {
                throw new IllegalArgumentException("vehicle " + vehicle.id() + " names depot '" + vehicle.depotId()
                        + "' which is not among the problem's depots: fix its depot field");
            }
        }
        List<String> unservable = new ArrayList<>();
        List<Stop> servable = new ArrayList<>();
        for (Stop stop : problem.stops()) {
            boolean anyTruck = problem.vehicles().stream()
                    .anyMatch(v -> v.accepts(stop.stream()) && stop.demand().fitsIn(v.capacity())
                            && v.withinShiftCap(stop.demand()) && stop.allows(v.id()));
            if (anyTruck) {
                servable.add(stop);
            } else {
                unservable.add(stop.id());
            }
        }
        if (seed != 0) {
            Collections.shuffle(servable, new Random(seed));
        }
        return new Servable(servable, unservable);
    }
}
