package org.clearway.decisions.rounds;

/** Why the selection chose a bin. */
public enum Reason {
    /** on its group's round day, it is at risk of standing full before the next round ends (rule 1) */
    RISK,
    /**
     * between rounds, it is urgent (full before the next round starts) and the trip is worth it, or it rides along
     * with a round of its planner run (rule 2)
     */
    URGENT,
    /** the truck passes by it on its way to a bin at risk or urgent (rule 3); no job of its own */
    ON_THE_WAY
}
