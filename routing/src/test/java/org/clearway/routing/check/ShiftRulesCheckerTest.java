package org.clearway.routing.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.clearway.routing.Fixtures.at;
import static org.clearway.routing.Fixtures.route;
import static org.clearway.routing.Fixtures.stop;
import static org.clearway.routing.Fixtures.unload;

import java.util.List;
import java.util.Set;

import org.clearway.routing.Fixtures;
import org.clearway.routing.model.Load;
import org.clearway.routing.model.Problem;
import org.clearway.routing.model.ProblemIndex;
import org.clearway.routing.model.Route;
import org.clearway.routing.model.Solution;
import org.clearway.routing.model.SolveStats;
import org.clearway.routing.model.Stop;
import org.clearway.routing.model.Vehicle;
import org.junit.jupiter.api.Test;

/** The shift cap and the stop limit, across all loads of a shift, and the partial verdict. */
class ShiftRulesCheckerTest {

    private static final List<Stop> STOPS = List.of(
            stop("a", 0, 10, "residual", 6, null),
            stop("b", 10, 10, "residual", 6, null),
            stop("c", 5, 5, "residual", 2, null));

    /** 10 l per load, unloads at the facility; the cap and the limit are on the whole shift. */
    private static Problem problem(Load shiftCap, int maxStops) {
        Vehicle truck = new Vehicle("t1", "depot", new Load(10, 100), Set.of(), 0, 10_000, null, 0, false, shiftCap, maxStops);
        return Fixtures.problem(List.of(truck), STOPS, true);
    }

    private static CheckReport check(Problem problem, List<String> unplanned, Route... routes) {
        return new FeasibilityChecker(problem).check(Solution.of(new ProblemIndex(problem), List.of(routes), unplanned,
                SolveStats.NONE));
    }

    @Test
    void everyLoadWithinCapacityButTheShiftAboveItsCapIsAViolation() {
        Problem problem = problem(new Load(12, Vehicle.NO_CAP), 0);
        Route route = route(problem, "t1", null, at("a"), unload(), at("b"), unload(), at("c"));

        CheckReport report = check(problem, List.of(), route);

        assertThat(report.violations()).singleElement().satisfies(v -> {
            assertThat(v.kind()).isEqualTo(ViolationKind.SHIFT_CAP);
            assertThat(v.subject()).isEqualTo("c");
            assertThat(v.message()).contains("14 l");
        });
        assertThat(report.status()).isEqualTo(CheckReport.Status.INFEASIBLE);
    }

    @Test
    void theWeightCapBindsToo() {
        Problem problem = problem(new Load(Vehicle.NO_CAP, 13), 0); // the fixtures' stops weigh as much as their volume
        Route route = route(problem, "t1", null, at("a"), unload(), at("b"), unload(), at("c"));

        assertThat(check(problem, List.of(), route).violations()).extracting(Violation::kind)
                .containsExactly(ViolationKind.SHIFT_CAP);
        Problem roomy = problem(new Load(Vehicle.NO_CAP, 14), 0);
        assertThat(check(roomy, List.of(), route(roomy, "t1", null, at("a"), unload(), at("b"), unload(), at("c")))
                .feasible()).isTrue();
    }

    @Test
    void moreStopsThanTheLimitIsAViolation() {
        Problem problem = problem(null, 2);
        Route route = route(problem, "t1", null, at("a"), unload(), at("b"), unload(), at("c"));

        assertThat(check(problem, List.of(), route).violations()).singleElement().satisfies(v -> {
            assertThat(v.kind()).isEqualTo(ViolationKind.STOP_LIMIT);
            assertThat(v.subject()).isEqualTo("c");
        });
        Route two = route(problem, "t1", null, at("a"), unload(), at("b"));
        assertThat(check(problem, List.of("c"), two).violations()).isEmpty();
    }

    @Test
    void aPlanThatLeavesAStopOutIsPartialNeverFeasible() {
        Problem problem = problem(null, 0);
        Route route = route(problem, "t1", null, at("a"), unload(), at("b"));

        CheckReport report = check(problem, List.of("c"), route);

        assertThat(report.rulesHold()).isTrue();
        assertThat(report.feasible()).isFalse();
        assertThat(report.partial()).isTrue();
        assertThat(report.status()).isEqualTo(CheckReport.Status.PARTIAL);
        assertThat(report.verdict()).isEqualTo("PARTIAL (1 stop unplanned)");
        assertThat(report.unplanned()).containsExactly("c");
    }
}
