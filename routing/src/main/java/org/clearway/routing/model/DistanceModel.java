package org.clearway.routing.model;

import java.util.Objects;

/**
 * Distances and travel times between locations.
 *
 * @param kind      how distances are computed
 * @param rounding  rounding of each edge length
 * @param speed     travel speed in distance units per second, used when {@code times} is null
 * @param distances for {@link DistanceKind#MATRIX}: distances in metres, {@code [from][to]}
 * @param times     for {@link DistanceKind#MATRIX}, optional: travel times in seconds {@code [from][to]}
 */
public record DistanceModel(DistanceKind kind, Rounding rounding, double speed, double[][] distances, double[][] times) {

    public DistanceModel {
        Objects.requireNonNull(kind, "kind");
        rounding = rounding == null ? Rounding.NONE : rounding;
        if (!(speed > 0) && times == null) {
            throw new IllegalArgumentException("speed must be > 0 (distance units per second), got " + speed);
        }
        if (kind == DistanceKind.MATRIX && distances == null) {
            throw new IllegalArgumentException("the MATRIX distance model needs a distance matrix");
        }
    }

    public static DistanceModel of(DistanceKind kind, double speed) {
        return new DistanceModel(kind, Rounding.NONE, speed, null, null);
    }

    public static DistanceModel matrix(double[][] distances, double[][] times) {
        return new DistanceModel(DistanceKind.MATRIX, Rounding.NONE, 1.0, distances, times);
    }

    public DistanceModel withRounding(Rounding newRounding) {
        return new DistanceModel(kind, newRounding, speed, distances, times);
    }
}
