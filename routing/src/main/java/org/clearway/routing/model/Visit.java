package org.clearway.routing.model;

/**
 * One point of a route.
 *
 * @param kind    what happens there
 * @param id      the depot, stop or facility id
 * @param arrival departure from the previous visit plus the travel time (seconds); for START, the departure
 * @param start   when service starts (after waiting and, if taken just before, the break)
 * @param load    what is on board after the visit
 */
public record Visit(VisitKind kind, String id, double arrival, double start, Load load) {

    /** A visit with no times or load yet, as read from a benchmark solution. */
    public static Visit ref(VisitKind kind, String id) {
        return new Visit(kind, id, 0, 0, Load.ZERO);
    }
}
