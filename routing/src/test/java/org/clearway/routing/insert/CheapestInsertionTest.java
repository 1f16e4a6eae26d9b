package org.clearway.routing.insert;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;

import org.clearway.routing.Fixtures;
import org.clearway.routing.PlanOptions;
import org.clearway.routing.UrgentInsertion;
import org.clearway.routing.check.FeasibilityChecker;
import org.clearway.routing.lns.SearchPlanner;
import org.clearway.routing.model.BreakRule;
import org.clearway.routing.model.Problem;
import org.clearway.routing.model.Route;
import org.clearway.routing.model.Solution;
import org.clearway.routing.model.Stop;
import org.clearway.routing.model.Visit;
import org.clearway.routing.model.VisitKind;
import org.junit.jupiter.api.Test;

class CheapestInsertionTest {

    private final SearchPlanner planner = new SearchPlanner();

    @Test
    void insertsUrgentStopAfterTheFixedPrefix() {
        BreakRule rule = new BreakRule(0, 10_000, 20);
        Problem problem = Fixtures.problem(List.of(Fixtures.truck("t1", 10, Set.of(), 100_000, rule, false)),
                Fixtures.ring(6, 5), true);
        Solution running = planner.plan(problem, PlanOptions.ofSeconds(1));
        Route before = running.routes().get(0);
        double now = before.visits().get(3).start() + 1;
        Stop urgent = Fixtures.stop("urgent", 25, 5, "residual", 3, null);

        UrgentInsertion result = planner.insertUrgent(problem, running, urgent, now);

        assertThat(result.inserted()).isTrue();
        assertThat(new FeasibilityChecker(result.problem()).check(result.solution()).violations()).isEmpty();
        Route after = result.solution().routeOf("t1");
        int fixed = CheapestInsertion.fixedCount(before.visits(), now, new org.clearway.routing.model.RouteBuilder(
                new org.clearway.routing.model.ProblemIndex(problem)));
        assertThat(fixed).isGreaterThanOrEqualTo(4);
        assertThat(after.visits().subList(0, fixed)).isEqualTo(before.visits().subList(0, fixed));
        int position = after.visits().stream().map(Visit::id).toList().indexOf("urgent");
        assertThat(position).isGreaterThanOrEqualTo(fixed);
        assertThat(after.visits().get(position).start()).isGreaterThanOrEqualTo(now);
    }

    @Test
    void listsUrgentStopAsUnplannedWhenNoTruckCanTakeIt() {
        Problem problem = Fixtures.problem(List.of(Fixtures.truck("t1", 10, Set.of(), 100_000, null, false)),
                Fixtures.ring(2, 5), true);
        Solution running = planner.plan(problem, PlanOptions.ofSeconds(1));
        Stop glass = Fixtures.stop("glass-urgent", 5, 5, "glass", 3, null);
        Problem glassOnly = problem.withVehicles(List.of(Fixtures.truck("t1", 10, Set.of("residual"), 100_000, null, false)));

        UrgentInsertion result = new CheapestInsertion().insert(glassOnly, running, glass, 0);

        assertThat(result.inserted()).isFalse();
        assertThat(result.solution().unplanned()).contains("glass-urgent");
        assertThat(new FeasibilityChecker(result.problem()).check(result.solution()).violations()).isEmpty();
        assertThat(result.solution().routes().get(0).visits().stream().filter(v -> v.kind() == VisitKind.STOP)).hasSize(2);
    }
}
