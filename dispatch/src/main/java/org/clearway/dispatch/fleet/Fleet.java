package org.clearway.dispatch.fleet;

import java.util.List;

/** Facilities and trucks, as a fleet file describes them. */
public record Fleet(List<FleetFacility> facilities, List<Truck> trucks) {

    public Fleet {
        facilities = List.copyOf(facilities);
        trucks = List.copyOf(trucks);
    }
}
