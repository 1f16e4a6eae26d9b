package org.clearway.routing.lns;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;

import org.clearway.routing.model.Depot;
import org.clearway.routing.model.Location;
import org.clearway.routing.model.Problem;
import org.clearway.routing.model.Route;
import org.clearway.routing.model.RouteBuilder;
import org.clearway.routing.model.Stop;
import org.clearway.routing.model.TimeWindow;
import org.clearway.routing.model.TravelMetric;
import org.clearway.routing.model.Vehicle;
import org.clearway.routing.model.Visit;
import org.clearway.routing.model.VisitKind;

/**
 * A problem in the shape that {@link RuinRecreateSearch} handles, as plain arrays: one depot, identical trucks
 * (capacity, shift, fixed cost, shift cap and stop limit, no break, no final unload), one waste stream, no
 * facilities; stops may have time
 * windows. Node 0 is the depot, nodes 1..n the stops. {@link #of} says whether a problem has that shape.
 */
public final class CompactProblem {

    /** Slack on time comparisons, far below the checker's tolerance. */
    static final double EPS = 1e-7;

    final int n;
    final double[][] distance;
    final double[][] travel;
    final long[] volume;
    final long[] weight;
    final double[] service;
    final double[] ready;
    final double[] due;
    final long capacityVolume;
    final long capacityWeight;
    /** The most stops a tour may hold, 0 for no limit. */
    final int maxStops;
    final double open;
    final double close;
    final boolean timed;
    /** Whether {@code distance[i][j] == distance[j][i]} for all nodes (2-opt reverses sections only then). */
    final boolean symmetric;
    final int maxTours;
    final double fixedCost;
    final int[][] neighbours;
    final Stop[] stops;
    final Depot depot;
    final List<Vehicle> vehicles;

    private CompactProblem(Depot depot, List<Vehicle> vehicles, List<Stop> stopList, TravelMetric metric) {
        this.depot = depot;
        this.vehicles = List.copyOf(vehicles);
        this.n = stopList.size();
        this.stops = stopList.toArray(Stop[]::new);
        Vehicle truck = vehicles.get(0);
        Location[] locations = new Location[n + 1];
        locations[0] = depot.location();
        volume = new long[n + 1];
        weight = new long[n + 1];
        service = new double[n + 1];
        ready = new double[n + 1];
        due = new double[n + 1];
        open = truck.shiftStart();
        close = truck.shiftEnd();
        ready[0] = open;
        due[0] = close;
        boolean windows = false;
        for (int i = 1; i <= n; i++) {
            Stop stop = stops[i - 1];
            locations[i] = stop.location();
            volume[i] = stop.demand().volume();
            weight[i] = stop.demand().weight();
            service[i] = stop.serviceTime();
            ready[i] = stop.window().start();
            due[i] = stop.window().end();
            windows |= !stop.window().equals(TimeWindow.ALWAYS);
        }
        distance = new double[n + 1][n + 1];
        travel = new double[n + 1][n + 1];
        double longest = 0;
        for (int i = 0; i <= n; i++) {
            double out = 0;
            for (int j = 0; j <= n; j++) {
                if (i != j) {
                    distance[i][j] = metric.distance(locations[i], locations[j]);
                    travel[i][j] = metric.time(locations[i], locations[j]);
                    out = Math.max(out, travel[i][j]);
                }
            }
            longest += out + service[i];
        }
        boolean same = true;
        for (int i = 0; i <= n && same; i++) {
            for (int j = 0; j < i && same; j++) {
                same = distance[i][j] == distance[j][i];
            }
        }
        this.symmetric = same;
        // Without windows the shift binds only if a route through every stop could outlast it.
        this.timed = windows || longest > close - open;
        // A tour is one load (no facilities), so the shift cap, across all loads, binds it like a capacity.
        this.capacityVolume = Math.min(truck.capacity().volume(), truck.shiftCap() == null ? Long.MAX_VALUE : truck.shiftCap().volume());
        this.capacityWeight = Math.min(truck.capacity().weight(), truck.shiftCap() == null ? Long.MAX_VALUE : truck.shiftCap().weight());
        this.maxStops = truck.maxStops();
        this.maxTours = vehicles.size();
        this.fixedCost = truck.fixedCost();
        this.neighbours = new int[n + 1][];
        for (int i = 1; i <= n; i++) {
            neighbours[i] = nearestFirst(i);
        }
    }

    /**
     * Customers 1..n by distance from {@code from}, itself first, ties in index order: a stable merge sort on
     * primitive arrays (boxing every index made building the lists take seconds at 1,000 customers on a loaded
     * machine).
     */
    private int[] nearestFirst(int from) {
        int[] order = IntStream.rangeClosed(1, n).toArray();
        double[] key = new double[n + 1];
        for (int j = 1; j <= n; j++) {
            key[j] = j == from ? -1 : distance[from][j];
        }
        int[] buffer = new int[n];
        for (int width = 1; width < n; width *= 2) {
            for (int lo = 0; lo < n - width; lo += 2 * width) {
                int mid = lo + width;
                int hi = Math.min(lo + 2 * width, n);
                int a = lo;
                int b = mid;
                int k = lo;
                while (a < mid && b < hi) {
                    buffer[k++] = key[order[b]] < key[order[a]] ? order[b++] : order[a++];
                }
                while (a < mid) {
                    buffer[k++] = order[a++];
                }
                while (b < hi) {
                    buffer[k++] = order[b++];
                }
                System.arraycopy(buffer, lo, order, lo, hi - lo);
            }
        }
        return order;
    }

    /**
     * The compact form of a problem restricted to the given stops, or empty when the problem has a feature that
     * the ruin-and-recreate search does not model (facilities, breaks, mixed trucks, several streams or depots).
     */
    public static Optional<CompactProblem> of(Problem problem, List<Stop> stops, TravelMetric metric) {
        if (stops.isEmpty() || problem.vehicles().isEmpty() || !problem.facilities().isEmpty()) {
            return Optional.empty();
        }
        Vehicle first = problem.vehicles().get(0);
        String stream = stops.get(0).stream();
        for (Vehicle v : problem.vehicles()) {
            boolean same = v.depotId().equals(first.depotId()) && v.capacity().equals(first.capacity())
                    && v.shiftStart() == first.shiftStart() && v.shiftEnd() == first.shiftEnd()
                    && v.fixedCost() == first.fixedCost() && java.util.Objects.equals(v.shiftCap(), first.shiftCap())
                    && v.maxStops() == first.maxStops();
            if (!same || v.breakRule() != null || v.endEmpty() || !v.accepts(stream)) {
                return Optional.empty();
            }
        }
        for (Stop stop : stops) {
            if (!stop.stream().equals(stream) || !stop.demand().fitsIn(first.capacity()) || !first.withinShiftCap(stop.demand())
                    || stop.vehicle() != null) {
                return Optional.empty();
            }
        }
        Depot depot = problem.depots().stream().filter(d -> d.id().equals(first.depotId())).findFirst().orElse(null);
        if (depot == null) {
            return Optional.empty();
        }
        return Optional.of(new CompactProblem(depot, problem.vehicles(), stops, metric));
    }

    /** Number of stops. */
    public int size() {
        return n;
    }

    /** Fewest tours that capacity (and the stop limit) allows: a lower bound for the fleet minimisation. */
    int capacityBound() {
        long v = Arrays.stream(volume).sum();
        long w = Arrays.stream(weight).sum();
        double tours = Math.max(capacityVolume > 0 ? (double) v / capacityVolume : 0,
                capacityWeight > 0 ? (double) w / capacityWeight : 0);
        if (maxStops > 0) {
            tours = Math.max(tours, (double) n / maxStops);
        }
        return Math.max(1, (int) Math.ceil(tours - 1e-9));
    }

    /** Routes for the tours (stop indices), on the first trucks of the fleet, with the earliest schedule. */
    public List<Route> routes(List<int[]> tours, RouteBuilder builder) {
        List<Route> routes = new ArrayList<>();
        for (int t = 0; t < tours.size(); t++) {
            int[] tour = tours.get(t);
            List<Visit> sequence = new ArrayList<>(tour.length + 2);
            double[] starts = new double[tour.length + 2];
            sequence.add(Visit.ref(VisitKind.START, depot.id()));
            starts[0] = open;
            int prev = 0;
            double leave = open;
            for (int i = 0; i < tour.length; i++) {
                int node = tour[i] + 1;
                sequence.add(Visit.ref(VisitKind.STOP, stops[tour[i]].id()));
                starts[i + 1] = Math.max(ready[node], leave + travel[prev][node]);
                leave = starts[i + 1] + service[node];
                prev = node;
            }
            sequence.add(Visit.ref(VisitKind.END, depot.id()));
            starts[tour.length + 1] = leave + travel[prev][0];
            routes.add(builder.build(vehicles.get(t), sequence, starts, null));
        }
        return routes;
    }

    /** Whether the customer fits a tour of this load and stop count: capacity, shift cap and stop limit. */
    boolean fits(long loadVolume, long loadWeight, int stopCount, int customer) {
        return holds(loadVolume + volume[customer], loadWeight + weight[customer], stopCount + 1);
    }

    /** Whether a tour of this load and stop count keeps capacity, shift cap and stop limit. */
    boolean holds(long tourVolume, long tourWeight, int stopCount) {
        return tourVolume <= capacityVolume && tourWeight <= capacityWeight && (maxStops == 0 || stopCount <= maxStops);
    }
}
