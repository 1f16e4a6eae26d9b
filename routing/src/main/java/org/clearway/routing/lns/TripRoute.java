package org.clearway.routing.lns;

import java.util.Arrays;

/**
 * One truck's day in a {@link FleetModel}: START, stops and unloads, END, with caches that make an insertion's
 * checks cheap. Loads: per trip (the stops between two unloads) its volume, weight, stream and closing visit, and
 * per stop the trip's load up to it, so capacity, stream and "every unload empties a load" are checked in constant
 * time. Schedule: the earliest service start of every visit and whether the break was taken before it; a changed
 * sequence is re-timed from the change on and stops early once it meets the cached schedule again.
 *
 * <p>The break follows one rule, everywhere the same: it is taken in the first gap where the truck would arrive
 * after its earliest start, or where skipping it would leave the next departure after its latest start; else after
 * the route ends. It starts as early as that gap allows and never interrupts a service.
 */
final class TripRoute {

    final FleetModel p;
    final int v;
    /** Node of each visit: index 0 is START and the last is END (the depot's node). */
    int[] nodes;
    int length;
    double[] start;
    /**
     * The latest service start of each visit that keeps every later visit and the shift end on time with the break
     * where it is (a delay that moves the break into an earlier gap with waiting time may still fit: the filter that
     * uses it is a heuristic there).
     */
    double[] latest;
    boolean[] breakBefore;
    int[] tripOf;
    long[] cumVolume;
    long[] cumWeight;
    long[] tripVolume;
    long[] tripWeight;
    int[] tripStream;
    int[] tripClose;
    int trips;
    int stops;
    /** What the truck collects in the whole shift, across its loads (for the shift cap). */
    long shiftVolume;
    long shiftWeight;
    double distance;
    /** When the break starts (NaN: no break rule or no stops). */
    double breakStart;

    TripRoute(FleetModel p, int v) {
        this.p = p;
        this.v = v;
        this.nodes = new int[]{p.depotNode[v], p.depotNode[v]};
        this.length = 2;
        allocate(8);
        refresh();
    }

    private TripRoute(TripRoute other) {
        this.p = other.p;
        this.v = other.v;
        this.nodes = other.nodes.clone();
        this.length = other.length;
        this.start = other.start.clone();
        this.latest = other.latest.clone();
        this.breakBefore = other.breakBefore.clone();
        this.tripOf = other.tripOf.clone();
        this.cumVolume = other.cumVolume.clone();
        this.cumWeight = other.cumWeight.clone();
        this.tripVolume = other.tripVolume.clone();
        this.tripWeight = other.tripWeight.clone();
        this.tripStream = other.tripStream.clone();
        this.tripClose = other.tripClose.clone();
        this.trips = other.trips;
        this.stops = other.stops;
        this.shiftVolume = other.shiftVolume;
        this.shiftWeight = other.shiftWeight;
        this.distance = other.distance;
        this.breakStart = other.breakStart;
    }

    TripRoute copy() {
        return new TripRoute(this);
    }

    boolean isStop(int node) {
        return node < p.n;
    }

    boolean isFacility(int node) {
        return node >= p.n && node < p.n + p.facilityCount;
    }

    /** Cost of the route: distance plus the truck's fixed cost when it serves anything. */
    double cost() {
        return stops == 0 ? 0 : distance + p.fixedCost[v];
    }

    private void allocate(int capacity) {
        start = new double[capacity];
        latest = new double[capacity];
        breakBefore = new boolean[capacity];
        tripOf = new int[capacity];
        cumVolume = new long[capacity];
        cumWeight = new long[capacity];
        tripVolume = new long[capacity];
        tripWeight = new long[capacity];
        tripStream = new int[capacity];
        tripClose = new int[capacity];
    }

    /**
     * Replaces {@code removed} visits from index {@code gap} on with {@code inserted[0..count)} and refreshes the
     * caches; false when the new schedule breaks a window, the shift or the break (the caller then undoes).
     */
    boolean apply(int gap, int removed, int[] inserted, int count) {
        int newLength = length - removed + count;
        int[] next = new int[Math.max(newLength, 8)];
        System.arraycopy(nodes, 0, next, 0, gap);
        System.arraycopy(inserted, 0, next, gap, count);
        System.arraycopy(nodes, gap + removed, next, gap + count, length - gap - removed);
        nodes = next;
        length = newLength;
        if (start.length < newLength) {
            allocate(newLength * 2);
        }
        return refresh();
    }

    /** Recomputes loads, trips, distance and the schedule; false when the schedule is infeasible. */
    boolean refresh() {
        trips = 0;
        stops = 0;
        shiftVolume = 0;
        shiftWeight = 0;
        distance = 0;
        long vol = 0;
        long wt = 0;
        int str = -1;
        for (int i = 1; i < length; i++) {
            int node = nodes[i];
            distance += p.dist(nodes[i - 1], node);
            tripOf[i] = trips;
            if (isStop(node)) {
                stops++;
                shiftVolume += p.volume[node];
                shiftWeight += p.weight[node];
                vol += p.volume[node];
                wt += p.weight[node];
                str = p.stream[node];
                cumVolume[i] = vol;
                cumWeight[i] = wt;
            } else {
                tripVolume[trips] = vol;
                tripWeight[trips] = wt;
                tripStream[trips] = str;
                tripClose[trips] = i;
                trips++;
                vol = 0;
                wt = 0;
                str = -1;
            }
        }
        return schedule();
    }

    private boolean schedule() {
        breakStart = Double.NaN;
        start[0] = p.shiftStart[v];
        boolean taken = !p.hasBreak(v);
        breakBefore[0] = false;
        for (int i = 1; i < length; i++) {
            double at = step(nodes[i - 1], start[i - 1], nodes[i], taken);
            if (Double.isNaN(at)) {
                return false;
            }
            if (!taken && stepTookBreak) {
                taken = true;
                breakStart = stepBreak;
            }
            start[i] = at;
            breakBefore[i] = taken && p.hasBreak(v);
        }
        if (!taken && stops > 0) {
            double after = Math.max(start[length - 1], p.breakEarliest[v]);
            if (after > p.breakLatest[v] + FleetModel.EPS) {
                return false;
            }
            breakStart = after;
        }
        latest[length - 1] = p.shiftEnd[v];
        for (int i = length - 2; i >= 0; i--) {
            int node = nodes[i];
            int next = nodes[i + 1];
            double pause = p.hasBreak(v) && breakBefore[i + 1] && !breakBefore[i] ? p.breakDuration[v] : 0;
            double due = i == 0 ? p.shiftEnd[v] : p.due[node];
            latest[i] = Math.min(due, latest[i + 1] - pause - p.travel(node, next) - p.service[node]);
        }
        return true;
    }

    /**
     * A quick test before {@link #timeFeasible}: false when inserting {@code inserted[0..count)} at {@code gap} makes
     * the route late (a visit of it misses its window, or the visit after it starts past its {@link #latest} start
     * with the break still on the same side; see there for the one case where that is a guess); true when the full
     * re-timing is needed to tell.
     */
    boolean mayFit(int gap, int[] inserted, int count) {
        int prev = nodes[gap - 1];
        double at = start[gap - 1];
        boolean taken = !p.hasBreak(v) || breakBefore[gap - 1];
        for (int k = 0; k < count; k++) {
            at = step(prev, at, inserted[k], taken);
            if (Double.isNaN(at)) {
                return false;
            }
            taken |= stepTookBreak;
            prev = inserted[k];
        }
        at = step(prev, at, nodes[gap], taken);
        if (Double.isNaN(at)) {
            return false;
        }
        taken |= stepTookBreak;
        return at <= latest[gap] + FleetModel.EPS || p.hasBreak(v) && taken != breakBefore[gap];
    }

    private boolean stepTookBreak;
    private double stepBreak;

    /**
     * Service start at {@code next} after serving {@code prev} from {@code prevStart}, taking the break on the way
     * by the class's rule when it is not yet taken; NaN when a window, the shift or the break cannot be kept.
     */
    private double step(int prev, double prevStart, int next, boolean taken) {
        stepTookBreak = false;
        double depart = prevStart + p.service[prev];
        double travel = p.travel(prev, next);
        double arrive = depart + travel;
        boolean end = next >= p.n + p.facilityCount;
        double open = end ? 0 : p.ready[next];
        if (!taken) {
            double earliest = p.breakEarliest[v];
            double latest = p.breakLatest[v];
            double at = Math.max(depart, earliest);
            if (at > latest + FleetModel.EPS) {
                return Double.NaN;
            }
            double nextDepart = Math.max(arrive, open) + (end ? 0 : p.service[next]);
            if (arrive >= earliest || nextDepart > latest) {
                stepTookBreak = true;
                stepBreak = at;
                arrive = Math.max(at + p.breakDuration[v], arrive + p.breakDuration[v]);
            }
        }
        double begin = Math.max(arrive, open);
        double close = end ? p.shiftEnd[v] : p.due[next];
        return begin > close + FleetModel.EPS ? Double.NaN : begin;
    }

    /**
     * Whether the route stays on time with {@code removed} visits from index {@code gap} on replaced by
     * {@code inserted[0..count)}; re-times from the change and stops once the cached schedule is met again.
     */
    boolean timeFeasible(int gap, int removed, int[] inserted, int count) {
        int prev = nodes[gap - 1];
        double at = start[gap - 1];
        boolean taken = !p.hasBreak(v) || breakBefore[gap - 1];
        int virtualStops = stops;
        for (int k = 0; k < count; k++) {
            at = step(prev, at, inserted[k], taken);
            if (Double.isNaN(at)) {
                return false;
            }
            taken |= stepTookBreak;
            prev = inserted[k];
            virtualStops += isStop(prev) ? 1 : 0;
        }
        for (int i = gap + removed; i < length; i++) {
            at = step(prev, at, nodes[i], taken);
            if (Double.isNaN(at)) {
                return false;
            }
            taken |= stepTookBreak;
            if (at == start[i] && (taken == breakBefore[i] || !p.hasBreak(v)) && i < length - 1) {
                return true;
            }
            prev = nodes[i];
        }
        if (!taken && virtualStops > 0) {
            return Math.max(at, p.breakEarliest[v]) <= p.breakLatest[v] + FleetModel.EPS;
        }
        return true;
    }

    /** Stop nodes in route order. */
    int[] stopNodes() {
        int[] out = new int[stops];
        int k = 0;
        for (int i = 1; i < length - 1; i++) {
            if (isStop(nodes[i])) {
                out[k++] = nodes[i];
            }
        }
        return out;
    }

    /**
     * Removes the given stops and every unload left with nothing to empty (right after START or another unload);
     * false when the shorter route is not on time (the caller then takes the route's remaining stops out too).
     */
    boolean removeStops(boolean[] gone) {
        int[] kept = new int[length];
        int count = 0;
        boolean loaded = false;
        for (int i = 0; i < length; i++) {
            int node = nodes[i];
            if (i > 0 && i < length - 1 && isStop(node) && gone[node]) {
                continue;
            }
            if (isFacility(node) && !loaded) {
                continue;
            }
            loaded = isStop(node) || (loaded && !isFacility(node));
            kept[count++] = node;
        }
        nodes = Arrays.copyOf(kept, Math.max(count, 8));
        length = count;
        return refresh();
    }
}
