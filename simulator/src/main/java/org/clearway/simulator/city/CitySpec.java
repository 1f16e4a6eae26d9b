package org.clearway.simulator.city;

import java.util.Objects;

/**
 * What city to generate.
 *
 * @param binCount      how many bins, 1 or more
 * @param centreLat     the city's centre, degrees
 * @param centreLon     the city's centre, degrees
 * @param distanceShare share of bins, 0 to 1, whose sensors send raw {@code distanceMm}
 * @param idPrefix      first part of every zone and bin id, such as {@code sim} ({@code sim-00001})
 */
public record CitySpec(long seed, int binCount, double centreLat, double centreLon, double distanceShare,
                       String idPrefix) {
    public CitySpec {
        if (binCount < 1) {
            throw new IllegalArgumentException("bins must be 1 or more, got " + binCount);
        }
        if (!(centreLat >= -85 && centreLat <= 85) || !(centreLon >= -180 && centreLon <= 180)) {
            throw new IllegalArgumentException("the centre must be a latitude from -85 to 85 and a longitude from"
                    + " -180 to 180, got " + centreLat + "," + centreLon);
        }
        if (!(distanceShare >= 0 && distanceShare <= 1)) {
            throw new IllegalArgumentException("the distance-sensor share must be from 0 to 1, got " + distanceShare);
        }
        Objects.requireNonNull(idPrefix, "idPrefix");
        if (!idPrefix.matches("[A-Za-z0-9_-]{1,40}")) {
            throw new IllegalArgumentException("the id prefix must be 1 to 40 of A-Z a-z 0-9 _ -, got '" + idPrefix + "'");
        }
    }
}
