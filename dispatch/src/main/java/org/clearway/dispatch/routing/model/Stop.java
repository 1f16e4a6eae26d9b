package org.clearway.dispatch.routing.model;

/**
 * A bin (or a cluster of bins) to empty.
 *
 * @param stream      the waste stream, e.g. "residual", "paper", "glass"
 * @param demand      what the truck takes on board
 * @param serviceTime seconds spent at the stop
 * @param window      when service may start; {@link TimeWindow#ALWAYS} when there is none
 */
public record Stop(String id, Location location, String stream, Load demand, long serviceTime, TimeWindow window) {

    public Stop {
        window = window == null ? TimeWindow.ALWAYS : window;
        demand = demand == null ? Load.ZERO : demand;
    }
}
