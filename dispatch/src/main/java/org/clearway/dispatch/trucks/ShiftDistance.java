package org.clearway.dispatch.trucks;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * The kilometres a position adds to its truck's shift: the haversine leg from the previous position of the shift day.
 * A position that arrives late, between two already counted, replaces the leg it splits by its two legs. A leg that
 * would mean driving faster than {@link #MAX_SPEED_KMH} is a GPS jump and counts 0 km; a late position with a jump
 * on either side is a glitch and changes nothing.
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
     * @param next     the shift's earliest position after {@code added} (it arrived late), or null
     * @return the change of the shift's driven kilometres, at least 0
     */
    public static double added(Point previous, Point added, Point next) {
        if (next == null) {
            return leg(previous, added);
        }
        if (isJump(previous, added) || isJump(added, next)) {
            return 0;
        }
        return Math.max(0, leg(previous, added) + leg(added, next) - leg(previous, next));
    }

    /** Kilometres from {@code a} to {@code b}; 0 when either is missing or the leg is a jump. */
    public static double leg(Point a, Point b) {
        if (a == null || b == null || isJump(a, b)) {
            return 0;
        }
        return GeoDistance.km(a.lat(), a.lon(), b.lat(), b.lon());
    }

    /** Whether going from {@code a} to {@code b} would mean more than {@link #MAX_SPEED_KMH}; false if either is missing. */
    static boolean isJump(Point a, Point b) {
        if (a == null || b == null) {
            return false;
        }
        double km = GeoDistance.km(a.lat(), a.lon(), b.lat(), b.lon());
        double hours = Math.abs(Duration.between(a.at(), b.at()).toMillis()) / 3_600_000.0;
        return km > 0 && (hours == 0 || km / hours > MAX_SPEED_KMH);
    }
}
