package org.clearway.dispatch.plan;

import org.clearway.routing.model.DistanceKind;
import org.clearway.routing.model.DistanceModel;

/**
 * How the shift planner measures the streets and the work at a bin (docs/dispatch.md, "Planning and routes"): the
 * trucks' average speed, a bin's service time, and the length of a leg, either the great-circle distance (its time
 * lengthened by a road factor, the roads' detour over the straight line) or a street grid along the meridians and
 * parallels ({@link DistanceKind#GRID}, the lab's city).
 *
 * @param grid              legs are north-south plus east-west ({@code CLEARWAY_DISPATCH_PLAN_STREETS=grid}), else
 *                          great-circle ({@code direct}, the default)
 * @param roadFactor        with {@code direct}, the road distance per great-circle distance, 1 or more
 *                          ({@code CLEARWAY_DISPATCH_PLAN_ROAD_FACTOR}, default 1): a leg takes its great-circle
 *                          length times this at {@code speedKmh}. The factor lengthens every leg alike, so it changes
 *                          the plan's times, not which route is shortest; the solver's distances stay great-circle
 * @param speedKmh          the trucks' average speed between stops ({@code CLEARWAY_DISPATCH_PLAN_SPEED}, default 25)
 * @param binServiceSeconds the time at a bin ({@code CLEARWAY_DISPATCH_PLAN_BIN_SERVICE}, default 120 s)
 */
public record PlanTravel(boolean grid, double roadFactor, double speedKmh, long binServiceSeconds) {

    /** How a leg is measured ({@code CLEARWAY_DISPATCH_PLAN_STREETS}). */
    public enum Streets { DIRECT, GRID }

    /** The trucks' average speed between stops unless configured, km/h. */
    public static final double DEFAULT_SPEED_KMH = 25;
    /** Great-circle legs at {@link #DEFAULT_SPEED_KMH}, two minutes at a bin. */
    public static final PlanTravel DEFAULT = new PlanTravel(false, 1, DEFAULT_SPEED_KMH, ProblemBuilder.SERVICE_SECONDS);

    public PlanTravel {
        if (!(roadFactor >= 1) || Double.isInfinite(roadFactor)) {
            throw new IllegalArgumentException("the road factor must be a number of at least 1, got " + roadFactor);
        }
        if (!(speedKmh > 0) || Double.isInfinite(speedKmh)) {
            throw new IllegalArgumentException("the planner's speed must be a positive number of km/h, got " + speedKmh);
        }
        if (binServiceSeconds < 0) {
            throw new IllegalArgumentException("a bin's service time must not be negative, got " + binServiceSeconds);
        }
    }

    /** The solver's distances and times: metres, and seconds at {@code speedKmh} (over the road factor). */
    public DistanceModel distanceModel() {
        double metresPerSecond = speedKmh / 3.6;
        return grid ? DistanceModel.of(DistanceKind.GRID, metresPerSecond)
                : DistanceModel.of(DistanceKind.HAVERSINE, metresPerSecond / roadFactor);
    }

    /** In words, for the log. */
    public String describe() {
        return (grid ? "street grid" : "great-circle x " + roadFactor) + " at " + speedKmh + " km/h, "
                + binServiceSeconds + " s a bin";
    }
}
