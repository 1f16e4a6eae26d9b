package org.clearway.core.job;

/** How a job is to be scheduled. */
public enum Priority {
    /** now, before anything else (fire) */
    URGENT,
    /** a collection by its due time */
    NORMAL,
    /** a technician's visit, not a collection */
    MAINTENANCE
}
