package org.clearway.routing.lns;

import java.util.Arrays;

/**
 * Places a route's unloads anew, keeping the order of its stops: a dynamic programme over the cut points between
 * consecutive stops chooses where the truck unloads (and at which facility) so that every load fits the truck and
 * holds one stream, at the least distance; the route takes the new unloads only when they are shorter and on time.
 * The insertion places an unload where a stop first needed it; after many moves a route's unloads sit where they
 * once fitted, not where they cost least, and moving one unload along a long trip is what this finds (the "unload
 * placement" of the ALNS for waste collection with intermediate facilities, Buhrkal, Larsen and Ropke 2012, done
 * exactly for the given stop order).
 */
final class UnloadPlacement {

    private final FleetModel p;
    private double[] best = new double[64];
    private int[] from = new int[64];
    private int[] facilityAfter = new int[64];

    UnloadPlacement(FleetModel p) {
        this.p = p;
    }

    /** Re-places the route's unloads when that shortens it and keeps it on time; whether the route changed. */
    boolean improve(TripRoute route) {
        int m = route.stops;
        if (m < 2 || route.trips < 2 && !p.endEmpty[route.v]) {
            return false;
        }
        int[] s = route.stopNodes();
        int v = route.v;
        if (best.length < m + 1) {
            best = new double[2 * m + 2];
            from = new int[2 * m + 2];
            facilityAfter = new int[2 * m + 2];
        }
        // best[j]: least extra distance (over driving stop to stop) for stops 1..j with a cut after stop j.
        best[0] = 0;
        for (int j = 1; j <= m; j++) {
            best[j] = Double.POSITIVE_INFINITY;
            double cut;
            int facility;
            if (j < m) {
                facility = cheapestBetween(s[j - 1], s[j]);
                cut = facility < 0 ? Double.POSITIVE_INFINITY
                        : p.dist(s[j - 1], p.n + facility) + p.dist(p.n + facility, s[j]) - p.dist(s[j - 1], s[j]);
            } else {
                facility = -1;
                cut = 0;
            }
            if (cut == Double.POSITIVE_INFINITY) {
                continue;
            }
            facilityAfter[j] = facility;
            long vol = 0;
            long wt = 0;
            int stream = p.stream[s[j - 1]];
            for (int i = j - 1; i >= 0; i--) {
                int stop = s[i];
                if (p.stream[stop] != stream) {
                    break;
                }
                vol += p.volume[stop];
                wt += p.weight[stop];
                if (vol > p.capVolume[v] || wt > p.capWeight[v]) {
                    break;
                }
                if (best[i] + cut < best[j]) {
                    best[j] = best[i] + cut;
                    from[j] = i;
                }
            }
        }
        if (best[m] == Double.POSITIVE_INFINITY) {
            return false;
        }
        int last = -1;
        if (p.endEmpty[v]) {
            last = cheapestBetween(s[m - 1], p.depotNode[v]);
            if (last < 0) {
                return false;
            }
        }
        int cuts = 0;
        for (int j = from[m]; j > 0; j = from[j]) {
            cuts++;
        }
        int[] middle = new int[m + cuts + (last >= 0 ? 1 : 0)];
        int k = middle.length;
        if (last >= 0) {
            middle[--k] = p.n + last;
        }
        int j = m;
        while (j > 0) {
            int i = from[j];
            for (int q = j - 1; q >= i; q--) {
                middle[--k] = s[q];
            }
            if (i > 0) {
                middle[--k] = p.n + facilityAfter[i];
            }
            j = i;
        }
        double distance = p.dist(p.depotNode[v], middle[0]) + p.dist(middle[middle.length - 1], p.depotNode[v]);
        for (int q = 1; q < middle.length; q++) {
            distance += p.dist(middle[q - 1], middle[q]);
        }
        if (distance >= route.distance - 1e-6) {
            return false;
        }
        int[] old = Arrays.copyOfRange(route.nodes, 1, route.length - 1);
        if (!route.timeFeasible(1, old.length, middle, middle.length)) {
            return false;
        }
        if (route.apply(1, old.length, middle, middle.length)) {
            return true;
        }
        route.apply(1, middle.length, old, old.length);
        return false;
    }

    /** The facility taking {@code a}'s stream with the shortest way from {@code a} to {@code b} through it, or -1. */
    private int cheapestBetween(int a, int b) {
        int chosen = -1;
        double shortest = Double.POSITIVE_INFINITY;
        for (int f : p.facilitiesOf[p.stream[a]]) {
            double way = p.dist(a, p.n + f) + p.dist(p.n + f, b);
            if (way < shortest) {
                shortest = way;
                chosen = f;
            }
        }
        return chosen;
    }
}
