package org.clearway.routing.lns;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

import org.clearway.routing.Fixtures;
import org.clearway.routing.model.Problem;
import org.clearway.routing.model.Stop;
import org.clearway.routing.model.TravelMetric;
import org.clearway.routing.model.Vehicle;
import org.junit.jupiter.api.Test;

/** The SISR moves' bookkeeping: plans that share tours, the neighbour lists, the granular insertion's fallback. */
class RuinRecreateTest {

    /** Trucks of 5 stops each; stops of 1 l, one per unit along the x axis from x = 1. */
    private static CompactProblem line(int stops, int trucks) {
        List<Stop> list = new ArrayList<>();
        for (int i = 1; i <= stops; i++) {
            list.add(Fixtures.stop("s" + i, i, 0, "residual", 1, null));
        }
        List<Vehicle> fleet = IntStream.range(0, trucks).mapToObj(i -> Fixtures.truck("t" + i, 5, Set.of(), 1_000_000, null, false))
                .toList();
        Problem problem = Fixtures.problem(fleet, list, false);
        return CompactProblem.of(problem, list, new TravelMetric(problem.distanceModel())).orElseThrow();
    }

    private static Tour tour(CompactProblem p, int... customers) {
        Tour tour = new Tour(p);
        for (int c : customers) {
            tour.insert(c, tour.size());
        }
        return tour;
    }

    private static List<int[]> nodes(Plan plan) {
        List<int[]> out = new ArrayList<>();
        for (Tour t : plan.tours) {
            out.add(IntStream.range(0, t.size()).map(t::node).toArray());
        }
        return out;
    }

    @Test
    void aRuinedCopyLeavesTheOriginalAndItsOtherCopiesUnchanged() {
        CompactProblem p = line(30, 6);
        RuinRecreate moves = new RuinRecreate(p, new SplittableRandom(3));
        Plan original = new Plan(new ArrayList<>(), new ArrayList<>());
        moves.recreate(original, new ArrayList<>(IntStream.rangeClosed(1, 30).boxed().toList()), Integer.MAX_VALUE, null);
        List<int[]> before = nodes(original);
        double distance = original.distance();
        Plan kept = original.copy();
        for (int round = 0; round < 50; round++) {
            Plan next = (round % 2 == 0 ? original : kept).copy();
            List<Integer> removed = new ArrayList<>();
            moves.ruin(next, removed, 1 + round % 30);
            assertThat(removed).isNotEmpty();
            moves.recreate(next, removed, Integer.MAX_VALUE, null);
        }
        assertThat(nodes(original)).usingRecursiveComparison().isEqualTo(before);
        assertThat(nodes(kept)).usingRecursiveComparison().isEqualTo(before);
        assertThat(original.distance()).isEqualTo(distance);
        // And the original, changed after it was copied, does not change its copy.
        List<Integer> removed = new ArrayList<>();
        moves.ruin(original, removed, 5);
        assertThat(nodes(kept)).usingRecursiveComparison().isEqualTo(before);
        assertThat(Arrays.stream(nodes(original).toArray(int[][]::new)).mapToInt(a -> a.length).sum()).isEqualTo(30 - removed.size());
    }

    @Test
    void neighbourListsAreSortedByDistanceItselfFirstTiesByIndex() {
        CompactProblem p = line(40, 8);
        for (int i = 1; i <= p.n; i++) {
            final int from = i;
            int[] expected = IntStream.rangeClosed(1, p.n).boxed()
                    .sorted(Comparator.comparingDouble((Integer j) -> j == from ? -1 : p.distance[from][j]))
                    .mapToInt(Integer::intValue).toArray();
            assertThat(p.neighbours[i]).as("neighbours of %d", i).containsExactly(expected);
        }
        // On the line, 20's nearest are 19 and 21 (tie: the lower index first), then 18 and 22.
        assertThat(Arrays.copyOf(p.neighbours[20], 5)).containsExactly(20, 19, 21, 18, 22);
    }

    @Test
    void aCustomerWhoseNearToursAreFullGoesToAFarTourWithRoom() {
        // Customers 2..51 fill ten tours of five; 52..55 and 56 sit in two far tours with room; 1 is left out.
        CompactProblem p = line(56, 12);
        List<Tour> tours = new ArrayList<>();
        for (int t = 0; t < 10; t++) {
            tours.add(tour(p, 5 * t + 2, 5 * t + 3, 5 * t + 4, 5 * t + 5, 5 * t + 6));
        }
        tours.add(tour(p, 52, 53, 54, 55));
        tours.add(tour(p, 56));
        Plan plan = new Plan(tours, new ArrayList<>());
        // Customer 1's nearest (2..41) are all in full tours, and the plan may not open a thirteenth.
        new RuinRecreate(p, new SplittableRandom(1)).recreate(plan, new ArrayList<>(List.of(1)), plan.tours.size(), null);
        assertThat(plan.unassigned).isEmpty();
        assertThat(plan.tours).hasSize(12);
        int[] tourOf = plan.tourIndex(new int[p.n + 1]);
        assertThat(tourOf[1]).isIn(10, 11);
        for (Tour t : plan.tours) {
            assertThat(t.size()).isLessThanOrEqualTo(5);
        }
    }
}
