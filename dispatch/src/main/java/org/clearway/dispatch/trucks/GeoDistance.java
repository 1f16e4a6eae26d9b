package org.clearway.dispatch.trucks;

/** Great-circle distance on a spherical Earth (haversine), the measure of the trucks' driven kilometres. */
public final class GeoDistance {

    /** The mean Earth radius (IUGG), in kilometres. */
    private static final double EARTH_RADIUS_KM = 6_371.0088;

    private GeoDistance() {
    }

    /** Kilometres between two points given in degrees. */
    public static double km(double lat1, double lon1, double lat2, double lon2) {
        double phi1 = Math.toRadians(lat1);
        double phi2 = Math.toRadians(lat2);
        double dPhi = phi2 - phi1;
        double dLambda = Math.toRadians(lon2 - lon1);
        double h = Math.sin(dPhi / 2) * Math.sin(dPhi / 2)
                + Math.cos(phi1) * Math.cos(phi2) * Math.sin(dLambda / 2) * Math.sin(dLambda / 2);
        return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1.0, Math.sqrt(h)));
    }
}
