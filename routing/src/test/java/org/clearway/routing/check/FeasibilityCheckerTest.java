package org.clearway.routing.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.clearway.routing.Fixtures.at;
import static org.clearway.routing.Fixtures.route;
import static org.clearway.routing.Fixtures.stop;
import static org.clearway.routing.Fixtures.truck;
import static org.clearway.routing.Fixtures.unload;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.clearway.routing.Fixtures;
import org.clearway.routing.model.BreakRule;
import org.clearway.routing.model.Problem;
import org.clearway.routing.model.ProblemIndex;
import org.clearway.routing.model.Route;
import org.clearway.routing.model.Solution;
import org.clearway.routing.model.SolveStats;
import org.clearway.routing.model.Stop;
import org.clearway.routing.model.TimeWindow;
import org.clearway.routing.model.Visit;
import org.junit.jupiter.api.Test;

class FeasibilityCheckerTest {

    private static final List<Stop> STOPS = List.of(
            stop("a", 0, 10, "residual", 6, null),
            stop("b", 10, 10, "residual", 6, null),
            stop("p", 5, 5, "paper", 2, null));

    private static Problem problem() {
        return Fixtures.problem(List.of(truck("t1", 10, Set.of(), 10_000, null, false)), STOPS, true);
    }

    private static List<Violation> check(Problem problem, Route... routes) {
        return check(problem, List.of(), routes);
    }

    private static List<Violation> check(Problem problem, List<String> unplanned, Route... routes) {
        Solution solution = Solution.of(new ProblemIndex(problem), List.of(routes), unplanned, SolveStats.NONE);
        return new FeasibilityChecker(problem).check(solution).violations();
    }

    private static List<ViolationKind> kinds(List<Violation> violations) {
        return violations.stream().map(Violation::kind).toList();
    }

    @Test
    void validRouteWithUnloadsPasses() {
        Problem problem = problem();
        Route route = route(problem, "t1", null, at("a"), unload(), at("b"), unload(), at("p"));
        assertThat(check(problem, route)).isEmpty();
        assertThat(route.visits().get(2).load().volume()).isZero();
    }

    @Test
    void catchesCapacity() {
        Problem problem = problem();
        assertThat(kinds(check(problem, List.of("p"), route(problem, "t1", null, at("a"), at("b")))))
                .containsExactly(ViolationKind.CAPACITY);
    }

    @Test
    void catchesMixedStreams() {
        Problem problem = problem();
        assertThat(kinds(check(problem, List.of("b"), route(problem, "t1", null, at("a"), at("p")))))
                .containsExactly(ViolationKind.MIXED_STREAMS);
    }

    @Test
    void catchesTruckThatMayNotCollectTheStream() {
        Problem problem = problem().withVehicles(List.of(truck("t1", 10, Set.of("paper"), 10_000, null, false)));
        assertThat(kinds(check(problem, List.of("b", "p"), route(problem, "t1", null, at("a")))))
                .containsExactly(ViolationKind.STREAM_NOT_ALLOWED);
    }

    @Test
    void catchesTimeWindow() {
        List<Stop> stops = new ArrayList<>(STOPS);
        stops.set(0, stop("a", 0, 10, "residual", 6, new TimeWindow(0, 5)));
        Problem problem = Fixtures.problem(problem().vehicles(), stops, true);
        Route late = route(problem, "t1", null, at("b"), unload(), at("a"), unload(), at("p"));
        assertThat(kinds(check(problem, late))).containsExactly(ViolationKind.TIME_WINDOW);
    }

    @Test
    void catchesShiftEnd() {
        Problem problem = problem().withVehicles(List.of(truck("t1", 10, Set.of(), 50, null, false)));
        Route route = route(problem, "t1", null, at("a"), unload(), at("b"), unload(), at("p"));
        assertThat(kinds(check(problem, route))).containsExactly(ViolationKind.SHIFT);
    }

    @Test
    void catchesScheduleFasterThanTravel() {
        Problem problem = problem();
        Route route = route(problem, "t1", null, at("a"), unload(), at("b"), unload(), at("p"));
        List<Visit> visits = new ArrayList<>(route.visits());
        Visit b = visits.get(3);
        visits.set(3, new Visit(b.kind(), b.id(), b.arrival(), b.start() - 5, b.load()));
        assertThat(kinds(check(problem, new Route("t1", visits, null, route.distance()))))
                .contains(ViolationKind.TRAVEL_TIME);
    }

    @Test
    void catchesMissingAndMisplacedBreak() {
        BreakRule rule = new BreakRule(20, 40, 30);
        Problem problem = problem().withVehicles(List.of(truck("t1", 10, Set.of(), 10_000, rule, false)));
        Route noBreak = route(problem, "t1", null, at("a"), unload(), at("b"), unload(), at("p"));
        assertThat(kinds(check(problem, noBreak))).containsExactly(ViolationKind.BREAK);
        Route outsideWindow = route(problem, "t1", 100.0, at("a"), unload(), at("b"), unload(), at("p"));
        assertThat(kinds(check(problem, outsideWindow))).contains(ViolationKind.BREAK);
        Route duringService = route(problem, "t1", 25.0, at("a"), unload(), at("b"), unload(), at("p"));
        assertThat(kinds(check(problem, duringService))).contains(ViolationKind.BREAK);
    }

    @Test
    void acceptsBreakAfterTheRoute() {
        BreakRule rule = new BreakRule(0, 10_000, 30);
        Problem problem = problem().withVehicles(List.of(truck("t1", 10, Set.of(), 10_000, rule, false)));
        Route route = route(problem, "t1", null, at("a"), unload(), at("b"), unload(), at("p"));
        Route withBreak = new Route("t1", route.visits(), route.endTime(), route.distance());
        assertThat(check(problem, withBreak)).isEmpty();
    }

    @Test
    void catchesDuplicateAndMissingStops() {
        Problem problem = problem();
        Route twice = route(problem, "t1", null, at("a"), unload(), at("a"), unload(), at("p"));
        assertThat(kinds(check(problem, twice))).containsExactlyInAnyOrder(ViolationKind.DUPLICATE_STOP,
                ViolationKind.MISSING_STOP);
    }

    @Test
    void unplannedStopsAreNotViolations() {
        Problem problem = problem();
        assertThat(check(problem, List.of("b", "p"), route(problem, "t1", null, at("a")))).isEmpty();
    }

    @Test
    void catchesReturningLoadedWhenTheTruckMustEndEmpty() {
        Problem problem = problem().withVehicles(List.of(truck("t1", 10, Set.of(), 10_000, null, true)));
        Route route = route(problem, "t1", null, at("a"), unload(), at("b"), unload(), at("p"));
        assertThat(kinds(check(problem, route))).containsExactly(ViolationKind.RETURNED_LOADED);
        Route emptied = route(problem, "t1", null, at("a"), unload(), at("b"), unload(), at("p"), unload());
        assertThat(check(problem, emptied)).isEmpty();
    }

    @Test
    void catchesUnknownTruckAndWrongReports() {
        Problem problem = problem();
        Route route = route(problem, "t1", null, at("a"), unload(), at("b"), unload(), at("p"));
        Route ghost = new Route("t9", route.visits(), null, route.distance());
        assertThat(kinds(check(problem, ghost))).contains(ViolationKind.UNKNOWN_VEHICLE);
        Route wrongDistance = new Route("t1", route.visits(), null, route.distance() + 1);
        assertThat(kinds(check(problem, wrongDistance))).containsOnly(ViolationKind.REPORT_MISMATCH);
    }
}
