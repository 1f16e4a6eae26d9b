package org.clearway.dispatch.trucks;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * The kilometres a position adds to its truck's shift: the haversine legs from the previous position of the shift
 * day and to the next one (when a position arrives late, between two already counted), minus the leg between those
 * two that it now splits. A leg that would mean driving faster than {@link #MAX_SPEED_KMH} is a GPS jump and counts
 * 0 km.
 */
public final class ShiftDistance {

    /** Legs implying more than this are GPS jumps, not driving. */
    public static final double MAX_SPEED_KMH = 150;

    /** A stored position of the shift. */
    public record Point(Instant at, double lat, double lon) {
        public Point {
            Objects.requireNonNull(at, "at");
        }
    }

    private ShiftDistance() {
    }

    /**
     * @param previous the shift's latest position before {@code added}, or null
     * @param added    the new position
     * @param next     the shift's earliest position after {@code added}, or null
     * @return the change of the shift's driven kilometres (negative only when a late position shows a counted leg
     *         was a jump, never below what the legs allow)
     */
    public static double added(Point previous, Point added, Point next) {
        double km = leg(previous, added) + leg(added, next);
        return km - leg(previous, next);
    }

    /** Kilometres from {@code a} to {@code b}; 0 when either is missing or the leg is a jump. */
    public static double leg(Point a, Point b) {
        if (a == null || b == null) {
            return 0;
        }
        double km = GeoDistance.km(a.lat(), a.lon(), b.lat(), b.lon());
        double hours = Math.abs(Duration.between(a.at(), b.at()).toMillis()) / 3_600_000.0;
        if (km == 0) {
            return 0;
        }
        return hours > 0 && km / hours <= MAX_SPEED_KMH ? km : 0;
    }
}
