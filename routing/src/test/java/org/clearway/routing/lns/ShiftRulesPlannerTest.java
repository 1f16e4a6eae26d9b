package org.clearway.routing.lns;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.clearway.routing.Fixtures;
import org.clearway.routing.PlanOptions;
import org.clearway.routing.check.CheckReport;
import org.clearway.routing.check.FeasibilityChecker;
import org.clearway.routing.insert.UnplannedDiagnosis;
import org.clearway.routing.insert.UnplannedStop;
import org.clearway.routing.model.Load;
import org.clearway.routing.model.Problem;
import org.clearway.routing.model.Route;
import org.clearway.routing.model.Solution;
import org.clearway.routing.model.Stop;
import org.clearway.routing.model.Vehicle;
import org.clearway.routing.model.Visit;
import org.clearway.routing.model.VisitKind;
import org.junit.jupiter.api.Test;

/**
 * The shift cap and the stop limit in both of our searches: the whole-model search (a problem with a facility, so
 * several loads per truck) and plain ruin-and-recreate (a problem without one). Six stops of 5 l on a ring; trucks of
 * 10 l per load.
 */
class ShiftRulesPlannerTest {

    private final SearchPlanner planner = new SearchPlanner();

    private static List<Vehicle> trucks(int count, long capacity, Load cap, int maxStops) {
        List<Vehicle> out = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            out.add(new Vehicle("t" + i, "depot", new Load(capacity, capacity * 10), Set.of(), 0, 100_000, null, 0,
                    false, cap, maxStops));
        }
        return out;
    }

    private static long collected(Route route, Problem problem) {
        return route.visits().stream().filter(v -> v.kind() == VisitKind.STOP).map(Visit::id)
                .mapToLong(id -> problem.stops().stream().filter(s -> s.id().equals(id)).findFirst().orElseThrow()
                        .demand().volume()).sum();
    }

    private Solution planFeasibly(Problem problem) {
        Solution solution = planner.plan(problem, PlanOptions.ofSeconds(1));
        CheckReport report = new FeasibilityChecker(problem).check(solution);
        assertThat(report.violations()).isEmpty();
        assertThat(report.feasible()).as("every stop served: " + solution.unplanned()).isTrue();
        return solution;
    }

    @Test
    void theWholeModelSearchKeepsTheShiftCapAcrossLoads() {
        // One truck could take all six with unloads (10 l per load), but may collect only 15 l in its shift.
        Problem problem = Fixtures.problem(trucks(2, 10, new Load(15, Vehicle.NO_CAP), 0), Fixtures.ring(6, 5), true);

        Solution solution = planFeasibly(problem);

        assertThat(solution.stats().status()).startsWith("RUIN_AND_RECREATE_TRIPS");
        assertThat(solution.routes()).hasSize(2).allSatisfy(r -> assertThat(collected(r, problem)).isLessThanOrEqualTo(15));
    }

    @Test
    void theWholeModelSearchKeepsTheStopLimit() {
        // One load holds all six, and one tour of the ring is the shortest plan; but a truck may serve two stops.
        Problem problem = Fixtures.problem(trucks(3, 100, null, 2), Fixtures.ring(6, 5), true);

        Solution solution = planFeasibly(problem);

        assertThat(solution.stats().status()).startsWith("RUIN_AND_RECREATE_TRIPS");
        assertThat(solution.routes()).hasSize(3).allSatisfy(r -> assertThat(r.stopCount()).isLessThanOrEqualTo(2));
    }

    @Test
    void ruinAndRecreateKeepsTheShiftCap() {
        // No facility: one load per truck; 100 l per load, but 10 l per shift.
        Problem problem = Fixtures.problem(trucks(4, 100, new Load(10, Vehicle.NO_CAP), 0), Fixtures.ring(6, 5), false);

        Solution solution = planFeasibly(problem);

        assertThat(solution.stats().status()).startsWith("RUIN_AND_RECREATE");
        assertThat(solution.routes()).hasSize(3).allSatisfy(r -> assertThat(collected(r, problem)).isLessThanOrEqualTo(10));
    }

    @Test
    void ruinAndRecreateKeepsTheStopLimit() {
        Problem problem = Fixtures.problem(trucks(4, 100, null, 2), Fixtures.ring(6, 5), false);

        Solution solution = planFeasibly(problem);

        assertThat(solution.stats().status()).startsWith("RUIN_AND_RECREATE");
        assertThat(solution.routes()).hasSize(3).allSatisfy(r -> assertThat(r.stopCount()).isEqualTo(2));
    }

    @Test
    void whatTheCapsLeaveOutIsPartialAndDiagnosedAsCap() {
        List<Stop> ring = Fixtures.ring(6, 5);
        Problem capped = Fixtures.problem(trucks(1, 10, new Load(10, Vehicle.NO_CAP), 0), ring, true);
        Problem limited = Fixtures.problem(trucks(1, 10, null, 2), ring, true);
        for (Problem problem : List.of(capped, limited)) {
            Solution solution = planner.plan(problem, PlanOptions.ofSeconds(1));
            CheckReport report = new FeasibilityChecker(problem).check(solution);
            assertThat(report.status()).isEqualTo(CheckReport.Status.PARTIAL);
            assertThat(solution.unplanned()).hasSize(4);
            assertThat(new UnplannedDiagnosis(problem).diagnose(solution)).hasSize(4)
                    .allSatisfy(u -> assertThat(u.reason()).isEqualTo(UnplannedStop.Reason.CAP));
        }
    }
}
