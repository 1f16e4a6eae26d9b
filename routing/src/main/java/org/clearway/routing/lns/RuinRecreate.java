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

    /** Nearest customers whose tours are tried first when a customer is reinserted. */
    static final int GRANULAR_NEIGHBOURS = 40;
    /** Up to this many tours every tour is tried: the granular restriction saves nothing worth its risk. */
    private static final int GRANULAR_MIN_TOURS = 8;
    /** A position is packed below a candidate's index in an int: tours hold fewer than 2^20 customers. */
    private static final int POSITION_BITS = 20;
    private static final int POSITION_MASK = (1 << POSITION_BITS) - 1;

    private final CompactProblem p;
    private final RandomGenerator random;
    /** Scratch arrays reused by every move (a search runs on one thread). */
    private final int[] positions;
    private final int[] tourOfBuffer;
    private final int[] candidateTours;
    private final int[] seen;
    private int stamp;

    RuinRecreate(CompactProblem p, RandomGenerator random) {
        this.p = p;
        this.random = random;
        this.positions = new int[p.n + 1];
        this.tourOfBuffer = new int[p.n + 1];
        this.candidateTours = new int[p.n + 1];
        this.seen = new int[p.n + 1];
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
        int[] tourOf = plan.tourIndex(tourOfBuffer);
        stamp++;
        int ruinedCount = 0;
        for (int c : p.neighbours[seed]) {
            if (ruinedCount >= ks) {
                break;
            }
            int t = tourOf[c];
            if (t < 0 || seen[t] == stamp) {
                continue;
            }
            Tour tour = plan.writable(t);
            int lMax = (int) Math.min(tour.size(), lsMax);
            int length = (int) (random.nextDouble() * lMax) + 1;
            int count = length == tour.size() || random.nextBoolean()
                    ? string(tour, tour.indexOf(c), length, positions)
                    : splitString(tour, tour.indexOf(c), length, positions);
            for (int i = 0; i < count; i++) {
                removed.add(tour.node(positions[i]));
            }
            tour.removeAll(positions, count);
            seen[t] = stamp;
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
        int[] tourOf = plan.tourIndex(tourOfBuffer);
        for (int c : customers) {
            int candidates = nearTours(plan, tourOf, c);
            int best = cheapest(plan, c, candidates);
            if (best < 0 && candidates < plan.tours.size()) {
                best = cheapest(plan, c, allTours(plan));
            }
            if (best >= 0) {
                int t = candidateTours[best >>> POSITION_BITS];
                plan.writable(t).insert(c, best & POSITION_MASK);
                tourOf[c] = t;
                continue;
            }
            Tour single = plan.tours.size() < tourCap ? Tour.single(p, c) : null;
            if (single != null) {
                plan.add(single);
                tourOf[c] = plan.tours.size() - 1;
            } else {
                plan.unassigned.add(c);
            }
        }
    }

    /**
     * Granular insertion: the tours serving one of the customer's {@link #GRANULAR_NEIGHBOURS} nearest customers
     * go into {@link #candidateTours}; returns how many. On large instances most tours are far from the customer
     * and cannot offer its cheapest position, and checking every position of every tour made the recreate step
     * grow with the whole plan. When none of them can take the customer, every tour is tried. Not with time
     * windows or a binding shift: there the tour that can take a customer is often not a near one in space, and
     * the fleet phase reached the best-known truck count on fewer Solomon instances with it (4 of 7 against 6 of 7
     * in the same 10 s runs, 2026-12-07).
     */
    private int nearTours(Plan plan, int[] tourOf, int c) {
        int tours = plan.tours.size();
        if (tours <= GRANULAR_MIN_TOURS || p.timed) {
            return allTours(plan);
        }
        stamp++;
        int count = 0;
        int[] near = p.neighbours[c];
        int limit = Math.min(near.length, GRANULAR_NEIGHBOURS + 1);
        for (int i = 0; i < limit; i++) {
            int t = tourOf[near[i]];
            if (t >= 0 && seen[t] != stamp) {
                seen[t] = stamp;
                candidateTours[count++] = t;
            }
        }
        return count;
    }

    private int allTours(Plan plan) {
        int tours = plan.tours.size();
        for (int t = 0; t < tours; t++) {
            candidateTours[t] = t;
        }
        return tours;
    }

    /**
     * The cheapest feasible position for the customer among the first {@code count} {@link #candidateTours}, as
     * {@code candidate index << POSITION_BITS | position}, or -1 when none fits; each winning position is skipped
     * with the blink probability.
     */
    private int cheapest(Plan plan, int c, int count) {
        int best = -1;
        double bestDelta = Double.MAX_VALUE;
        for (int k = 0; k < count; k++) {
            Tour tour = plan.tours.get(candidateTours[k]);
            if (!tour.hasRoomFor(c)) {
                continue;
            }
            for (int pos = 0; pos <= tour.size(); pos++) {
                double delta = tour.insertionDelta(c, pos);
                // Blinking only matters for positions that would win, so the coin is tossed for those alone.
                if (delta < bestDelta && random.nextDouble() >= BLINK && tour.timeFeasible(c, pos)) {
                    bestDelta = delta;
                    best = k << POSITION_BITS | pos;
                }
            }
        }
        return best;
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
