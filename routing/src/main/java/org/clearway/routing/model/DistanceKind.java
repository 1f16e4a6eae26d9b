package org.clearway.routing.model;

/** How the distance between two {@link Location}s is computed. */
public enum DistanceKind {
    /** Straight line between planar coordinates. */
    EUCLIDEAN,
    /** Sum of the absolute coordinate differences (a grid of streets). */
    MANHATTAN,
    /** Great-circle distance in metres between latitude/longitude points. */
    HAVERSINE,
    /** Explicit matrix indexed by {@link Location#index()}. */
    MATRIX
}
