package org.clearway.lab.policy;

import java.util.List;
import java.util.Map;

/**
 * One shift day's routes, over all districts and streams.
 *
 * @param collections  the bins the routes empty and when, ordered by time then bin
 * @param metres       length of all routes (depot, bins, facility, depot)
 * @param truckDays    trucks that left the depot
 * @param unplanned    bins the routes could not fit
 * @param plans        planner runs (one per district and stream with bins)
 * @param cappedPlans  runs stopped by the time cap before their local optimum (these make the run irreproducible)
 * @param byStream     kilometres and trucks per stream code (collections and overflow are counted by the simulation)
 */
public record DayPlan(List<PlannedCollection> collections, double metres, int truckDays, List<Integer> unplanned,
                      int plans, int cappedPlans, Map<String, StreamFigures> byStream) {

    public DayPlan {
        collections = List.copyOf(collections);
        unplanned = List.copyOf(unplanned);
        byStream = Map.copyOf(byStream);
    }

    /** A day's plan without its figures per stream. */
    public DayPlan(List<PlannedCollection> collections, double metres, int truckDays, List<Integer> unplanned,
                   int plans, int cappedPlans) {
        this(collections, metres, truckDays, unplanned, plans, cappedPlans, Map.of());
    }
}
