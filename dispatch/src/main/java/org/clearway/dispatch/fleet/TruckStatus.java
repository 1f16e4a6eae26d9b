package org.clearway.dispatch.fleet;

/** Whether a truck can be planned ({@code trucks.status}: the name in lower case). */
public enum TruckStatus {
    ACTIVE,
    /** in the workshop: not planned until active again */
    MAINTENANCE,
    /** out of the fleet for good; kept for the history of its jobs */
    RETIRED
}
