package org.clearway.routing.lns;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;

import org.clearway.routing.Fixtures;
import org.clearway.routing.model.Problem;
import org.clearway.routing.model.Stop;
import org.clearway.routing.model.TimeWindow;
import org.clearway.routing.model.TravelMetric;
import org.junit.jupiter.api.Test;

class TourTest {

    /** The constant-time insertion check agrees with recomputing the whole schedule, on random tours and windows. */
    @Test
    void insertionCheckAgreesWithAFullScheduleRecomputation() {
        Random random = new Random(7);
        int agreedFeasible = 0;
        int agreedInfeasible = 0;
        for (int round = 0; round < 40; round++) {
            List<Stop> stops = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                long start = random.nextInt(300);
                stops.add(Fixtures.stop("s" + i, random.nextInt(100) - 50, random.nextInt(100) - 50, "residual", 1,
                        new TimeWindow(start, start + 20 + random.nextInt(200))));
            }
            Problem problem = Fixtures.problem(List.of(Fixtures.truck("t", 1000, Set.of(), 700, null, false)), stops, false);
            CompactProblem compact = CompactProblem.of(problem, stops, new TravelMetric(problem.distanceModel())).orElseThrow();
            Tour tour = new Tour(compact);
            for (int c = 1; c <= compact.n; c++) {
                for (int pos = 0; pos <= tour.size(); pos++) {
                    boolean expected = feasible(compact, withInserted(tour, c, pos));
                    assertThat(tour.timeFeasible(c, pos)).as("customer %d at %d of %s", c, pos, nodes(tour)).isEqualTo(expected);
                    if (expected) {
                        agreedFeasible++;
                    } else {
                        agreedInfeasible++;
                    }
                }
                int pos = random.nextInt(tour.size() + 1);
                if (tour.timeFeasible(c, pos)) {
                    tour.insert(c, pos);
                }
            }
        }
        assertThat(agreedFeasible).isPositive();
        assertThat(agreedInfeasible).isPositive();
    }

    @Test
    void removingVisitsKeepsTheOthersInOrderAndUpdatesTheDistance() {
        List<Stop> stops = Fixtures.ring(6, 5);
        Problem problem = Fixtures.problem(List.of(Fixtures.truck("t", 100, Set.of(), 100_000, null, false)), stops, false);
        CompactProblem compact = CompactProblem.of(problem, stops, new TravelMetric(problem.distanceModel())).orElseThrow();
        Tour tour = new Tour(compact);
        for (int c = 1; c <= 6; c++) {
            tour.insert(c, tour.size());
        }
        tour.removeAll(new int[] {4, 1}, 2);
        assertThat(nodes(tour)).containsExactly(1, 3, 4, 6);
        double expected = compact.distance[0][1] + compact.distance[1][3] + compact.distance[3][4]
                + compact.distance[4][6] + compact.distance[6][0];
        assertThat(tour.distance()).isCloseTo(expected, org.assertj.core.data.Offset.offset(1e-9));
    }

    /**
     * 2-opt and or-opt on random tours never lengthen a tour, keep its customers, and the cached distance equals the
     * recomputed one; on these scrambled tours they shorten most of them.
     */
    @Test
    void intraTourImprovementNeverWorsensAndKeepsTheCustomers() {
        Random random = new Random(5);
        int shortened = 0;
        for (int round = 0; round < 50; round++) {
            List<Stop> stops = new ArrayList<>();
            for (int i = 0; i < 3 + random.nextInt(30); i++) {
                stops.add(Fixtures.stop("s" + i, random.nextInt(200) - 100, random.nextInt(200) - 100, "residual", 1, null));
            }
            Problem problem = Fixtures.problem(List.of(Fixtures.truck("t", 1000, Set.of(), 1_000_000_000, null, false)), stops, false);
            CompactProblem compact = CompactProblem.of(problem, stops, new TravelMetric(problem.distanceModel())).orElseThrow();
            Tour tour = new Tour(compact);
            for (int c = 1; c <= compact.n; c++) {
                tour.insert(c, random.nextInt(tour.size() + 1));
            }
            List<Integer> before = nodes(tour);
            double length = tour.distance();
            boolean improved = tour.improve();
            assertThat(tour.distance()).isLessThanOrEqualTo(length + 1e-9);
            assertThat(improved).isEqualTo(tour.distance() < length - 1e-9);
            assertThat(nodes(tour)).containsExactlyInAnyOrderElementsOf(before);
            assertThat(tour.distance()).isCloseTo(length(compact, nodes(tour)), org.assertj.core.data.Offset.offset(1e-6));
            assertThat(tour.improve()).as("a second pass finds nothing more").isFalse();
            if (improved) {
                shortened++;
            }
        }
        assertThat(shortened).isGreaterThan(40);
    }

    /** With time windows the tour is left as it is: its schedule is not re-checked by the improvement. */
    @Test
    void intraTourImprovementLeavesTimedToursAlone() {
        List<Stop> stops = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            stops.add(Fixtures.stop("s" + i, 20 * (i % 2 == 0 ? 1 : -1), 3 * i, "residual", 1, new TimeWindow(0, 10_000)));
        }
        Problem problem = Fixtures.problem(List.of(Fixtures.truck("t", 1000, Set.of(), 100_000, null, false)), stops, false);
        CompactProblem compact = CompactProblem.of(problem, stops, new TravelMetric(problem.distanceModel())).orElseThrow();
        Tour tour = new Tour(compact);
        for (int c = 1; c <= compact.n; c++) {
            tour.insert(c, tour.size());
        }
        List<Integer> before = nodes(tour);
        assertThat(tour.improve()).isFalse();
        assertThat(nodes(tour)).isEqualTo(before);
    }

    private static double length(CompactProblem p, List<Integer> sequence) {
        double sum = 0;
        int prev = 0;
        for (int node : sequence) {
            sum += p.distance[prev][node];
            prev = node;
        }
        return sum + p.distance[prev][0];
    }

    private static List<Integer> nodes(Tour tour) {
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < tour.size(); i++) {
            out.add(tour.node(i));
        }
        return out;
    }

    private static List<Integer> withInserted(Tour tour, int customer, int position) {
        List<Integer> out = nodes(tour);
        out.add(position, customer);
        return out;
    }

    /** Earliest schedule from the depot: every window met and back before the shift ends. */
    private static boolean feasible(CompactProblem p, List<Integer> sequence) {
        double time = p.open;
        int prev = 0;
        for (int node : sequence) {
            time = Math.max(p.ready[node], time + p.travel[prev][node]);
            if (time > p.due[node] + CompactProblem.EPS) {
                return false;
            }
            time += p.service[node];
            prev = node;
        }
        return time + p.travel[prev][0] <= p.close + CompactProblem.EPS;
    }
}
