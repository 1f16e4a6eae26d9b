package org.clearway.routing.model;

/** Computes the distance and the travel time between two locations under a {@link DistanceModel}. */
public final class TravelMetric {

    private static final double EARTH_RADIUS_M = 6_371_008.8;
    private static final double METRES_PER_DEGREE = 111_320.0;

    private final DistanceModel model;

    public TravelMetric(DistanceModel model) {
        this.model = model;
    }

    public DistanceModel model() {
        return model;
    }

    /** Distance in metres (or the instance's units), rounded per edge as the model says. */
    public double distance(Location from, Location to) {
        double raw = switch (model.kind()) {
            case EUCLIDEAN -> Math.hypot(from.x() - to.x(), from.y() - to.y());
            case MANHATTAN -> Math.abs(from.x() - to.x()) + Math.abs(from.y() - to.y());
            case HAVERSINE -> haversine(from, to);
            case GRID -> grid(from, to);
            case MATRIX -> model.distances()[checkedIndex(from)][checkedIndex(to)];
        };
        return model.rounding() == Rounding.NEAREST_INT ? Math.floor(raw + 0.5) : raw;
    }

    /** Travel time in seconds: from the time matrix if there is one, else distance divided by speed. */
    public double time(Location from, Location to) {
        if (model.kind() == DistanceKind.MATRIX && model.times() != null) {
            return model.times()[checkedIndex(from)][checkedIndex(to)];
        }
        return distance(from, to) / model.speed();
    }

    private int checkedIndex(Location location) {
        int index = location.index();
        if (index < 0 || index >= model.distances().length) {
            throw new IllegalArgumentException("location index " + index + " is outside the distance matrix of size "
                    + model.distances().length + ": give every location an index in [0, size)");
        }
        return index;
    }

    private static double grid(Location from, Location to) {
        double north = Math.abs(to.y() - from.y()) * METRES_PER_DEGREE;
        double east = Math.abs(to.x() - from.x()) * METRES_PER_DEGREE * Math.cos(Math.toRadians((from.y() + to.y()) / 2));
        return north + east;
    }

    private static double haversine(Location from, Location to) {
        double lat1 = Math.toRadians(from.y());
        double lat2 = Math.toRadians(to.y());
        double dLat = lat2 - lat1;
        double dLon = Math.toRadians(to.x() - from.x());
        double h = Math.sin(dLat / 2) * Math.sin(dLat / 2)
                + Math.cos(lat1) * Math.cos(lat2) * Math.sin(dLon / 2) * Math.sin(dLon / 2);
        return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1.0, Math.sqrt(h)));
    }
}
