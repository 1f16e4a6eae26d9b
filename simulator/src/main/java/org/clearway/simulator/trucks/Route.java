package org.clearway.simulator.trucks;

import java.time.Instant;
import java.util.List;

/** A route as dispatch publishes it on {@code {prefix}trucks/{id}/route}; no stops withdraws the route. */
public record Route(String truckId, String shiftDate, int revision, Instant publishedAt, List<Stop> stops) {
    public Route {
        stops = List.copyOf(stops);
    }

    public boolean withdrawn() {
        return stops.isEmpty();
    }
}
