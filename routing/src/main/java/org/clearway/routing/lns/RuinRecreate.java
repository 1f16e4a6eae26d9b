package org.clearway.routing.lns;

import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * The moves of SISR (Christiaens and Vanden Berghe, "Slack Induction by String Removals for Vehicle Routing
 * Problems", Transportation Science 2020): remove strings of consecutive visits from a few tours close to a random
 * seed customer, then reinsert the removed customers one by one at their cheapest feasible position, skipping each
 * position with a small "blink" probability.
 */
final class RuinRecreate {

    /** Average number of customers removed per ruin. */
    private static final double AVERAGE_REMOVED = 10;
    /** Longest string removed from one tour. */
    private static final double MAX_STRING = 10;
    /**
     * Chance of a large ruin, three times the usual size: long tours (few trucks, wide windows) need whole
     * sections moved at once to leave a local optimum.
     */
    private static final double LARGE_RATE = 0.1;
    private static final double LARGE_SCALE = 3;
    /** Chance to skip a position while reinserting. */
    private static final double BLINK = 0.01;
    /** Chance that a preserved run inside a split string grows by one more visit. */
    private static final double SPLIT_GROWTH = 0.5;

    private final CompactProblem p;
    private final RandomGenerator random;

    RuinRecreate(CompactProblem p, RandomGenerator random) {
        this.p = p;
        this.random = random;
    }

    /** Removes strings of visits from tours near the seed customer and appends them to {@code removed}. */
    void ruin(Plan plan, List<Integer> removed, int seed) {
        if (plan.tours.isEmpty()) {
            return;
        }
        // Customers per tour, counting those left out: in the fleet phase the tours must absorb them, and the
        // longer strings this allows helped there (RC101 reached 14 trucks with them, 15 without).
        double perTour = (double) p.n / plan.tours.size();
        double scale = random.nextDouble() < LARGE_RATE ? LARGE_SCALE : 1;
        double lsMax = Math.min(scale * MAX_STRING, perTour);
        double ksMax = 4 * scale * AVERAGE_REMOVED / (1 + lsMax) - 1;
        int ks = (int) (random.nextDouble() * ksMax) + 1;
        int[] tourOf = plan.tourIndex(p.n);
        boolean[] ruined = new boolean[plan.tours.size()];
        int ruinedCount = 0;
        int[] positions = new int[p.n];
        for (int c : p.neighbours[seed]) {
            if (ruinedCount >= ks) {
                break;
            }
            int t = tourOf[c];
            if (t < 0 || ruined[t]) {
                continue;
            }
            Tour tour = plan.tours.get(t);
            int lMax = (int) Math.min(tour.size(), lsMax);
            int length = (int) (random.nextDouble() * lMax) + 1;
            int count = length == tour.size() || random.nextBoolean()
                    ? string(tour, tour.indexOf(c), length, positions)
                    : splitString(tour, tour.indexOf(c), length, positions);
            for (int i = 0; i < count; i++) {
                removed.add(tour.node(positions[i]));
            }
            tour.removeAll(positions, count);
            ruined[t] = true;
            ruinedCount++;
        }
        plan.dropEmptyTours();
    }

    private int string(Tour tour, int position, int length, int[] positions) {
        int first = window(tour.size(), position, length);
        for (int i = 0; i < length; i++) {
            positions[i] = first + i;
        }
        return length;
    }

    /** A window of {@code length + kept} visits containing the position, minus a run of {@code kept} kept in place. */
    private int splitString(Tour tour, int position, int length, int[] positions) {
        int kept = 1;
        while (length + kept < tour.size() && random.nextDouble() < SPLIT_GROWTH) {
            kept++;
        }
        int span = length + kept;
        int first = window(tour.size(), position, span);
        int keptFrom = first + random.nextInt(length + 1);
        int count = 0;
        for (int i = first; i < first + span; i++) {
            if (i < keptFrom || i >= keptFrom + kept) {
                positions[count++] = i;
            }
        }
        return count;
    }

    /** First index of a window of {@code span} visits inside a tour of {@code size} that contains {@code position}. */
    private int window(int size, int position, int span) {
        int low = Math.max(0, position - span + 1);
        int high = Math.min(position, size - span);
        return low + random.nextInt(high - low + 1);
    }

    /**
     * Inserts the customers at their cheapest feasible positions; a customer that fits nowhere opens a new tour
     * while the plan has fewer than {@code tourCap} tours, else it joins the plan's unassigned list. With
     * {@code priority}, customers with a higher value go first (the fleet phase's absence counts).
     */
    void recreate(Plan plan, List<Integer> customers, int tourCap, int[] priority) {
        order(customers);
        if (priority != null) {
            customers.sort(Comparator.comparingInt((Integer c) -> -priority[c]));
        }
        for (int c : customers) {
            Tour bestTour = null;
            int bestPosition = -1;
            double bestDelta = Double.MAX_VALUE;
            for (Tour tour : plan.tours) {
                if (!tour.hasRoomFor(c)) {
                    continue;
                }
                for (int pos = 0; pos <= tour.size(); pos++) {
                    double delta = tour.insertionDelta(c, pos);
                    // Blinking only matters for positions that would win, so the coin is tossed for those alone.
                    if (delta < bestDelta && random.nextDouble() >= BLINK && tour.timeFeasible(c, pos)) {
                        bestDelta = delta;
                        bestTour = tour;
                        bestPosition = pos;
                    }
                }
            }
            if (bestTour != null) {
                bestTour.insert(c, bestPosition);
                continue;
            }
            Tour single = plan.tours.size() < tourCap ? Tour.single(p, c) : null;
            if (single != null) {
                plan.tours.add(single);
            } else {
                plan.unassigned.add(c);
            }
        }
    }

    /** SISR's insertion orders: random (weight 4), largest demand (4), farthest from (2) and closest to (1) the depot. */
    private void order(List<Integer> customers) {
        Collections.shuffle(customers, random);
        int pick = random.nextInt(11);
        if (pick < 4) {
            return;
        }
        Comparator<Integer> order = pick < 8
                ? Comparator.comparingLong((Integer c) -> p.volume[c] + p.weight[c]).reversed()
                : pick < 10 ? Comparator.comparingDouble((Integer c) -> p.distance[0][c]).reversed()
                : Comparator.comparingDouble((Integer c) -> p.distance[0][c]);
        customers.sort(order);
    }
}
