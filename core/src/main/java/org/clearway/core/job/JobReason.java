package org.clearway.core.job;

/** Why a job exists. A bin has at most one open job per reason. */
public enum JobReason {
    /** the bin's level crossed its threshold */
    THRESHOLD(true),
    /** the forecast says the bin is full before its next planned visit */
    FORECAST(true),
    /** a fire alarm: urgent, whatever the level */
    FIRE_ALARM(false),
    /** a tilt, tamper or sensor-fault alarm: someone must look at the bin or its sensor, not empty it */
    MAINTENANCE(false),
    /** asked for by a person */
    MANUAL(true),
    /** on its group's round day, the round passes by the bin (its sector is visited, or a bin near it), fairly full */
    ROUND(true),
    /** on its group's round day, the bin may be full (early estimate) before the group's next round ends */
    RISK(true),
    /** between rounds, the bin will almost surely be full before the next round, and the trip is worth it */
    URGENT(true),
    /** a citizen reported the bin (Open311) */
    CITIZEN(true);

    private final boolean collection;

    JobReason(boolean collection) {
        this.collection = collection;
    }

    /**
     * Whether this is a routine collection. An open collection job of any of these reasons stops the automatic
     * rules (threshold and forecast) from asking for another: the bin is already going to be emptied.
     */
    public boolean collection() {
        return collection;
    }
}
