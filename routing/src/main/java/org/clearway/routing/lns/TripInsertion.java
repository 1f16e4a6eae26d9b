package org.clearway.routing.lns;

import java.util.Arrays;
import java.util.random.RandomGenerator;

/**
 * Cheapest insertion of one stop into a {@link TripPlan}, together with the unload it may need: at every gap of
 * every route of a truck that may take the stop, three shapes are tried: the stop alone (its trip keeps room and
 * stream), the stop then an unload (the stop closes the trip before the gap), and an unload then the stop (the
 * trip before the gap is closed and the stop opens a new one), the unload at the two facilities taking the stream
 * with the shortest way through them (the second in case the first is closed then).
 * This is the move that OR-Tools, which inserts one node at a time, cannot make: a full trip, or a truck that must
 * end empty, takes a stop only together with an unload. Candidates are costed by distance first (constant time
 * each, with the route's load caches) and then re-timed in order of cost until one is on time; each is skipped
 * with a small "blink" probability, as in SISR.
 */
final class TripInsertion {

    /** Chance to skip a feasible candidate while reinserting (SISR's blinks). */
    private static final double BLINK = 0.01;
    private static final int ALONE = 0;
    private static final int THEN_UNLOAD = 1;
    private static final int UNLOAD_THEN = 2;
    /** Nearest stops whose routes are tried first. */
    private static final int NEAR_STOPS = 30;
    /** Fleets larger than this try the routes near the stop first. */
    private static final int NEAR_ROUTES_FROM = 8;

    /**
     * Granular gaps: in a route of more than {@link #GRANULAR_FROM} visits, the first pass tries only the gaps next to
     * one of the stop's this many nearest stops, a depot or a facility; the cheapest insertion is almost always
     * there, and trying every gap of five 150-stop routes with two unload shapes through 19 facilities each made an
     * iteration on kim804 take milliseconds. When no such gap takes the stop, every gap is tried.
     */
    private static final int NEAR_GAP_STOPS = 30;
    private static final int GRANULAR_FROM = 4 * NEAR_GAP_STOPS;

    private final FleetModel p;
    private final RandomGenerator random;
    private final int[] mark;
    private int stamp;
    private boolean granular;
    private boolean skippedGaps;
    private double[] cost = new double[1024];
    private int[] route = new int[1024];
    private int[] gap = new int[1024];
    private int[] shape = new int[1024];
    private int[] facility = new int[1024];
    private int count;
    private final int[] sequence = new int[2];

    TripInsertion(FleetModel p, RandomGenerator random) {
        this.p = p;
        this.random = random;
        this.mark = new int[p.n];
    }

    /**
     * Inserts the stop at its cheapest feasible place; false when there is none (the caller leaves it out). With
     * {@code routeOf} (each stop's route, -1 when out; kept up to date here), the routes serving one of the stop's
     * nearest stops and the idle trucks are tried first, the other routes only when none of those can take it.
     */
    boolean insert(TripPlan plan, int stop, boolean blinks, int[] routeOf) {
        boolean[] near = null;
        if (routeOf != null && plan.routes.length > NEAR_ROUTES_FROM) {
            near = new boolean[plan.routes.length];
            int[] around = p.neighbours[stop];
            for (int k = 0; k < Math.min(NEAR_STOPS, around.length); k++) {
                int r = routeOf[around[k]];
                if (r >= 0) {
                    near[r] = true;
                }
            }
            for (int r = 0; r < plan.routes.length; r++) {
                near[r] |= plan.routes[r].stops == 0;
            }
        }
        markNear(stop);
        granular = true;
        int placed = place(plan, stop, blinks, near, true);
        granular = false;
        if (placed < 0 && skippedGaps) {
            placed = place(plan, stop, blinks, near, true);
        }
        if (placed < 0 && near != null) {
            placed = place(plan, stop, blinks, near, false);
        }
        if (placed >= 0 && routeOf != null) {
            routeOf[stop] = placed;
        }
        return placed >= 0;
    }

    /** Marks the stop's {@link #NEAR_GAP_STOPS} nearest stops: the ends of the gaps tried first in long routes. */
    private void markNear(int stop) {
        stamp++;
        int[] around = p.neighbours[stop];
        for (int k = 0; k < Math.min(NEAR_GAP_STOPS + 1, around.length); k++) {
            mark[around[k]] = stamp;
        }
        skippedGaps = false;
    }

    /** Cheapest feasible insertion into the routes whose {@code among} flag equals {@code flag} (all: null); its route or -1. */
    private int place(TripPlan plan, int stop, boolean blinks, boolean[] among, boolean flag) {
        count = 0;
        for (int r = 0; r < plan.routes.length; r++) {
            TripRoute candidate = plan.routes[r];
            if (among != null && among[r] != flag || !p.truckTakes(candidate.v, stop)
                    || !p.shiftRoom(candidate.v, candidate.shiftVolume, candidate.shiftWeight, candidate.stops, stop)) {
                continue;
            }
            collect(candidate, r, stop);
        }
        if (count == 0) {
            return -1;
        }
        boolean sorted = false;
        long[] order = null;
        boolean[] tried = new boolean[count];
        int next = 0;
        for (int k = 0; k < count; k++) {
            int best;
            if (k < 8) {
                best = -1;
                for (int c = 0; c < count; c++) {
                    if (!tried[c] && (best < 0 || cost[c] < cost[best])) {
                        best = c;
                    }
                }
            } else {
                if (!sorted) {
                    order = new long[count];
                    for (int c = 0; c < count; c++) {
                        int bits = Float.floatToIntBits((float) cost[c]);
                        bits ^= (bits >> 31) & 0x7fffffff;
                        order[c] = ((long) bits << 32) | c;
                    }
                    Arrays.sort(order);
                    sorted = true;
                }
                best = -1;
                while (next < count && tried[(int) order[next]]) {
                    next++;
                }
                best = (int) order[next];
            }
            tried[best] = true;
            TripRoute target = plan.routes[route[best]];
            int length = shape(best, stop);
            if (!target.mayFit(gap[best], sequence, length) || !target.timeFeasible(gap[best], 0, sequence, length)) {
                continue;
            }
            if (blinks && random.nextDouble() < BLINK && k + 1 < count) {
                continue;
            }
            if (target.apply(gap[best], 0, sequence, length)) {
                return route[best];
            }
            // Never expected (the re-timing and the refresh follow one rule); undo rather than keep a late route.
            target.apply(gap[best], length, sequence, 0);
        }
        return -1;
    }

    private int shape(int c, int stop) {
        switch (shape[c]) {
            case THEN_UNLOAD -> {
                sequence[0] = stop;
                sequence[1] = p.n + facility[c];
                return 2;
            }
            case UNLOAD_THEN -> {
                sequence[0] = p.n + facility[c];
                sequence[1] = stop;
                return 2;
            }
            default -> {
                sequence[0] = stop;
                return 1;
            }
        }
    }

    /** Every structurally valid way to put the stop into the route, with its extra cost. */
    private void collect(TripRoute r, int index, int stop) {
        int v = r.v;
        int s = p.stream[stop];
        long dv = p.volume[stop];
        long dw = p.weight[stop];
        double opening = r.stops == 0 ? p.fixedCost[v] : 0;
        int[] unloadsForStop = p.facilitiesOf[s];
        boolean onlyNear = granular && r.length > GRANULAR_FROM;
        for (int g = 1; g < r.length; g++) {
            int a = r.nodes[g - 1];
            int b = r.nodes[g];
            if (onlyNear && r.isStop(a) && r.isStop(b) && mark[a] != stamp && mark[b] != stamp) {
                skippedGaps = true;
                continue;
            }
            int trip = r.tripOf[g];
            boolean prefixHas = r.isStop(a);
            boolean suffixHas = r.isStop(b);
            long pv = prefixHas ? r.cumVolume[g - 1] : 0;
            long pw = prefixHas ? r.cumWeight[g - 1] : 0;
            long sv = r.tripVolume[trip] - pv;
            long sw = r.tripWeight[trip] - pw;
            int ts = r.tripStream[trip];
            boolean atEnd = r.tripClose[trip] == r.length - 1;
            int closer = r.nodes[r.tripClose[trip]];
            boolean closerTakes = atEnd ? !p.endEmpty[v] : p.facilityTakes(closer - p.n, s);
            double base = p.dist(a, b);
            if ((ts < 0 || ts == s) && pv + sv + dv <= p.capVolume[v] && pw + sw + dw <= p.capWeight[v] && closerTakes) {
                add(index, g, ALONE, 0, p.dist(a, stop) + p.dist(stop, b) - base + opening);
            }
            if ((!prefixHas || ts == s) && pv + dv <= p.capVolume[v] && pw + dw <= p.capWeight[v]
                    && (suffixHas || atEnd)) {
                addCheapest(index, g, THEN_UNLOAD, unloadsForStop, stop, b, p.dist(a, stop) - base + opening);
            }
            if (prefixHas && (!suffixHas || ts == s) && dv + sv <= p.capVolume[v] && dw + sw <= p.capWeight[v]
                    && closerTakes) {
                addCheapest(index, g, UNLOAD_THEN, p.facilitiesOf[ts], a, stop, p.dist(stop, b) - base + opening);
            }
        }
    }

    /**
     * The unload shape through the two facilities (of {@code among}) with the shortest way from
     * {@code from} to {@code to}: with many facilities (19 in a Kim instance), the others are never the cheapest and
     * only slow the insertion down.
     */
    private void addCheapest(int r, int g, int kind, int[] among, int from, int to, double rest) {
        int first = -1;
        int second = -1;
        double firstWay = Double.POSITIVE_INFINITY;
        double secondWay = Double.POSITIVE_INFINITY;
        for (int f : among) {
            double way = p.via(from, f, to);
            if (way < firstWay) {
                second = first;
                secondWay = firstWay;
                first = f;
                firstWay = way;
            } else if (way < secondWay) {
                second = f;
                secondWay = way;
            }
        }
        if (first >= 0) {
            add(r, g, kind, first, firstWay + rest);
        }
        if (second >= 0) {
            add(r, g, kind, second, secondWay + rest);
        }
    }

    private void add(int r, int g, int kind, int f, double extra) {
        if (count == cost.length) {
            int grown = count * 2;
            cost = Arrays.copyOf(cost, grown);
            route = Arrays.copyOf(route, grown);
            gap = Arrays.copyOf(gap, grown);
            shape = Arrays.copyOf(shape, grown);
            facility = Arrays.copyOf(facility, grown);
        }
        cost[count] = extra;
        route[count] = r;
        gap[count] = g;
        shape[count] = kind;
        facility[count] = f;
        count++;
    }
}
