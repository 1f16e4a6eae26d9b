package org.clearway.routing.lns;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.List;
import java.util.Set;

import org.clearway.routing.Fixtures;
import org.clearway.routing.PlanOptions;
import org.clearway.routing.bench.ChristofidesReader;
import org.clearway.routing.bench.CvrplibReader;
import org.clearway.routing.bench.SolomonReader;
import org.clearway.routing.check.CheckReport;
import org.clearway.routing.check.FeasibilityChecker;
import org.clearway.routing.insert.UnplannedDiagnosis;
import org.clearway.routing.insert.UnplannedStop;
import org.clearway.routing.model.BreakRule;
import org.clearway.routing.model.Problem;
import org.clearway.routing.model.Route;
import org.clearway.routing.model.Solution;
import org.clearway.routing.model.Stop;
import org.clearway.routing.model.TimeWindow;
import org.clearway.routing.model.Visit;
import org.clearway.routing.model.VisitKind;
import org.junit.jupiter.api.Test;

/** The default planner: our own searches for every problem, no OR-Tools. */
class SearchPlannerTest {

    private final SearchPlanner planner = new SearchPlanner();

    private static CheckReport check(Problem problem, Solution solution) {
        return new FeasibilityChecker(problem).check(solution);
    }

    @Test
    void cvrpInstanceIsPlannedFeasibly() throws IOException {
        Problem problem = new CvrplibReader().read(Fixtures.vrpData().resolve("cvrplib/A-n32-k5.vrp"));
        Solution solution = planner.plan(problem, PlanOptions.ofSeconds(2));
        assertThat(check(problem, solution).violations()).isEmpty();
        assertThat(solution.unplanned()).isEmpty();
        assertThat(solution.distance()).isLessThan(784 * 1.05);
    }

    @Test
    void solomonInstanceIsPlannedFeasibly() throws IOException {
        Problem problem = new SolomonReader().read(Fixtures.vrpData().resolve("solomon/C101.txt"));
        Solution solution = planner.plan(problem, PlanOptions.ofSeconds(2).withMinimiseVehicles(true));
        assertThat(check(problem, solution).violations()).isEmpty();
        assertThat(solution.unplanned()).isEmpty();
    }

    @Test
    void christofidesInstanceIsPlannedFeasibly() throws IOException {
        Problem problem = new ChristofidesReader().read(Fixtures.vrpData().resolve("christofides/vrpnc1.txt"));
        Solution solution = planner.plan(problem, PlanOptions.ofSeconds(2));
        assertThat(check(problem, solution).violations()).isEmpty();
        assertThat(solution.unplanned()).isEmpty();
    }

    @Test
    void oneTruckReloadsTwiceForThreeLoads() {
        Problem problem = Fixtures.problem(List.of(Fixtures.truck("t1", 10, Set.of(), 100_000, null, false)),
                Fixtures.ring(6, 5), true);
        Solution solution = planner.plan(problem, PlanOptions.ofSeconds(1));
        assertThat(check(problem, solution).violations()).isEmpty();
        assertThat(solution.unplanned()).isEmpty();
        assertThat(solution.routes()).hasSize(1);
        assertThat(solution.routes().get(0).unloadCount()).isEqualTo(2);
    }

    @Test
    void truckThatMustEndEmptyUnloadsLast() {
        Problem problem = Fixtures.problem(List.of(Fixtures.truck("t1", 10, Set.of(), 100_000, null, true)),
                Fixtures.ring(6, 5), true);
        Solution solution = planner.plan(problem, PlanOptions.ofSeconds(1));
        assertThat(check(problem, solution).violations()).isEmpty();
        List<Visit> visits = solution.routes().get(0).visits();
        assertThat(visits.get(visits.size() - 2).kind()).isEqualTo(VisitKind.UNLOAD);
    }

    @Test
    void keepsWasteStreamsApart() {
        List<Stop> stops = new java.util.ArrayList<>(Fixtures.ring(6, 2));
        for (int i = 0; i < stops.size(); i += 2) {
            Stop s = stops.get(i);
            stops.set(i, new Stop(s.id(), s.location(), "paper", s.demand(), s.serviceTime(), s.window()));
        }
        Problem problem = Fixtures.problem(List.of(Fixtures.truck("t1", 100, Set.of(), 100_000, null, false)), stops, true);
        Solution solution = planner.plan(problem, PlanOptions.ofSeconds(1));
        assertThat(check(problem, solution).violations()).isEmpty();
        assertThat(solution.unplanned()).isEmpty();
        assertThat(solution.routes().get(0).unloadCount()).isGreaterThanOrEqualTo(1);
    }

    @Test
    void respectsTimeWindowsAndTheBreak() {
        List<Stop> stops = List.of(
                Fixtures.stop("early", 10, 0, "residual", 1, new TimeWindow(0, 30)),
                Fixtures.stop("mid", 0, 10, "residual", 1, new TimeWindow(100, 140)),
                Fixtures.stop("late", -10, 0, "residual", 1, new TimeWindow(200, 260)));
        BreakRule rule = new BreakRule(40, 90, 50);
        Problem problem = Fixtures.problem(List.of(Fixtures.truck("t1", 100, Set.of(), 400, rule, false)), stops, false);
        Solution solution = planner.plan(problem, PlanOptions.ofSeconds(1));
        assertThat(check(problem, solution).violations()).isEmpty();
        assertThat(solution.unplanned()).isEmpty();
        Route route = solution.routes().get(0);
        assertThat(route.breakStart()).isBetween(40.0, 90.0);
        assertThat(route.visits()).extracting(Visit::id).containsSubsequence("early", "mid", "late");
    }

    @Test
    void overloadYieldsPartialPlanWithUnplannedStops() {
        Problem problem = Fixtures.problem(List.of(Fixtures.truck("t1", 10, Set.of(), 100_000, null, false)),
                Fixtures.ring(6, 5), false);
        Solution solution = planner.plan(problem, PlanOptions.ofSeconds(1));
        CheckReport report = check(problem, solution);
        assertThat(report.violations()).isEmpty();
        assertThat(solution.unplanned()).hasSize(4);
        assertThat(solution.routes().get(0).stopCount()).isEqualTo(2);
    }

    /** A day over the fleet says so in its status and returns early, rather than searching its whole budget. */
    @Test
    void dayOverTheFleetIsPartialAndSaysWhy() {
        Problem problem = Fixtures.problem(List.of(Fixtures.truck("t1", 10, Set.of(), 100_000, null, false)),
                Fixtures.ring(6, 5), false);
        long start = System.nanoTime();
        Solution solution = planner.plan(problem, PlanOptions.ofSeconds(20));
        double seconds = (System.nanoTime() - start) / 1e9;
        assertThat(check(problem, solution).status()).isEqualTo(CheckReport.Status.PARTIAL);
        assertThat(solution.unplanned()).hasSize(4);
        assertThat(solution.stats().status()).contains("EXCEEDS_FLEET").contains("one load per truck");
        assertThat(seconds).isLessThan(10);
        assertThat(new UnplannedDiagnosis(problem).diagnose(solution)).hasSize(4)
                .allSatisfy(u -> assertThat(u.reason()).isEqualTo(UnplannedStop.Reason.CAPACITY));
    }

    /**
     * The live service spent its whole 10 s budget on a plan of 2 jobs (11 million iterations): the searches stop
     * after {@link TripSearch#idleLimit} iterations without a better plan, the whole-model search (a facility) and
     * SISR (none) alike.
     */
    @Test
    void aSmallPlanReturnsLongBeforeItsBudget() {
        for (boolean withFacility : new boolean[] {true, false}) {
            Problem problem = Fixtures.problem(List.of(Fixtures.truck("t1", 10, Set.of(), 100_000, null, withFacility)),
                    Fixtures.ring(2, 5), withFacility);
            long start = System.nanoTime();
            Solution solution = planner.plan(problem, PlanOptions.ofSeconds(20));
            double seconds = (System.nanoTime() - start) / 1e9;
            assertThat(check(problem, solution).violations()).isEmpty();
            assertThat(solution.unplanned()).isEmpty();
            assertThat(seconds).as("facility " + withFacility + ": " + solution.stats().status()).isLessThan(5);
        }
    }
}
