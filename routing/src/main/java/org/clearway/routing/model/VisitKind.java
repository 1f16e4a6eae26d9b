package org.clearway.routing.model;

/** What happens at a point of a route. */
public enum VisitKind {
    /** Leaving the home depot. */
    START,
    /** Emptying a stop's bins. */
    STOP,
    /** Unloading the truck at a facility. */
    UNLOAD,
    /** Back at the home depot. */
    END
}
