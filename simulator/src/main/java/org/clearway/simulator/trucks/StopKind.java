package org.clearway.simulator.trucks;

import java.util.Locale;

/** What a truck does at a route stop (docs/trucks.md: {@code kind}). */
public enum StopKind {
    /** Empty the bin of a job. */
    BIN,
    /** Unload at a transfer station or treatment plant: the body is empty afterwards. */
    UNLOAD,
    /** The driver's break, where the truck is. */
    BREAK,
    /** The end of the shift at the depot. */
    DEPOT;

    static StopKind parse(String kind) {
        try {
            return valueOf(kind.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new IllegalArgumentException("stop kind must be one of bin, unload, break, depot; got " + kind);
        }
    }
}
