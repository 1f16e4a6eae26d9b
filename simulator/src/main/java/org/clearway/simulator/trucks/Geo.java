package org.clearway.simulator.trucks;

/** Great-circle distances and bearings on a spherical Earth. */
public final class Geo {
    static final double EARTH_RADIUS_KM = 6_371.0088;

    private Geo() {
    }

    /** Haversine distance in kilometres. */
    public static double km(double lat1, double lon1, double lat2, double lon2) {
        double p1 = Math.toRadians(lat1);
        double p2 = Math.toRadians(lat2);
        double dp = p2 - p1;
        double dl = Math.toRadians(lon2 - lon1);
        double a = Math.sin(dp / 2) * Math.sin(dp / 2) + Math.cos(p1) * Math.cos(p2) * Math.sin(dl / 2) * Math.sin(dl / 2);
        return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(a)));
    }

    /** Initial bearing from the first point to the second, degrees in [0, 360). */
    public static double bearing(double lat1, double lon1, double lat2, double lon2) {
        double p1 = Math.toRadians(lat1);
        double p2 = Math.toRadians(lat2);
        double dl = Math.toRadians(lon2 - lon1);
        double y = Math.sin(dl) * Math.cos(p2);
        double x = Math.cos(p1) * Math.sin(p2) - Math.sin(p1) * Math.cos(p2) * Math.cos(dl);
        double deg = Math.toDegrees(Math.atan2(y, x));
        double norm = (deg % 360 + 360) % 360;
        return norm >= 360 ? 0 : norm;
    }

    /** The point a share {@code f} (0..1) of the way, linearly in latitude and longitude (city distances). */
    public static double[] between(double lat1, double lon1, double lat2, double lon2, double f) {
        double g = Math.max(0, Math.min(1, f));
        return new double[] {lat1 + (lat2 - lat1) * g, lon1 + (lon2 - lon1) * g};
    }
}
