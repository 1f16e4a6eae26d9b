package org.clearway.routing.check;

/** The kinds of rule a solution can break. */
public enum ViolationKind {
    /** A route names a truck the problem does not have, or uses a truck twice. */
    UNKNOWN_VEHICLE,
    /** A route does not start and end at its truck's depot, or a visit names an unknown place. */
    BAD_SEQUENCE,
    /** A stop is served twice. */
    DUPLICATE_STOP,
    /** A stop is neither served nor listed as unplanned. */
    MISSING_STOP,
    /** More volume or weight on board than the truck holds. */
    CAPACITY,
    /** Two waste streams in one load. */
    MIXED_STREAMS,
    /** The truck may not collect this stream, or the facility does not accept it. */
    STREAM_NOT_ALLOWED,
    /** Service outside a stop's time window or a facility's opening hours. */
    TIME_WINDOW,
    /** Leaving before the shift starts or returning after it ends. */
    SHIFT,
    /** The schedule is faster than travel allows. */
    TRAVEL_TIME,
    /** The break is missing, outside its window, or overlaps a service. */
    BREAK,
    /**
     * An unload with nothing on board: right after the start or after another unload, with no bin stop between.
     * A route never has two unloads in a row, nor more unloads than loads to empty.
     */
    NEEDLESS_UNLOAD,
    /** The truck collects more in its shift, across all its loads, than its shift cap (volume or weight). */
    SHIFT_CAP,
    /** The truck serves more bin stops in its shift than its stop limit. */
    STOP_LIMIT,
    /** A stop pinned to one truck is served by another. */
    PINNED,
    /** The truck returns loaded although it must end empty. */
    RETURNED_LOADED,
    /** A reported load, distance or cost differs from the recomputed one. */
    REPORT_MISMATCH
}
