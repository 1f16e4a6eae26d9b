package org.clearway.lab.routing.ortools;

import org.clearway.routing.model.Rounding;
import org.clearway.routing.model.TravelMetric;

/**
 * Integer matrices for OR-Tools. Costs are distances times {@link #costScale()}; times are seconds times
 * {@link #TIME_SCALE}, with each travel time rounded up so that every schedule the solver accepts is also
 * feasible with the real-valued times.
 */
final class ScaledMatrices {

    static final long TIME_SCALE = 100;

    private final long costScale;
    private final long[][] cost;
    private final long[][] time;
    private final long maxArcCost;

    ScaledMatrices(NodeLayout layout, TravelMetric metric) {
        this.costScale = 1000;
        int n = layout.size();
        this.cost = new long[n][n];
        this.time = new long[n][n];
        long max = 0;
        for (int i = 0; i < n; i++) {
            long service = layout.serviceTime(i) * TIME_SCALE;
            for (int j = 0; j < n; j++) {
                if (i == j) {
                    time[i][j] = service;
                    continue;
                }
                double distance = metric.distance(layout.location(i), layout.location(j));
                cost[i][j] = Math.round(distance * costScale);
                if (layout.facility(i) != null && layout.facility(j) != null) {
                    cost[i][j] += 1; // an unload right after an unload: never free (and the model forbids the arc)
                }
                time[i][j] = service + (long) Math.ceil(metric.time(layout.location(i), layout.location(j)) * TIME_SCALE - 1e-7);
                max = Math.max(max, cost[i][j]);
            }
        }
        this.maxArcCost = max;
    }

    long costScale() {
        return costScale;
    }

    long[][] cost() {
        return cost;
    }

    long[][] time() {
        return time;
    }

    long maxArcCost() {
        return maxArcCost;
    }
}
