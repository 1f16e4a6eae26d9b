package org.clearway.routing.lns;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.clearway.routing.model.BreakRule;
import org.clearway.routing.model.Depot;
import org.clearway.routing.model.DistanceKind;
import org.clearway.routing.model.Facility;
import org.clearway.routing.model.Load;
import org.clearway.routing.model.Location;
import org.clearway.routing.model.Problem;
import org.clearway.routing.model.Stop;
import org.clearway.routing.model.TravelMetric;
import org.clearway.routing.model.Vehicle;

/**
 * The whole waste model as arrays, for {@link TripSearch}: any fleet (depots, capacities, streams, shifts, breaks,
 * fixed costs, trucks that end empty), stops of several streams with windows and drop weights, and facilities
 * with streams, opening hours and unload times. Nodes: stops {@code 0..n-1}, facilities {@code n..n+f-1}, depots
 * after them. Distances are kept in one matrix (travel time is distance over speed unless the model gives times).
 */
public final class FleetModel {

    /** Slack on time comparisons, far below the checker's tolerance. */
    static final double EPS = 1e-7;
    /** Nearest stops kept per stop for the ruin. */
    private static final int NEIGHBOURS = 150;

    final int n;
    final int facilityCount;
    final int nodes;
    final double[] distance;
    final double[] times;
    final double speed;
    final long[] volume;
    final long[] weight;
    final int[] stream;
    final double[] service;
    final double[] ready;
    final double[] due;
    final long[] dropWeight;
    /** The truck each stop is pinned to, -1: any. */
    final int[] pinned;
    /** Per facility (index 0..f-1): accepted streams as a bit set, opening, unload time. */
    final long[] facilityStreams;
    final int[][] facilitiesOf;
    final int vehicleCount;
    final int[] depotNode;
    final long[] capVolume;
    final long[] capWeight;
    final long[] vehicleStreams;
    final double[] shiftStart;
    final double[] shiftEnd;
    final double[] breakEarliest;
    final double[] breakLatest;
    final double[] breakDuration;
    final double[] fixedCost;
    final boolean[] endEmpty;
    /** Per truck: what it may collect in its shift across all loads ({@link Long#MAX_VALUE}: no cap), its stop limit. */
    final long[] shiftCapVolume;
    final long[] shiftCapWeight;
    final int[] maxStops;
    final int[][] neighbours;
    /**
     * Distances between every node and every facility, facility-major per node ({@code [node * facilityCount + f]}):
     * the insertion's unload shapes read a node's distances to all facilities in a row, which in the full matrix
     * are a column (one cache miss each).
     */
    private final double[] toFacility;
    private final double[] fromFacility;
    /** Longest arc from a depot or facility to any stop and back: a scale for penalties. */
    final double reach;
    final Stop[] stops;
    final Facility[] facilities;
    final List<Vehicle> vehicles;
    final Depot[] depots;

    private FleetModel(Problem problem, List<Stop> stopList, TravelMetric metric) {
        this.stops = stopList.toArray(Stop[]::new);
        this.facilities = problem.facilities().toArray(Facility[]::new);
        this.vehicles = List.copyOf(problem.vehicles());
        this.depots = problem.depots().toArray(Depot[]::new);
        this.n = stops.length;
        this.facilityCount = facilities.length;
        this.nodes = n + facilityCount + depots.length;
        Map<String, Integer> streams = new HashMap<>();
        Location[] at = new Location[nodes];
        volume = new long[n];
        weight = new long[n];
        stream = new int[n];
        service = new double[nodes];
        ready = new double[nodes];
        due = new double[nodes];
        dropWeight = new long[n];
        for (int i = 0; i < n; i++) {
            Stop s = stops[i];
            at[i] = s.location();
            volume[i] = s.demand().volume();
            weight[i] = s.demand().weight();
            stream[i] = id(streams, s.stream());
            service[i] = s.serviceTime();
            ready[i] = s.window().start();
            due[i] = s.window().end();
            dropWeight[i] = s.dropWeight();
        }
        facilityStreams = new long[facilityCount];
        for (int f = 0; f < facilityCount; f++) {
            Facility fac = facilities[f];
            at[n + f] = fac.location();
            service[n + f] = fac.unloadTime();
            ready[n + f] = fac.opening().start();
            due[n + f] = fac.opening().end();
            facilityStreams[f] = fac.streams().isEmpty() ? -1L : mask(streams, fac.streams());
        }
        pinned = new int[n];
        for (int i = 0; i < n; i++) {
            String truck = stops[i].vehicle();
            pinned[i] = -1;
            for (int v = 0; truck != null && v < problem.vehicles().size(); v++) {
                if (problem.vehicles().get(v).id().equals(truck)) {
                    pinned[i] = v;
                }
            }
        }
        Map<String, Integer> depotIndex = new HashMap<>();
        for (int d = 0; d < depots.length; d++) {
            at[n + facilityCount + d] = depots[d].location();
            depotIndex.put(depots[d].id(), n + facilityCount + d);
        }
        int streamCount = streams.size();
        facilitiesOf = new int[streamCount][];
        for (int s = 0; s < streamCount; s++) {
            List<Integer> taking = new ArrayList<>();
            for (int f = 0; f < facilityCount; f++) {
                if ((facilityStreams[f] & (1L << s)) != 0) {
                    taking.add(f);
                }
            }
            facilitiesOf[s] = taking.stream().mapToInt(Integer::intValue).toArray();
        }
        vehicleCount = vehicles.size();
        depotNode = new int[vehicleCount];
        capVolume = new long[vehicleCount];
        capWeight = new long[vehicleCount];
        vehicleStreams = new long[vehicleCount];
        shiftStart = new double[vehicleCount];
        shiftEnd = new double[vehicleCount];
        breakEarliest = new double[vehicleCount];
        breakLatest = new double[vehicleCount];
        breakDuration = new double[vehicleCount];
        fixedCost = new double[vehicleCount];
        endEmpty = new boolean[vehicleCount];
        shiftCapVolume = new long[vehicleCount];
        shiftCapWeight = new long[vehicleCount];
        maxStops = new int[vehicleCount];
        for (int v = 0; v < vehicleCount; v++) {
            Vehicle truck = vehicles.get(v);
            depotNode[v] = depotIndex.get(truck.depotId());
            capVolume[v] = truck.capacity().volume();
            capWeight[v] = truck.capacity().weight();
            vehicleStreams[v] = truck.streams().isEmpty() ? -1L : mask(streams, truck.streams());
            shiftStart[v] = truck.shiftStart();
            shiftEnd[v] = truck.shiftEnd();
            BreakRule rule = truck.breakRule();
            breakEarliest[v] = rule == null ? 0 : rule.earliestStart();
            breakLatest[v] = rule == null ? Double.MAX_VALUE : rule.latestStart();
            breakDuration[v] = rule == null ? -1 : rule.duration();
            fixedCost[v] = truck.fixedCost();
            endEmpty[v] = truck.endEmpty();
            Load cap = truck.shiftCap();
            shiftCapVolume[v] = cap == null ? Vehicle.NO_CAP : cap.volume();
            shiftCapWeight[v] = cap == null ? Vehicle.NO_CAP : cap.weight();
            maxStops[v] = truck.maxStops() == 0 ? Integer.MAX_VALUE : truck.maxStops();
        }
        distance = new double[nodes * nodes];
        boolean ownTimes = metric.model().kind() == DistanceKind.MATRIX && metric.model().times() != null;
        times = ownTimes ? new double[nodes * nodes] : null;
        speed = metric.model().speed();
        for (int i = 0; i < nodes; i++) {
            for (int j = 0; j < nodes; j++) {
                if (i != j) {
                    distance[i * nodes + j] = metric.distance(at[i], at[j]);
                    if (ownTimes) {
                        times[i * nodes + j] = metric.time(at[i], at[j]);
                    }
                }
            }
        }
        double far = 0;
        for (int i = n; i < nodes; i++) {
            for (int j = 0; j < n; j++) {
                far = Math.max(far, distance[i * nodes + j] + distance[j * nodes + i]);
            }
        }
        this.reach = far;
        this.neighbours = nearest();
        this.toFacility = new double[nodes * facilityCount];
        this.fromFacility = new double[nodes * facilityCount];
        for (int i = 0; i < nodes; i++) {
            for (int f = 0; f < facilityCount; f++) {
                toFacility[i * facilityCount + f] = distance[i * nodes + n + f];
                fromFacility[i * facilityCount + f] = distance[(n + f) * nodes + i];
            }
        }
    }

    /** Distance from {@code from} to facility {@code f} (an index into the facilities, not a node) and on to {@code to}. */
    double via(int from, int f, int to) {
        return toFacility[from * facilityCount + f] + fromFacility[to * facilityCount + f];
    }

    /** The model of a problem restricted to the given stops (each must fit some truck). */
    public static FleetModel of(Problem problem, List<Stop> stops, TravelMetric metric) {
        return new FleetModel(problem, stops, metric);
    }

    public int size() {
        return n;
    }

    double dist(int from, int to) {
        return distance[from * nodes + to];
    }

    double travel(int from, int to) {
        return times != null ? times[from * nodes + to] : distance[from * nodes + to] / speed;
    }

    boolean hasBreak(int v) {
        return breakDuration[v] >= 0;
    }

    boolean facilityTakes(int facility, int s) {
        return (facilityStreams[facility] & (1L << s)) != 0;
    }

    /**
     * Whether the truck may take the stop at all: the stop is not pinned to another truck, its stream, a load that fits
     * (and its shift cap), and a facility if it must unload.
     */
    boolean truckTakes(int v, int stop) {
        return (pinned[stop] < 0 || pinned[stop] == v) && (vehicleStreams[v] & (1L << stream[stop])) != 0 && volume[stop] <= capVolume[v]
                && weight[stop] <= capWeight[v] && volume[stop] <= shiftCapVolume[v] && weight[stop] <= shiftCapWeight[v]
                && (!endEmpty[v] || facilitiesOf[stream[stop]].length > 0);
    }

    /** Whether a route that has collected {@code vol} and {@code wt} at {@code count} stops may take the stop too. */
    boolean shiftRoom(int v, long vol, long wt, int count, int stop) {
        return count < maxStops[v] && vol + volume[stop] <= shiftCapVolume[v] && wt + weight[stop] <= shiftCapWeight[v];
    }

    /** Nearest stops of each stop, itself first: keys of float distance bits and index, sorted as longs. */
    private int[][] nearest() {
        int[][] out = new int[n][];
        int keep = Math.min(n, NEIGHBOURS);
        long[] keys = new long[n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                float d = j == i ? 0f : (float) Math.max(0, dist(i, j));
                keys[j] = ((long) Float.floatToIntBits(d) << 32) | (j == i ? 0 : 1L << 31) | j;
            }
            Arrays.sort(keys);
            out[i] = new int[keep];
            for (int k = 0; k < keep; k++) {
                out[i][k] = (int) (keys[k] & 0x7fffffffL);
            }
        }
        return out;
    }

    private static int id(Map<String, Integer> streams, String name) {
        Integer known = streams.get(name);
        if (known != null) {
            return known;
        }
        if (streams.size() == 63) {
            throw new IllegalArgumentException("more than 63 waste streams in one problem");
        }
        streams.put(name, streams.size());
        return streams.size() - 1;
    }

    private static long mask(Map<String, Integer> streams, Iterable<String> names) {
        long bits = 0;
        for (String name : names) {
            bits |= 1L << id(streams, name);
        }
        return bits;
    }
}
