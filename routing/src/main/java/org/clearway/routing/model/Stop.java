package org.clearway.routing.model;

/**
 * A bin (or a cluster of bins) to empty.
 *
 * @param stream      the waste stream, e.g. "residual", "paper", "glass"
 * @param demand      what the truck takes on board
 * @param serviceTime seconds spent at the stop
 * @param window      when service may start; {@link TimeWindow#ALWAYS} when there is none
 * @param dropWeight  how much leaving the stop out weighs, at least 1: the solver's drop penalty is its base penalty
 *                    (more than any detour) times this, so when not every stop can be served, the heavier ones are
 *                    kept first
 * @param vehicle     the truck the stop is pinned to (only it may serve the stop), or null for any truck
 */
public record Stop(String id, Location location, String stream, Load demand, long serviceTime, TimeWindow window,
                   long dropWeight, String vehicle) {

    public Stop {
        window = window == null ? TimeWindow.ALWAYS : window;
        demand = demand == null ? Load.ZERO : demand;
        if (dropWeight < 1) {
            throw new IllegalArgumentException("stop " + id + ": dropWeight must be at least 1, got " + dropWeight);
        }
    }

    /** A stop any truck may serve. */
    public Stop(String id, Location location, String stream, Load demand, long serviceTime, TimeWindow window,
                long dropWeight) {
        this(id, location, stream, demand, serviceTime, window, dropWeight, null);
    }

    /** Whether the truck may serve the stop: any truck, unless the stop is pinned to one. */
    public boolean allows(String vehicleId) {
        return vehicle == null || vehicle.equals(vehicleId);
    }

    /** The same stop pinned to a truck (null: any truck). */
    public Stop pinnedTo(String vehicleId) {
        return new Stop(id, location, stream, demand, serviceTime, window, dropWeight, vehicleId);
    }

    /** A stop of the usual weight, 1. */
    public Stop(String id, Location location, String stream, Load demand, long serviceTime, TimeWindow window) {
        this(id, location, stream, demand, serviceTime, window, 1);
    }
}
