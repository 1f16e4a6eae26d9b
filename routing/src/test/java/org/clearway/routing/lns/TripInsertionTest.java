package org.clearway.routing.lns;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.SplittableRandom;

import org.clearway.routing.Fixtures;
import org.clearway.routing.check.CheckReport;
import org.clearway.routing.check.FeasibilityChecker;
import org.clearway.routing.model.BreakRule;
import org.clearway.routing.model.Depot;
import org.clearway.routing.model.DistanceKind;
import org.clearway.routing.model.DistanceModel;
import org.clearway.routing.model.Facility;
import org.clearway.routing.model.Location;
import org.clearway.routing.model.Problem;
import org.clearway.routing.model.ProblemIndex;
import org.clearway.routing.model.Route;
import org.clearway.routing.model.RouteBuilder;
import org.clearway.routing.model.Solution;
import org.clearway.routing.model.SolveStats;
import org.clearway.routing.model.Stop;
import org.clearway.routing.model.TimeWindow;
import org.clearway.routing.model.Vehicle;
import org.clearway.routing.model.Visit;
import org.clearway.routing.model.VisitKind;
import org.junit.jupiter.api.Test;

/** Each rule of the insertion with unloads (planar, speed 1; depot at the origin). */
class TripInsertionTest {

    private static final Facility TIP = new Facility("tip", Location.of(50, 0), Set.of(), null, 30);

    /** Inserts the stops in order, as the first plan does, and returns the checked solution. */
    private static Solution insertAll(Problem problem) {
        ProblemIndex index = new ProblemIndex(problem);
        FleetModel model = FleetModel.of(problem, problem.stops(), index.metric());
        TripPlan plan = TripPlan.empty(model);
        TripInsertion insertion = new TripInsertion(model, new SplittableRandom(1));
        for (int s = 0; s < model.n; s++) {
            if (!insertion.insert(plan, s, false, null)) {
                plan.unassigned.add(s);
            }
        }
        return solution(index, model, plan);
    }

    private static Solution solution(ProblemIndex index, FleetModel model, TripPlan plan) {
        List<Route> routes = new ArrayList<>();
        RouteBuilder builder = new RouteBuilder(index);
        for (TripRoute route : plan.routes) {
            if (route.stops == 0) {
                continue;
            }
            List<Visit> sequence = new ArrayList<>();
            for (int i = 0; i < route.length; i++) {
                int node = route.nodes[i];
                VisitKind kind = i == 0 ? VisitKind.START : i == route.length - 1 ? VisitKind.END
                        : route.isStop(node) ? VisitKind.STOP : VisitKind.UNLOAD;
                String id = kind == VisitKind.STOP ? model.stops[node].id()
                        : kind == VisitKind.UNLOAD ? model.facilities[node - model.n].id() : "depot";
                sequence.add(Visit.ref(kind, id));
            }
            Vehicle vehicle = model.vehicles.get(route.v);
            routes.add(builder.build(vehicle, sequence, java.util.Arrays.copyOf(route.start, route.length),
                    vehicle.breakRule() == null ? null : route.breakStart));
        }
        List<String> unplanned = plan.unassigned.stream().map(s -> model.stops[s].id()).toList();
        return Solution.of(index, routes, unplanned, SolveStats.NONE);
    }

    private static Problem problem(List<Facility> facilities, List<Vehicle> vehicles, List<Stop> stops) {
        return new Problem("test", DistanceModel.of(DistanceKind.EUCLIDEAN, 1.0),
                List.of(new Depot("depot", Location.of(0, 0))), facilities, vehicles, stops);
    }

    private static void assertFeasible(Problem problem, Solution solution) {
        CheckReport report = new FeasibilityChecker(problem).check(solution);
        assertThat(report.violations()).isEmpty();
    }

    private static List<VisitKind> kinds(Route route) {
        return route.visits().stream().map(Visit::kind).toList();
    }

    @Test
    void aFullLoadTakesTheNextStopTogetherWithAnUnload() {
        Problem problem = problem(List.of(TIP), List.of(Fixtures.truck("t", 10, Set.of(), 10_000, null, false)),
                Fixtures.ring(4, 5));
        Solution solution = insertAll(problem);
        assertFeasible(problem, solution);
        assertThat(solution.unplanned()).isEmpty();
        assertThat(solution.routes().get(0).unloadCount()).isEqualTo(1);
    }

    @Test
    void aTruckThatMustEndEmptyTakesItsOnlyStopWithAFinalUnload() {
        Problem problem = problem(List.of(TIP), List.of(Fixtures.truck("t", 10, Set.of(), 10_000, null, true)),
                Fixtures.ring(1, 5));
        Solution solution = insertAll(problem);
        assertFeasible(problem, solution);
        assertThat(kinds(solution.routes().get(0)))
                .containsExactly(VisitKind.START, VisitKind.STOP, VisitKind.UNLOAD, VisitKind.END);
    }

    @Test
    void twoStreamsNeverShareALoadAndEachUnloadsWhereItsStreamIsTaken() {
        Facility paperOnly = new Facility("paper-mill", Location.of(-50, 0), Set.of("paper"), null, 30);
        Facility residualOnly = new Facility("tip", Location.of(50, 0), Set.of("residual"), null, 30);
        List<Stop> stops = List.of(Fixtures.stop("r1", 20, 0, "residual", 1, null),
                Fixtures.stop("p1", 0, 20, "paper", 1, null), Fixtures.stop("r2", 20, 5, "residual", 1, null),
                Fixtures.stop("p2", 0, 25, "paper", 1, null));
        Problem problem = problem(List.of(paperOnly, residualOnly),
                List.of(Fixtures.truck("t", 100, Set.of(), 10_000, null, true)), stops);
        Solution solution = insertAll(problem);
        assertFeasible(problem, solution);
        assertThat(solution.unplanned()).isEmpty();
        assertThat(solution.routes().get(0).unloadCount()).isEqualTo(2);
    }

    @Test
    void anUnloadWaitsForTheFacilityToOpenAndNeverStartsAfterItCloses() {
        Facility late = new Facility("tip", Location.of(50, 0), Set.of(), new TimeWindow(500, 600), 30);
        Problem problem = problem(List.of(late), List.of(Fixtures.truck("t", 10, Set.of(), 10_000, null, true)),
                List.of(Fixtures.stop("a", 20, 0, "residual", 5, null),
                        Fixtures.stop("b", 30, 0, "residual", 5, new TimeWindow(700, 800))));
        Solution solution = insertAll(problem);
        assertFeasible(problem, solution);
        // b's window opens after the facility closes: a truck that must end empty cannot take it.
        assertThat(solution.unplanned()).containsExactly("b");
        Visit unload = solution.routes().get(0).visits().get(2);
        assertThat(unload.kind()).isEqualTo(VisitKind.UNLOAD);
        assertThat(unload.start()).isEqualTo(500);
    }

    @Test
    void stopWindowsAndTheShiftAreKept() {
        List<Stop> stops = List.of(Fixtures.stop("early", 10, 0, "residual", 1, new TimeWindow(0, 50)),
                Fixtures.stop("late", 40, 0, "residual", 1, new TimeWindow(300, 320)),
                Fixtures.stop("never", 1000, 0, "residual", 1, null));
        Problem problem = problem(List.of(TIP), List.of(Fixtures.truck("t", 100, Set.of(), 1500, null, false)), stops);
        Solution solution = insertAll(problem);
        assertFeasible(problem, solution);
        assertThat(solution.unplanned()).containsExactly("never");
    }

    @Test
    void theBreakIsTakenInsideItsWindowWithoutInterruptingService() {
        List<Stop> stops = Fixtures.ring(6, 1);
        BreakRule rule = new BreakRule(50, 60, 100);
        Problem problem = problem(List.of(TIP), List.of(Fixtures.truck("t", 100, Set.of(), 10_000, rule, true)), stops);
        Solution solution = insertAll(problem);
        assertFeasible(problem, solution);
        assertThat(solution.unplanned()).isEmpty();
        assertThat(solution.routes().get(0).breakStart()).isBetween(50.0, 60.0);
    }

    @Test
    void aBreakThatCannotFitLeavesTheStopOut() {
        // The break (100 s, starting by 5) plus the 50 s trip to the stop and back outlast a shift of 130 s.
        BreakRule rule = new BreakRule(0, 5, 100);
        Problem tight = problem(List.of(TIP), List.of(Fixtures.truck("t", 100, Set.of(), 130, rule, false)),
                List.of(Fixtures.stop("a", 20, 0, "residual", 1, null)));
        Solution none = insertAll(tight);
        assertFeasible(tight, none);
        assertThat(none.unplanned()).containsExactly("a");
        Problem roomy = problem(List.of(TIP), List.of(Fixtures.truck("t", 100, Set.of(), 150, rule, false)),
                List.of(Fixtures.stop("a", 20, 0, "residual", 1, null)));
        Solution one = insertAll(roomy);
        assertFeasible(roomy, one);
        assertThat(one.unplanned()).isEmpty();
        assertThat(one.routes().get(0).breakStart()).isEqualTo(0.0);
    }

    @Test
    void streamsATruckMayNotCollectGoToAnotherTruck() {
        Problem problem = problem(List.of(TIP), List.of(Fixtures.truck("residual-only", 100, Set.of("residual"), 10_000,
                null, false), Fixtures.truck("paper-only", 100, Set.of("paper"), 10_000, null, false)),
                List.of(Fixtures.stop("p", 10, 0, "paper", 1, null)));
        Solution solution = insertAll(problem);
        assertFeasible(problem, solution);
        assertThat(solution.routes()).singleElement().extracting(Route::vehicleId).isEqualTo("paper-only");
    }

    /** The re-timing from the change agrees with a full refresh of the changed route, on random routes. */
    @Test
    void timeCheckAgreesWithAFullRefresh() {
        Random random = new Random(3);
        int feasible = 0;
        int infeasible = 0;
        for (int round = 0; round < 30; round++) {
            List<Stop> stops = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                long open = random.nextInt(400);
                stops.add(Fixtures.stop("s" + i, random.nextInt(100) - 50, random.nextInt(100) - 50, "residual", 1,
                        new TimeWindow(open, open + 50 + random.nextInt(400))));
            }
            BreakRule rule = new BreakRule(100 + random.nextInt(100), 300 + random.nextInt(100), 60);
            Problem problem = problem(List.of(TIP), List.of(Fixtures.truck("t", 4, Set.of(), 1200, rule, true)), stops);
            FleetModel model = FleetModel.of(problem, stops, new ProblemIndex(problem).metric());
            TripRoute route = new TripRoute(model, 0);
            int[] one = new int[2];
            for (int s = 0; s < model.n; s++) {
                for (int g = 1; g < route.length; g++) {
                    for (int shape = 0; shape < 2; shape++) {
                        one[0] = s;
                        one[1] = model.n;
                        int count = shape + 1;
                        TripRoute copy = route.copy();
                        boolean expected = copy.apply(g, 0, one, count);
                        assertThat(route.timeFeasible(g, 0, one, count)).isEqualTo(expected);
                        if (expected) {
                            feasible++;
                        } else {
                            infeasible++;
                        }
                    }
                }
                one[0] = s;
                one[1] = model.n;
                TripRoute copy = route.copy();
                if (copy.apply(route.length - 1, 0, one, 2)) {
                    route = copy;
                }
            }
        }
        assertThat(feasible).isPositive();
        assertThat(infeasible).isPositive();
    }

    /**
     * In a long route the first pass tries only the gaps next to the stop's nearest stops; when its window fits
     * none of them, every gap is tried. 150 stops along y = 10 are served in one sweep, one every 11 s; the late
     * stop sits beside stops 60..90, which the truck passes hundreds of seconds before the stop's window
     * (1,500-1,600 s) opens, and waiting that long there ends the shift (2,000 s) late: it fits only where the
     * truck passes at about 1,500 s, far from its nearest stops (without the second pass it is left out).
     */
    @Test
    void aStopWhoseWindowFitsNoGapNearItGoesWhereItFits() {
        List<Stop> stops = new ArrayList<>();
        for (int i = 1; i <= 150; i++) {
            stops.add(Fixtures.stop("s" + i, i, 10, "residual", 1, null));
        }
        stops.add(Fixtures.stop("late", 75, 11, "residual", 1, new TimeWindow(1500, 1600)));
        Problem problem = problem(List.of(), List.of(Fixtures.truck("t", 100_000, Set.of(), 2000, null, false)), stops);
        ProblemIndex index = new ProblemIndex(problem);
        FleetModel model = FleetModel.of(problem, problem.stops(), index.metric());
        TripPlan plan = TripPlan.empty(model);
        TripInsertion insertion = new TripInsertion(model, new SplittableRandom(1));
        for (int s = 0; s < 150; s++) {
            assertThat(insertion.insert(plan, s, false, null)).isTrue();
        }
        assertThat(insertion.insert(plan, 150, false, null)).isTrue();
        TripRoute route = plan.routes[0];
        int at = -1;
        for (int i = 1; i < route.length - 1; i++) {
            if (route.nodes[i] == 150) {
                at = i;
            }
        }
        assertThat(route.start[at]).isBetween(1500.0, 1600.0);
        List<Integer> nearest = java.util.Arrays.stream(model.neighbours[150]).limit(31).boxed().toList();
        assertThat(nearest).doesNotContain(route.nodes[at - 1], route.nodes[at + 1]);
        CheckReport report = new FeasibilityChecker(problem).check(solution(index, model, plan));
        assertThat(report.violations()).isEmpty();
        assertThat(report.partial()).isFalse();
    }
}
