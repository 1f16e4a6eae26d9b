package org.clearway.routing.lns;

import java.util.Arrays;

/**
 * One truck's tour in a {@link CompactProblem}: stop nodes between two depot visits, with its load, length and
 * schedule bounds cached so that an insertion is checked in constant time. {@code earliest[i]} is the earliest
 * service start at position i; {@code latest[i]} the latest start that keeps the rest of the tour feasible.
 */
final class Tour {

    private final CompactProblem p;
    private int[] nodes;
    private int size;
    private long volume;
    private long weight;
    private double distance;
    private double[] earliest;
    private double[] latest;
    /** The plan that may change this tour in place ({@link Plan#writable(int)}). */
    Object owner;

    Tour(CompactProblem p) {
        this.p = p;
        this.nodes = new int[8];
        this.earliest = new double[8];
        this.latest = new double[8];
    }

    Tour copy() {
        Tour t = new Tour(p);
        t.nodes = nodes.clone();
        t.earliest = earliest.clone();
        t.latest = latest.clone();
        t.size = size;
        t.volume = volume;
        t.weight = weight;
        t.distance = distance;
        return t;
    }

    int size() {
        return size;
    }

    int node(int position) {
        return nodes[position];
    }

    double distance() {
        return distance;
    }

    int indexOf(int customer) {
        for (int i = 0; i < size; i++) {
            if (nodes[i] == customer) {
                return i;
            }
        }
        return -1;
    }

    boolean hasRoomFor(int customer) {
        return p.fits(volume, weight, size, customer);
    }

    /** Extra distance of inserting the customer before position {@code position} (0..size). */
    double insertionDelta(int customer, int position) {
        int pred = position == 0 ? 0 : nodes[position - 1];
        int succ = position == size ? 0 : nodes[position];
        return p.distance[pred][customer] + p.distance[customer][succ] - p.distance[pred][succ];
    }

    /** Whether the windows and the shift still hold with the customer inserted before {@code position}. */
    boolean timeFeasible(int customer, int position) {
        if (!p.timed) {
            return true;
        }
        int pred = position == 0 ? 0 : nodes[position - 1];
        double leave = position == 0 ? p.open : earliest[position - 1] + p.service[pred];
        double start = Math.max(p.ready[customer], leave + p.travel[pred][customer]);
        if (start > p.due[customer] + CompactProblem.EPS) {
            return false;
        }
        int succ = position == size ? 0 : nodes[position];
        double limit = position == size ? p.close : latest[position];
        return start + p.service[customer] + p.travel[customer][succ] <= limit + CompactProblem.EPS;
    }

    void insert(int customer, int position) {
        if (size == nodes.length) {
            int grown = size * 2;
            nodes = Arrays.copyOf(nodes, grown);
            earliest = new double[grown];
            latest = new double[grown];
        }
        System.arraycopy(nodes, position, nodes, position + 1, size - position);
        nodes[position] = customer;
        size++;
        refresh();
    }

    /** Removes the visits at the given positions (any order, no duplicates), then refreshes the caches. */
    void removeAll(int[] positions, int count) {
        boolean[] drop = new boolean[size];
        for (int i = 0; i < count; i++) {
            drop[positions[i]] = true;
        }
        int kept = 0;
        for (int i = 0; i < size; i++) {
            if (!drop[i]) {
                nodes[kept++] = nodes[i];
            }
        }
        size = kept;
        refresh();
    }

    private void refresh() {
        volume = 0;
        weight = 0;
        distance = 0;
        int prev = 0;
        for (int i = 0; i < size; i++) {
            volume += p.volume[nodes[i]];
            weight += p.weight[nodes[i]];
            distance += p.distance[prev][nodes[i]];
            prev = nodes[i];
        }
        distance += p.distance[prev][0];
        if (!p.timed || size == 0) {
            return;
        }
        double leave = p.open;
        prev = 0;
        for (int i = 0; i < size; i++) {
            int node = nodes[i];
            earliest[i] = Math.max(p.ready[node], leave + p.travel[prev][node]);
            leave = earliest[i] + p.service[node];
            prev = node;
        }
        double limit = p.close;
        int next = 0;
        for (int i = size - 1; i >= 0; i--) {
            int node = nodes[i];
            latest[i] = Math.min(p.due[node], limit - p.service[node] - p.travel[node][next]);
            limit = latest[i];
            next = node;
        }
    }

    /**
     * Intra-tour improvement for tours without a schedule to keep ({@link CompactProblem#timed} false): 2-opt
     * (reverse a section; only with symmetric distances) and or-opt (move a run of 1-3 visits elsewhere in the
     * tour, reversed too when distances are symmetric), first improvement, until neither finds a shorter tour.
     * Load and stops are unchanged, so capacity still holds. Returns whether the tour got shorter.
     */
    boolean improve() {
        if (p.timed || size < 3) {
            return false;
        }
        double before = distance;
        boolean changed = false;
        boolean again = true;
        while (again) {
            again = (p.symmetric && twoOpt()) | orOpt();
            changed |= again;
        }
        if (changed) {
            refresh();
        }
        return distance < before - 1e-9;
    }

    /** One pass of first-improvement 2-opt over the tour (depot at both ends); whether it reversed a section. */
    boolean twoOpt() {
        boolean improved = false;
        double[][] d = p.distance;
        for (int i = 0; i < size - 1; i++) {
            int a = i == 0 ? 0 : nodes[i - 1];
            int b = nodes[i];
            for (int j = i + 1; j < size; j++) {
                int c = nodes[j];
                int e = j == size - 1 ? 0 : nodes[j + 1];
                if (d[a][c] + d[b][e] < d[a][b] + d[c][e] - 1e-9) {
                    for (int lo = i, hi = j; lo < hi; lo++, hi--) {
                        int t = nodes[lo];
                        nodes[lo] = nodes[hi];
                        nodes[hi] = t;
                    }
                    b = nodes[i];
                    improved = true;
                }
            }
        }
        return improved;
    }

    /** One pass of or-opt: each run of 1-3 visits moved to its best other place, if shorter; whether one moved. */
    boolean orOpt() {
        boolean improved = false;
        double[][] d = p.distance;
        for (int len = 1; len <= 3; len++) {
            for (int i = 0; i + len <= size; i++) {
                int first = nodes[i];
                int last = nodes[i + len - 1];
                int before = i == 0 ? 0 : nodes[i - 1];
                int after = i + len == size ? 0 : nodes[i + len];
                double removal = d[before][after] - d[before][first] - d[last][after];
                double bestDelta = -1e-9;
                int bestGap = -1;
                boolean bestReversed = false;
                // Gap g lies between position g-1 and g of the tour (g = 0: after the depot, g = size: before it).
                for (int g = 0; g <= size; g++) {
                    if (g >= i && g <= i + len) {
                        continue;
                    }
                    int x = g == 0 ? 0 : nodes[g - 1];
                    int y = g == size ? 0 : nodes[g];
                    double forward = removal + d[x][first] + d[last][y] - d[x][y];
                    if (forward < bestDelta) {
                        bestDelta = forward;
                        bestGap = g;
                        bestReversed = false;
                    }
                    double reversed = removal + d[x][last] + d[first][y] - d[x][y];
                    if (p.symmetric && len > 1 && reversed < bestDelta) {
                        bestDelta = reversed;
                        bestGap = g;
                        bestReversed = true;
                    }
                }
                if (bestGap >= 0) {
                    moveRun(i, len, bestGap, bestReversed);
                    improved = true;
                }
            }
        }
        return improved;
    }

    /** Moves the run of {@code len} visits at {@code from} into gap {@code gap} (outside the run), maybe reversed. */
    private void moveRun(int from, int len, int gap, boolean reversed) {
        int[] run = Arrays.copyOfRange(nodes, from, from + len);
        if (reversed) {
            for (int lo = 0, hi = len - 1; lo < hi; lo++, hi--) {
                int t = run[lo];
                run[lo] = run[hi];
                run[hi] = t;
            }
        }
        if (gap < from) {
            System.arraycopy(nodes, gap, nodes, gap + len, from - gap);
            System.arraycopy(run, 0, nodes, gap, len);
        } else {
            System.arraycopy(nodes, from + len, nodes, from, gap - from - len);
            System.arraycopy(run, 0, nodes, gap - len, len);
        }
    }

    /** A tour serving one customer, or null when even that breaks a window or the shift. */
    static Tour single(CompactProblem p, int customer) {
        Tour t = new Tour(p);
        if (!t.timeFeasible(customer, 0)) {
            return null;
        }
        t.insert(customer, 0);
        return t;
    }
}
