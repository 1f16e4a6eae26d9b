package org.clearway.routing.lns;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;

import org.clearway.routing.ProgressListener;
import org.clearway.routing.model.Route;
import org.clearway.routing.model.RouteBuilder;
import org.clearway.routing.model.Visit;
import org.clearway.routing.model.VisitKind;

/**
 * Ruin-and-recreate search over the whole waste model ({@link FleetModel}): SISR's string removals
 * ({@link TripRuin}), reinsertion of each stop together with the unload it may need ({@link TripInsertion}), a
 * polish of the unloads of the routes touched (a cheaper facility, or two trips merged into one when they fit), and
 * simulated annealing on cost. Stops that fit nowhere are left out at a penalty of their drop weight times a round
 * trip to the farthest stop while annealing; the best plan is the one that leaves out the least drop weight, then
 * costs least. In the spirit of Buhrkal, Larsen and Ropke's ALNS for waste collection with intermediate facilities
 * (2012): unloads are placed by the insertion itself, as often as needed, at any facility open then that takes the
 * load's stream.
 */
public final class TripSearch {

    private static final double START_TEMPERATURE = 1.0;
    private static final double END_TEMPERATURE = 0.01;
    /** Fewest trucks first: one ruin in this many removes a whole route instead of strings. */
    private static final int ROUTE_REMOVAL_ONE_IN = 100;
    /**
     * The search stops early after {@code max(MIN_IDLE, IDLE_PER_STOP_SQUARED * n * n)} iterations without a new
     * best plan (n stops): a plan of 2 stops returns after 1,000 iterations (milliseconds) instead of running the
     * whole budget; from about 100 stops the limit (1 million iterations and more) is beyond what a budget of
     * seconds to minutes allows, so benchmark and district-day searches run their whole budget as before. Quadratic
     * because the number of distinct insertions grows with the stops times the positions.
     */
    private static final long MIN_IDLE = 1_000;
    private static final long IDLE_PER_STOP_SQUARED = 100;

    /**
     * What the search found: routes per truck (empty ones left out), the stops it left out, effort, whether it
     * stopped before its deadline because {@link #idleLimit} iterations brought no better plan, and whether a search
     * with an iteration limit was cut short by its deadline (its result then depends on the machine).
     */
    public record Result(List<Route> routes, List<String> unplanned, long iterations, int improvements,
                         boolean stoppedIdle, boolean timeCapped) {
    }

    /** Iterations without a new best after which a search of {@code n} stops stops early (see {@link #MIN_IDLE}). */
    public static long idleLimit(int n) {
        return Math.max(MIN_IDLE, IDLE_PER_STOP_SQUARED * n * (long) n);
    }

    private final FleetModel p;
    private final SplittableRandom random;
    private final TripRuin ruin;
    private final TripInsertion insertion;
    private final UnloadPlacement unloads;
    private final ProgressListener listener;
    private final long startNanos;
    private final double softPenalty;
    private final boolean fewestTrucks;
    private long iterations;
    private int improvements;
    private boolean stoppedIdle;
    private boolean cutShort;
    private boolean earlyStop = true;

    public TripSearch(FleetModel p, long seed, ProgressListener listener, long startNanos) {
        this(p, seed, listener, startNanos, false);
    }

    /**
     * @param fewestTrucks whether the model's fixed costs put fewest trucks first: the search then also removes whole
     *                     routes now and then (the move that empties a truck)
     */
    public TripSearch(FleetModel p, long seed, ProgressListener listener, long startNanos, boolean fewestTrucks) {
        this.fewestTrucks = fewestTrucks;
        this.p = p;
        this.random = new SplittableRandom(seed);
        this.ruin = new TripRuin(p, random);
        this.insertion = new TripInsertion(p, random);
        this.unloads = new UnloadPlacement(p);
        this.listener = listener;
        this.startNanos = startNanos;
        this.softPenalty = p.reach + maxFixed(p);
    }

    /** Uses the whole budget: no early stop after {@link #idleLimit} iterations without a new best. */
    public TripSearch withoutEarlyStop() {
        earlyStop = false;
        return this;
    }

    /**
     * Searches until {@code deadlineNanos} (a {@link System#nanoTime()} value) or {@code maxIterations}
     * ruin-and-recreate steps (0: no limit), whichever comes first. With a limit the annealing's temperature follows
     * the iterations only, so that the result depends on the seed only; the deadline is then a safety cap, and
     * {@link Result#timeCapped()} says when it cut the search (or its first plan) short.
     */
    public Result solve(long deadlineNanos, long maxIterations, RouteBuilder builder) {
        List<Integer> all = new ArrayList<>();
        for (int i = 0; i < p.n; i++) {
            all.add(i);
        }
        all.sort(Comparator.comparingDouble((Integer c) -> -p.dist(p.depotNode[0], c)));
        TripPlan plan = TripPlan.empty(p);
        recreate(plan, new ArrayList<>(all), false, deadlineNanos);
        double open = 0;
        for (double end : p.shiftEnd) {
            open = Math.max(open, end);
        }
        final double dayEnd = open;
        all.sort(Comparator.comparingDouble((Integer c) -> Math.min(p.due[c], dayEnd))
                .thenComparingDouble(c -> -p.dist(p.depotNode[0], c)));
        // The second first plan only when it leaves out less: at equal drop weight the first anneals better (kim804).
        // So it is not built when the first leaves nothing out (the budget goes to the search instead).
        if (!plan.unassigned.isEmpty()) {
            TripPlan windowsFirst = TripPlan.empty(p);
            recreate(windowsFirst, all, false, deadlineNanos);
            if (windowsFirst.missingWeight(p) < plan.missingWeight(p)) {
                plan = windowsFirst;
            }
        }
        report(plan);
        TripPlan best = anneal(plan, deadlineNanos, maxIterations);
        return new Result(routes(best, builder), unplanned(best), iterations, improvements, stoppedIdle,
                maxIterations > 0 && cutShort);
    }

    private TripPlan anneal(TripPlan start, long deadlineNanos, long maxIterations) {
        TripPlan current = start;
        TripPlan best = start.copy();
        double currentCost = current.cost(p, softPenalty);
        double edge = Math.max(1e-9, start.distance() / Math.max(1, p.n + start.used()));
        double t0 = START_TEMPERATURE * edge;
        double tf = END_TEMPERATURE * edge;
        long from = System.nanoTime();
        double span = Math.max(1, deadlineNanos - from);
        List<Integer> removed = new ArrayList<>();
        if (p.n == 0) {
            return best;
        }
        long idleLimit = earlyStop ? idleLimit(p.n) : Long.MAX_VALUE;
        long lastBest = iterations;
        while (true) {
            if (iterations - lastBest >= idleLimit) {
                stoppedIdle = true;
                break;
            }
            long now = System.nanoTime();
            if (maxIterations > 0 && now - deadlineNanos >= 0 && iterations < maxIterations) {
                cutShort = true;
                break;
            }
            // With an iteration limit the temperature follows the iterations only (clock-independent).
            double progress = maxIterations > 0 ? (double) iterations / maxIterations : (now - from) / span;
            if (progress >= 1) {
                break;
            }
            double temperature = t0 * Math.pow(tf / t0, progress);
            TripPlan next = current.copy();
            removed.clear();
            removed.addAll(next.unassigned);
            next.unassigned.clear();
            boolean[] touched = fewestTrucks && random.nextInt(ROUTE_REMOVAL_ONE_IN) == 0 ? ruin.ruinRoute(next, removed)
                    : ruin.ruin(next, random.nextInt(p.n), removed);
            recreate(next, removed, true, 0);
            for (int r = 0; r < next.routes.length; r++) {
                if (touched[r] || random.nextInt(8) == 0) {
                    unloads.improve(next.routes[r]);
                    polishUnloads(next.routes[r]);
                }
            }
            iterations++;
            double cost = next.cost(p, softPenalty);
            if (cost < currentCost - temperature * Math.log(random.nextDouble())) {
                current = next;
                currentCost = cost;
                if (better(next, best)) {
                    lastBest = iterations;
                    best = next.copy();
                    report(best);
                }
            }
        }
        return best;
    }

    private boolean better(TripPlan a, TripPlan b) {
        long ma = a.missingWeight(p);
        long mb = b.missingWeight(p);
        return ma < mb || ma == mb && a.routeCost() < b.routeCost() - 1e-9;
    }

    /**
     * SISR's insertion orders: random (weight 4), largest demand (4), farthest from (2) and closest to (1) a depot.
     * With a {@code deadlineNanos} (0: none), the stops still to insert when it passes are left out (the first plan
     * of a large day under a heavy machine load keeps the budget).
     */
    private void recreate(TripPlan plan, List<Integer> stops, boolean blinks, long deadlineNanos) {
        if (blinks) {
            java.util.Collections.shuffle(stops, new java.util.Random(random.nextLong()));
            int pick = random.nextInt(11);
            int depot = p.depotNode[0];
            if (pick >= 4) {
                stops.sort(pick < 8 ? Comparator.comparingLong((Integer c) -> -(p.volume[c] + p.weight[c]))
                        : pick < 10 ? Comparator.comparingDouble((Integer c) -> -p.dist(depot, c))
                        : Comparator.comparingDouble((Integer c) -> p.dist(depot, c)));
            }
        }
        int[] routeOf = plan.routeOf(p);
        for (int stop : stops) {
            boolean late = deadlineNanos != 0 && System.nanoTime() - deadlineNanos > 0;
            cutShort |= late;
            if (late || !insertion.insert(plan, stop, blinks, routeOf)) {
                plan.unassigned.add(stop);
            }
        }
    }

    /** Each unload at a cheaper facility that takes its load, or dropped where its two trips fit in one. */
    private void polishUnloads(TripRoute route) {
        int[] single = new int[1];
        for (int j = route.length - 2; j >= 1; j--) {
            int node = route.nodes[j];
            if (!route.isFacility(node)) {
                continue;
            }
            int a = route.nodes[j - 1];
            int b = route.nodes[j + 1];
            int trip = route.tripOf[j];
            int stream = route.tripStream[trip];
            double here = p.dist(a, node) + p.dist(node, b);
            if (mergeable(route, trip, stream) && p.dist(a, b) < here - 1e-9
                    && route.timeFeasible(j, 1, single, 0) && route.apply(j, 1, single, 0)) {
                continue;
            }
            for (int f : p.facilitiesOf[stream]) {
                int fn = p.n + f;
                single[0] = fn;
                if (fn != node && p.dist(a, fn) + p.dist(fn, b) < here - 1e-9 && route.timeFeasible(j, 1, single, 1)
                        && route.apply(j, 1, single, 1)) {
                    break;
                }
            }
        }
    }

    /** Whether the unload closing {@code trip} can go: the next trip's load fits with this one and is of its stream. */
    private boolean mergeable(TripRoute route, int trip, int stream) {
        int v = route.v;
        int next = trip + 1;
        boolean lastIsEnd = route.tripClose[next] == route.length - 1;
        if (lastIsEnd && p.endEmpty[v]) {
            return false;
        }
        if (route.tripStream[next] < 0) {
            return lastIsEnd;
        }
        int closer = route.nodes[route.tripClose[next]];
        return route.tripStream[next] == stream
                && route.tripVolume[trip] + route.tripVolume[next] <= p.capVolume[v]
                && route.tripWeight[trip] + route.tripWeight[next] <= p.capWeight[v]
                && (lastIsEnd || p.facilityTakes(closer - p.n, stream));
    }

    private List<Route> routes(TripPlan plan, RouteBuilder builder) {
        List<Route> out = new ArrayList<>();
        for (TripRoute route : plan.routes) {
            if (route.stops == 0) {
                continue;
            }
            List<Visit> sequence = new ArrayList<>(route.length);
            for (int i = 0; i < route.length; i++) {
                int node = route.nodes[i];
                VisitKind kind = i == 0 ? VisitKind.START : i == route.length - 1 ? VisitKind.END
                        : route.isStop(node) ? VisitKind.STOP : VisitKind.UNLOAD;
                String id = switch (kind) {
                    case START, END -> p.vehicles.get(route.v).depotId();
                    case STOP -> p.stops[node].id();
                    case UNLOAD -> p.facilities[node - p.n].id();
                };
                sequence.add(Visit.ref(kind, id));
            }
            double[] starts = java.util.Arrays.copyOf(route.start, route.length);
            Double breakStart = p.hasBreak(route.v) ? route.breakStart : null;
            out.add(builder.build(p.vehicles.get(route.v), sequence, starts, breakStart));
        }
        return out;
    }

    private List<String> unplanned(TripPlan plan) {
        List<String> out = new ArrayList<>();
        for (int stop : plan.unassigned) {
            out.add(p.stops[stop].id());
        }
        return out;
    }

    private void report(TripPlan plan) {
        improvements++;
        listener.onSolution((System.nanoTime() - startNanos) / 1_000_000,
                Math.round(plan.cost(p, softPenalty * 100)), improvements);
    }

    private static double maxFixed(FleetModel p) {
        double max = 0;
        for (double f : p.fixedCost) {
            max = Math.max(max, f);
        }
        return max;
    }
}
