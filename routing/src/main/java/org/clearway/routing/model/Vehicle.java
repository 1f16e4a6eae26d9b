package org.clearway.routing.model;

import java.util.Set;

/**
 * A collection truck.
 *
 * @param depotId    where it starts and ends
 * @param capacity   volume and weight it can carry per load
 * @param streams    waste streams it may collect; empty means every stream
 * @param shiftStart earliest departure, seconds
 * @param shiftEnd   latest return, seconds
 * @param breakRule  the driver's break, or null
 * @param fixedCost  cost of using the truck at all, in distance units
 * @param endEmpty   whether the last load must be unloaded at a facility before returning
 */
public record Vehicle(String id, String depotId, Load capacity, Set<String> streams, long shiftStart, long shiftEnd,
                      BreakRule breakRule, double fixedCost, boolean endEmpty) {

    public Vehicle {
        streams = streams == null ? Set.of() : Set.copyOf(streams);
        if (shiftEnd < shiftStart) {
            throw new IllegalArgumentException("vehicle " + id + ": shiftEnd " + shiftEnd + " is before shiftStart " + shiftStart);
        }
    }

    public boolean accepts(String stream) {
        return streams.isEmpty() || streams.contains(stream);
    }
}
