package org.clearway.lab.routing.ortools;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.clearway.routing.model.Depot;
import org.clearway.routing.model.Facility;
import org.clearway.routing.model.Location;
import org.clearway.routing.model.Problem;
import org.clearway.routing.model.Stop;
import org.clearway.routing.model.Vehicle;
import org.clearway.routing.model.VisitKind;

/**
 * The solver's nodes: one per depot, one per stop, then several copies of each facility so that a truck can
 * unload there more than once (OR-Tools visits each node at most once; unused copies are dropped for free).
 */
final class NodeLayout {

    private final List<Location> locations = new ArrayList<>();
    private final List<VisitKind> kinds = new ArrayList<>();
    private final List<String> ids = new ArrayList<>();
    private final List<Long> serviceTimes = new ArrayList<>();
    private final List<Stop> stops = new ArrayList<>();
    private final List<Facility> facilities = new ArrayList<>();
    private final Map<String, Integer> depotNodes = new HashMap<>();
    private final List<Integer> stopNodes = new ArrayList<>();
    private final List<Integer> facilityNodes = new ArrayList<>();

    NodeLayout(Problem problem, List<Stop> orderedStops) {
        for (Depot depot : problem.depots()) {
            depotNodes.put(depot.id(), add(depot.location(), VisitKind.START, depot.id(), 0, null, null));
        }
        for (Stop stop : orderedStops) {
            stopNodes.add(add(stop.location(), VisitKind.STOP, stop.id(), stop.serviceTime(), stop, null));
        }
        for (Facility facility : problem.facilities()) {
            int copies = copiesNeeded(problem, orderedStops, facility);
            for (int c = 0; c < copies; c++) {
                facilityNodes.add(add(facility.location(), VisitKind.UNLOAD, facility.id(), facility.unloadTime(), null, facility));
            }
        }
    }

    private int add(Location location, VisitKind kind, String id, long service, Stop stop, Facility facility) {
        locations.add(location);
        kinds.add(kind);
        ids.add(id);
        serviceTimes.add(service);
        stops.add(stop);
        facilities.add(facility);
        return locations.size() - 1;
    }

    /** One copy per load the facility could take, plus one per truck for a final unload, bounded by the stops. */
    private static int copiesNeeded(Problem problem, List<Stop> stops, Facility facility) {
        Map<String, long[]> perStream = new HashMap<>();
        int accepted = 0;
        for (Stop stop : stops) {
            if (facility.accepts(stop.stream())) {
                long[] sum = perStream.computeIfAbsent(stop.stream(), s -> new long[2]);
                sum[0] += stop.demand().volume();
                sum[1] += stop.demand().weight();
                accepted++;
            }
        }
        if (accepted == 0) {
            return 0;
        }
        long loads = 0;
        for (Map.Entry<String, long[]> entry : perStream.entrySet()) {
            double ratio = 0;
            for (Vehicle vehicle : problem.vehicles()) {
                if (vehicle.accepts(entry.getKey())) {
                    ratio = Math.max(ratio, Math.max(share(entry.getValue()[0], vehicle.capacity().volume()),
                            share(entry.getValue()[1], vehicle.capacity().weight())));
                }
            }
            loads += (long) Math.ceil(ratio) + 1;
        }
        long bound = accepted + problem.vehicles().size();
        return (int) Math.min(bound, loads + problem.vehicles().size());
    }

    private static double share(long demand, long capacity) {
        return capacity <= 0 ? (demand > 0 ? Double.MAX_VALUE / 4 : 0) : (double) demand / capacity;
    }

    int size() {
        return locations.size();
    }

    Location location(int node) {
        return locations.get(node);
    }

    VisitKind kind(int node) {
        return kinds.get(node);
    }

    String id(int node) {
        return ids.get(node);
    }

    long serviceTime(int node) {
        return serviceTimes.get(node);
    }

    /** The stop at this node, or null. */
    Stop stop(int node) {
        return stops.get(node);
    }

    /** The facility at this node, or null. */
    Facility facility(int node) {
        return facilities.get(node);
    }

    int depotNode(String depotId) {
        Integer node = depotNodes.get(depotId);
        if (node == null) {
            throw new IllegalArgumentException("vehicle depot '" + depotId + "' is not among the problem's depots");
        }
        return node;
    }

    List<Integer> stopNodes() {
        return stopNodes;
    }

    List<Integer> facilityNodes() {
        return facilityNodes;
    }
}
