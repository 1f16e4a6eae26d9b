package org.clearway.routing.lns;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

import org.clearway.routing.Fixtures;
import org.clearway.routing.bench.CvrplibReader;
import org.clearway.routing.check.FeasibilityChecker;
import org.clearway.routing.model.Load;
import org.clearway.routing.model.Problem;
import org.clearway.routing.model.ProblemIndex;
import org.clearway.routing.model.RouteBuilder;
import org.clearway.routing.model.Solution;
import org.clearway.routing.model.SolveStats;
import org.clearway.routing.model.Stop;
import org.clearway.routing.model.TravelMetric;
import org.clearway.routing.model.Vehicle;
import org.junit.jupiter.api.Test;

class SavingsTest {

    /** Random instances: every customer exactly once, every tour within capacity and the stop limit. */
    @Test
    void savingsToursServeEveryCustomerOnceWithinCapacityAndStopLimit() {
        Random random = new Random(11);
        for (int round = 0; round < 30; round++) {
            List<Stop> stops = new ArrayList<>();
            int count = 5 + random.nextInt(120);
            for (int i = 0; i < count; i++) {
                stops.add(Fixtures.stop("s" + i, random.nextInt(200) - 100, random.nextInt(200) - 100, "residual",
                        1 + random.nextInt(30), null));
            }
            int maxStops = round % 2 == 0 ? 0 : 3 + random.nextInt(8);
            Vehicle truck = new Vehicle("t", "depot", new Load(60, 600), Set.of(), 0, 1_000_000_000, null, 0, false,
                    null, maxStops);
            Problem problem = Fixtures.problem(List.of(truck), stops, false);
            CompactProblem p = CompactProblem.of(problem, stops, new TravelMetric(problem.distanceModel())).orElseThrow();
            Plan plan = new Savings(p).build();
            Set<Integer> seen = new HashSet<>();
            for (Tour tour : plan.tours) {
                long volume = 0;
                for (int i = 0; i < tour.size(); i++) {
                    assertThat(seen.add(tour.node(i))).as("customer %d twice", tour.node(i)).isTrue();
                    volume += p.volume[tour.node(i)];
                }
                assertThat(volume).isLessThanOrEqualTo(60);
                if (maxStops > 0) {
                    assertThat(tour.size()).isLessThanOrEqualTo(maxStops);
                }
            }
            assertThat(seen).hasSize(count);
            assertThat(plan.unassigned).isEmpty();
        }
    }

    /**
     * On a CVRPLIB instance the savings plan passes the checker and is far shorter than one tour per customer
     * (every merge saves distance); A-n32-k5's best known is 784, savings lands within about 10 % of it.
     */
    @Test
    void savingsPlanOfACvrpInstancePassesTheCheckerAndIsCloseToTheBestKnown() throws IOException {
        Problem problem = new CvrplibReader().read(Fixtures.vrpData().resolve("cvrplib/A-n32-k5.vrp"));
        CompactProblem p = CompactProblem.of(problem, problem.stops(), new TravelMetric(problem.distanceModel())).orElseThrow();
        Plan plan = new Savings(p).build();
        plan.improveOwnTours();
        ProblemIndex index = new ProblemIndex(problem);
        Solution solution = Solution.of(index, p.routes(plan.stopIndices(), new RouteBuilder(index)), List.of(),
                new SolveStats("savings", 0, 0));
        assertThat(new FeasibilityChecker(problem).check(solution).violations()).isEmpty();
        double alone = 0;
        for (int c = 1; c <= p.n; c++) {
            alone += 2 * p.distance[0][c];
        }
        assertThat(plan.distance()).isLessThan(alone / 2).isLessThanOrEqualTo(784 * 1.10);
    }
}
