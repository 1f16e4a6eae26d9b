package org.clearway.routing.lns;

import java.util.List;
import java.util.random.RandomGenerator;

/**
 * SISR's ruin on multi-trip routes: around a random stop, remove strings of consecutive stops (unloads between them
 * do not break a string) from the routes of its nearest stops; unloads left with nothing to empty go with them.
 * A route that is no longer on time after the removal (which the break rule can cause in rare cases) gives up all
 * its stops.
 */
final class TripRuin {

    private static final double AVERAGE_REMOVED = 10;
    private static final double MAX_STRING = 10;
    private static final double LARGE_RATE = 0.1;
    private static final double LARGE_SCALE = 3;

    private final FleetModel p;
    private final RandomGenerator random;

    TripRuin(FleetModel p, RandomGenerator random) {
        this.p = p;
        this.random = random;
    }

    /**
     * Route removal: takes every stop off one used route, chosen at random (the route's unloads go with them), so
     * that the recreate can spread them over the other trucks and leave this one idle: the move that saves a truck
     * when trucks cost something. Returns the routes touched.
     */
    boolean[] ruinRoute(TripPlan plan, List<Integer> removed) {
        boolean[] touched = new boolean[plan.routes.length];
        int used = plan.used();
        if (used == 0) {
            return touched;
        }
        int pick = random.nextInt(used);
        for (int r = 0; r < plan.routes.length; r++) {
            TripRoute route = plan.routes[r];
            if (route.stops > 0 && pick-- == 0) {
                boolean[] gone = new boolean[p.n];
                for (int stop : route.stopNodes()) {
                    gone[stop] = true;
                    removed.add(stop);
                }
                route.removeStops(gone);
                touched[r] = true;
                break;
            }
        }
        return touched;
    }

    /** Removes strings around {@code seed} and appends the removed stops to {@code removed}; returns the routes touched. */
    boolean[] ruin(TripPlan plan, int seed, List<Integer> removed) {
        boolean[] touched = new boolean[plan.routes.length];
        int used = plan.used();
        if (used == 0) {
            return touched;
        }
        int served = p.n - plan.unassigned.size();
        double perRoute = Math.max(1, (double) served / used);
        double scale = random.nextDouble() < LARGE_RATE ? LARGE_SCALE : 1;
        double lsMax = Math.min(scale * MAX_STRING, perRoute);
        double ksMax = 4 * scale * AVERAGE_REMOVED / (1 + lsMax) - 1;
        int ks = (int) (random.nextDouble() * ksMax) + 1;
        int[] routeOf = plan.routeOf(p);
        boolean[] gone = new boolean[p.n];
        int ruined = 0;
        for (int c : p.neighbours[seed]) {
            if (ruined >= ks) {
                break;
            }
            int r = routeOf[c];
            if (r < 0 || touched[r]) {
                continue;
            }
            int[] stops = plan.routes[r].stopNodes();
            int rank = 0;
            while (stops[rank] != c) {
                rank++;
            }
            int length = (int) (random.nextDouble() * Math.min(stops.length, lsMax)) + 1;
            int low = Math.max(0, rank - length + 1);
            int high = Math.min(rank, stops.length - length);
            int first = low + random.nextInt(high - low + 1);
            for (int k = first; k < first + length; k++) {
                gone[stops[k]] = true;
                removed.add(stops[k]);
            }
            touched[r] = true;
            ruined++;
        }
        for (int r = 0; r < plan.routes.length; r++) {
            if (touched[r] && !plan.routes[r].removeStops(gone)) {
                for (int stop : plan.routes[r].stopNodes()) {
                    gone[stop] = true;
                    removed.add(stop);
                }
                plan.routes[r].removeStops(gone);
            }
        }
        return touched;
    }
}
