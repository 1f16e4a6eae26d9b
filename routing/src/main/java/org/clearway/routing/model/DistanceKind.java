package org.clearway.routing.model;

/** How the distance between two {@link Location}s is computed. */
public enum DistanceKind {
    /** Straight line between planar coordinates. */
    EUCLIDEAN,
    /** Sum of the absolute coordinate differences (a grid of streets). */
    MANHATTAN,
    /** Great-circle distance in metres between latitude/longitude points. */
    HAVERSINE,
    /**
     * A street grid along the meridians and parallels between latitude/longitude points: the north-south plus the
     * east-west distance in metres (111,320 m a degree of latitude, of longitude times the cosine of the mean
     * latitude), as the lab's city and the simulated trucks on it measure a leg.
     */
    GRID,
    /** Explicit matrix indexed by {@link Location#index()}. */
    MATRIX
}
