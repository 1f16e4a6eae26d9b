package org.clearway.api.resources;

/** The great-circle distance in SQL (haversine on the mean earth sphere), for queries that look for bins near a point. */
public final class GreatCircle {
    /** The mean earth radius in metres (IUGG). */
    public static final double EARTH_RADIUS_M = 6_371_008.8;

    private GreatCircle() {
    }

    /**
     * Metres from the row's {@code lat}, {@code lon} columns to a point given by three parameters, bound in this order:
     * its latitude, its latitude again, its longitude.
     */
    public static String metres(String lat, String lon) {
        return "(2 * " + EARTH_RADIUS_M + " * asin(sqrt(power(sin(radians(" + lat + " - ?) / 2), 2)"
                + " + cos(radians(?)) * cos(radians(" + lat + ")) * power(sin(radians(" + lon + " - ?) / 2), 2))))";
    }
}
