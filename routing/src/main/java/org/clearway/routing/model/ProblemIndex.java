package org.clearway.routing.model;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/** Lookups by id over a {@link Problem}; also checks that ids are unique. */
public final class ProblemIndex {

    private final Problem problem;
    private final Map<String, Depot> depots;
    private final Map<String, Facility> facilities;
    private final Map<String, Vehicle> vehicles;
    private final Map<String, Stop> stops;
    private final TravelMetric metric;

    public ProblemIndex(Problem problem) {
        this.problem = problem;
        this.depots = byId(problem.depots(), Depot::id, "depot");
        this.facilities = byId(problem.facilities(), Facility::id, "facility");
        this.vehicles = byId(problem.vehicles(), Vehicle::id, "vehicle");
        this.stops = byId(problem.stops(), Stop::id, "stop");
        this.metric = new TravelMetric(problem.distanceModel());
    }

    public Problem problem() {
        return problem;
    }

    public TravelMetric metric() {
        return metric;
    }

    public Depot depot(String id) {
        return depots.get(id);
    }

    public Facility facility(String id) {
        return facilities.get(id);
    }

    public Vehicle vehicle(String id) {
        return vehicles.get(id);
    }

    public Stop stop(String id) {
        return stops.get(id);
    }

    private static <T> Map<String, T> byId(Iterable<T> items, Function<T, String> id, String what) {
        Map<String, T> map = new LinkedHashMap<>();
        for (T item : items) {
            String key = id.apply(item);
            if (key == null || key.isBlank()) {
                throw new IllegalArgumentException("every " + what + " needs a non-empty id");
            }
            if (map.put(key, item) != null) {
                throw new IllegalArgumentException("duplicate " + what + " id '" + key + "': give each " + what + " its own id");
            }
        }
        return map;
    }
}
