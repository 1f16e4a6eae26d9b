package org.clearway.routing.model;

import java.util.Set;

/**
 * A collection truck.
 *
 * @param depotId    where it starts and ends
 * @param capacity   volume and weight it can carry per load
 * @param streams    waste streams it may collect; empty means every stream
 * @param shiftStart earliest departure, seconds
 * @param shiftEnd   latest return, seconds
 * @param breakRule  the driver's break, or null
 * @param fixedCost  cost of using the truck at all, in distance units
 * @param endEmpty   whether the last load must be unloaded at a facility before returning
 * @param shiftCap   the most it may collect in one shift across all its loads (volume and weight), or null for no
 *                   cap; a member set to {@link #NO_CAP} does not limit
 * @param maxStops   the most bin stops it may serve in one shift, or 0 for no limit
 */
public record Vehicle(String id, String depotId, Load capacity, Set<String> streams, long shiftStart, long shiftEnd,
                      BreakRule breakRule, double fixedCost, boolean endEmpty, Load shiftCap, int maxStops) {

    /** A member of {@link #shiftCap} that does not limit. */
    public static final long NO_CAP = Long.MAX_VALUE;

    public Vehicle {
        streams = streams == null ? Set.of() : Set.copyOf(streams);
        if (shiftEnd < shiftStart) {
            throw new IllegalArgumentException("vehicle " + id + ": shiftEnd " + shiftEnd + " is before shiftStart " + shiftStart);
        }
        if (maxStops < 0) {
            throw new IllegalArgumentException("vehicle " + id + ": maxStops must be 0 (no limit) or more, got " + maxStops);
        }
    }

    /** A truck without a shift cap or a stop limit. */
    public Vehicle(String id, String depotId, Load capacity, Set<String> streams, long shiftStart, long shiftEnd,
                   BreakRule breakRule, double fixedCost, boolean endEmpty) {
        this(id, depotId, capacity, streams, shiftStart, shiftEnd, breakRule, fixedCost, endEmpty, null, 0);
    }

    public boolean accepts(String stream) {
        return streams.isEmpty() || streams.contains(stream);
    }

    /** Whether this amount, collected in one shift, stays within the shift cap (always, without a cap). */
    public boolean withinShiftCap(Load collected) {
        return shiftCap == null || collected.fitsIn(shiftCap);
    }

    /** Whether this many stops stay within the stop limit (always, without a limit). */
    public boolean withinStopLimit(long stops) {
        return maxStops == 0 || stops <= maxStops;
    }

    /** The same truck with another {@code endEmpty}. */
    public Vehicle withEndEmpty(boolean mustEndEmpty) {
        return new Vehicle(id, depotId, capacity, streams, shiftStart, shiftEnd, breakRule, fixedCost, mustEndEmpty,
                shiftCap, maxStops);
    }
}
