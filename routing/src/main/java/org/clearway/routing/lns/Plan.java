package org.clearway.routing.lns;

import java.util.ArrayList;
import java.util.List;

/** A solution of a {@link CompactProblem}: tours plus the customers left out. */
final class Plan {

    final List<Tour> tours;
    final List<Integer> unassigned;

    Plan(List<Tour> tours, List<Integer> unassigned) {
        this.tours = tours;
        this.unassigned = unassigned;
    }

    Plan copy() {
        List<Tour> copies = new ArrayList<>(tours.size());
        for (Tour tour : tours) {
            copies.add(tour.copy());
        }
        return new Plan(copies, new ArrayList<>(unassigned));
    }

    double distance() {
        double sum = 0;
        for (Tour tour : tours) {
            sum += tour.distance();
        }
        return sum;
    }

    /** Distance, fixed costs, and a penalty per customer left out that outweighs any tour. */
    double cost(CompactProblem p, double missingPenalty) {
        return distance() + p.fixedCost * tours.size() + missingPenalty * unassigned.size();
    }

    /** Tour index of every customer, -1 when unassigned. */
    int[] tourIndex(int n) {
        int[] index = new int[n + 1];
        java.util.Arrays.fill(index, -1);
        for (int t = 0; t < tours.size(); t++) {
            Tour tour = tours.get(t);
            for (int i = 0; i < tour.size(); i++) {
                index[tour.node(i)] = t;
            }
        }
        return index;
    }

    void dropEmptyTours() {
        tours.removeIf(t -> t.size() == 0);
    }

    /** Tours as arrays of stop indices (0-based into the compact problem's stops). */
    List<int[]> stopIndices() {
        List<int[]> out = new ArrayList<>();
        for (Tour tour : tours) {
            int[] stops = new int[tour.size()];
            for (int i = 0; i < stops.length; i++) {
                stops[i] = tour.node(i) - 1;
            }
            out.add(stops);
        }
        return out;
    }
}
