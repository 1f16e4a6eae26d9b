package org.clearway.routing.model;

/**
 * A place on the map.
 *
 * <p>For the planar distance models {@code x} and {@code y} are coordinates in metres (or in the
 * benchmark's own units). For {@link DistanceKind#HAVERSINE} and {@link DistanceKind#GRID} {@code x} is the longitude and
 * {@code y} the latitude, in degrees. For {@link DistanceKind#MATRIX} only {@code index}, the row and
 * column of this place in the matrix, is used; it is -1 when the location has no matrix entry.
 */
public record Location(double x, double y, int index) {

    public static Location of(double x, double y) {
        return new Location(x, y, -1);
    }

    public static Location ofLatLon(double latitude, double longitude) {
        return new Location(longitude, latitude, -1);
    }

    public static Location ofIndex(int index) {
        return new Location(0, 0, index);
    }
}
