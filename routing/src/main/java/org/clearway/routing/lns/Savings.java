package org.clearway.routing.lns;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * Clarke and Wright's parallel savings construction ("Scheduling of Vehicles from a Central Depot to a Number of
 * Delivery Points", Operations Research 12(4), 1964) for plain capacitated problems (no windows, no binding shift):
 * every customer starts on its own tour, then pairs are joined end to end in order of the saving
 * {@code d(0,i) + d(0,j) - lambda * d(i,j)} while the joined tour keeps capacity, the shift cap and the stop limit.
 * A start for {@link RuinRecreateSearch} that is much closer to a good plan than inserting customers one by one on
 * large instances (X-n1001), where the search's time goes into undoing a poor start.
 *
 * <p>Only each customer's {@link #NEIGHBOURS} nearest customers are paired (the far pairs have small savings and
 * are almost never joined), so building the list costs about {@code n * NEIGHBOURS} pairs rather than
 * {@code n^2 / 2}. Several shape factors {@code lambda} are tried and the shortest plan is kept.
 */
final class Savings {

    /** Nearest customers of each customer that are paired with it. */
    static final int NEIGHBOURS = 100;
    /** Shape factors tried (Yellow 1970's route shape parameter); the shortest plan wins. */
    private static final double[] LAMBDAS = {1.0, 0.6, 1.4, 0.8, 1.2};

    private final CompactProblem p;
    /** The near pairs, built once for all shape factors. */
    private long[] pairs;

    Savings(CompactProblem p) {
        this.p = p;
    }

    /** The shortest savings plan over the shape factors; every customer is served (each fits a tour alone). */
    Plan build() {
        List<int[]> best = null;
        double bestDistance = Double.MAX_VALUE;
        for (double lambda : LAMBDAS) {
            List<int[]> tours = tours(lambda);
            double distance = distance(tours);
            // Within the fleet the shortest plan wins; a plan over the fleet only beats one with more tours.
            boolean fitsFleet = tours.size() <= p.maxTours;
            boolean bestFits = best != null && best.size() <= p.maxTours;
            if (best == null || fitsFleet && (!bestFits || distance < bestDistance - 1e-9)
                    || !fitsFleet && !bestFits && tours.size() < best.size()) {
                best = tours;
                bestDistance = distance;
            }
        }
        Plan plan = new Plan(new ArrayList<>(), new ArrayList<>());
        for (int[] nodes : best) {
            Tour tour = new Tour(p);
            for (int c : nodes) {
                tour.insert(c, tour.size());
            }
            plan.add(tour);
        }
        return plan;
    }

    /** The savings tours for one shape factor, as customer nodes (1..n) in visiting order. */
    List<int[]> tours(double lambda) {
        int n = p.n;
        List<List<Integer>> routes = new ArrayList<>(n + 1);
        int[] routeOf = new int[n + 1];
        long[] volume = new long[n + 1];
        long[] weight = new long[n + 1];
        routes.add(null);
        for (int c = 1; c <= n; c++) {
            List<Integer> alone = new ArrayList<>();
            alone.add(c);
            routes.add(alone);
            routeOf[c] = c;
            volume[c] = p.volume[c];
            weight[c] = p.weight[c];
        }
        for (long key : sortedPairs(lambda)) {
            long pair = key & 0xffffffffL;
            int i = (int) (pair / (n + 1));
            int j = (int) (pair % (n + 1));
            int a = routeOf[i];
            int b = routeOf[j];
            if (a == b) {
                continue;
            }
            List<Integer> ra = routes.get(a);
            List<Integer> rb = routes.get(b);
            boolean iEnd = ra.get(0) == i || ra.get(ra.size() - 1) == i;
            boolean jEnd = rb.get(0) == j || rb.get(rb.size() - 1) == j;
            if (!iEnd || !jEnd || !p.holds(volume[a] + volume[b], weight[a] + weight[b], ra.size() + rb.size())) {
                continue;
            }
            if (ra.get(ra.size() - 1) != i) {
                Collections.reverse(ra);
            }
            if (rb.get(0) != j) {
                Collections.reverse(rb);
            }
            ra.addAll(rb);
            for (int c : rb) {
                routeOf[c] = a;
            }
            volume[a] += volume[b];
            weight[a] += weight[b];
            routes.set(b, null);
        }
        List<int[]> out = new ArrayList<>();
        for (List<Integer> route : routes) {
            if (route != null) {
                out.add(route.stream().mapToInt(Integer::intValue).toArray());
            }
        }
        return out;
    }

    /**
     * Pairs {@code i < j} of near customers with a positive saving, largest saving first, each as a long whose high
     * half orders by the saving (a positive float's bits order like the float) and whose low half is
     * {@code i * (n + 1) + j}.
     */
    private long[] sortedPairs(double lambda) {
        int n = p.n;
        long[] pairs = nearPairs();
        long[] keys = new long[pairs.length];
        int count = 0;
        for (long pair : pairs) {
            int i = (int) (pair / (n + 1));
            int j = (int) (pair % (n + 1));
            double saving = p.distance[0][i] + p.distance[0][j] - lambda * p.distance[i][j];
            if (saving > 0) {
                keys[count++] = (long) Float.floatToIntBits((float) saving) << 32 | pair;
            }
        }
        long[] sorted = Arrays.copyOf(keys, count);
        Arrays.sort(sorted);
        for (int a = 0, b = count - 1; a < b; a++, b--) {
            long t = sorted[a];
            sorted[a] = sorted[b];
            sorted[b] = t;
        }
        return sorted;
    }

    /** Each pair {@code i < j} where one lists the other among its nearest, once, as {@code i * (n + 1) + j}. */
    private long[] nearPairs() {
        if (pairs != null) {
            return pairs;
        }
        int n = p.n;
        int keep = Math.min(n, NEIGHBOURS + 1);
        long[] all = new long[n * keep];
        int count = 0;
        for (int i = 1; i <= n; i++) {
            for (int k = 0; k < keep; k++) {
                int j = p.neighbours[i][k];
                if (j != i) {
                    all[count++] = (long) Math.min(i, j) * (n + 1) + Math.max(i, j);
                }
            }
        }
        Arrays.sort(all, 0, count);
        int unique = 0;
        for (int k = 0; k < count; k++) {
            if (unique == 0 || all[k] != all[unique - 1]) {
                all[unique++] = all[k];
            }
        }
        pairs = Arrays.copyOf(all, unique);
        return pairs;
    }

    private double distance(List<int[]> tours) {
        double sum = 0;
        for (int[] tour : tours) {
            int prev = 0;
            for (int c : tour) {
                sum += p.distance[prev][c];
                prev = c;
            }
            sum += p.distance[prev][0];
        }
        return sum;
    }
}
