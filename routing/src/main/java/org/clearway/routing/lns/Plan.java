package org.clearway.routing.lns;

import java.util.ArrayList;
import java.util.List;

/**
 * A solution of a {@link CompactProblem}: tours plus the customers left out.
 *
 * <p>Copies share their tours until one of them changes a tour: {@link #copy()} is a shallow copy (one list of
 * references, instead of every tour's arrays) and {@link #writable(int)} copies a tour the first time this plan
 * changes it. Each plan holds an ownership token; a tour is changed in place only by the plan whose token it
 * carries, and a copy gives both plans fresh tokens, so neither can change a tour the other still sees.
 */
final class Plan {

    final List<Tour> tours;
    final List<Integer> unassigned;
    private Object owner = new Object();

    Plan(List<Tour> tours, List<Integer> unassigned) {
        this.tours = tours;
        this.unassigned = unassigned;
        for (Tour tour : tours) {
            tour.owner = owner;
        }
    }

    Plan copy() {
        owner = new Object();
        return new Plan(new ArrayList<>(tours), new ArrayList<>(unassigned), new Object());
    }

    private Plan(List<Tour> tours, List<Integer> unassigned, Object owner) {
        this.tours = tours;
        this.unassigned = unassigned;
        this.owner = owner;
    }

    /** The tour at {@code index}, copied first when another plan may still see it; change tours only through this. */
    Tour writable(int index) {
        Tour tour = tours.get(index);
        if (tour.owner != owner) {
            tour = tour.copy();
            tour.owner = owner;
            tours.set(index, tour);
        }
        return tour;
    }

    /** Adds a new tour that this plan owns. */
    void add(Tour tour) {
        tour.owner = owner;
        tours.add(tour);
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

    /** Tour index of every customer, -1 when unassigned, written into {@code index} (one slot per node). */
    int[] tourIndex(int[] index) {
        java.util.Arrays.fill(index, -1);
        for (int t = 0; t < tours.size(); t++) {
            Tour tour = tours.get(t);
            for (int i = 0; i < tour.size(); i++) {
                index[tour.node(i)] = t;
            }
        }
        return index;
    }

    /**
     * Runs {@link Tour#improve()} on the tours this plan changed or added since it was last copied (the tours it
     * owns; shared tours were improved by the plan that changed them).
     */
    void improveOwnTours() {
        for (Tour tour : tours) {
            if (tour.owner == owner) {
                tour.improve();
            }
        }
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
