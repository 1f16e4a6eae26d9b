package org.clearway.lab.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.clearway.decisions.rounds.RiskRules;
import org.clearway.routing.lns.SearchPlanner;
import org.clearway.lab.routing.ortools.OrToolsPlanner;
import org.clearway.simulator.city.CityConfig;
import org.clearway.simulator.city.StreamSpec;
import org.junit.jupiter.api.Test;

import picocli.CommandLine;

/** The evaluation's planner: OR-Tools or the service's own search with an iteration limit, both clock-independent. */
class PlannerChoiceTest {

    private static final CityConfig CITY = new CityConfig(42, 200, StreamSpec.defaults(), 2);
    private static final SimulationSettings WEEK = new SimulationSettings(1, 3, 4);
    private static final PlannerChoice SEARCH = new PlannerChoice(PlannerChoice.Engine.SEARCH, 0, 2_000);

    private static List<PolicyResult> run(Duration cap) {
        return PolicyEvaluation.evaluate(CITY, WEEK, cap, Pooling.DISTRICT, SEARCH, RiskRules.DEFAULTS,
                CalendarPolicy.Days.EVEN, new LinkedHashSet<>(List.of("calendar", "forecast")),
                new CopyOnWriteArrayList<String>()::add);
    }

    @Test
    void theOwnSearchGivesTheSameFiguresWhateverTheTimeCap() {
        List<PolicyResult> first = run(Duration.ofSeconds(60));
        List<PolicyResult> second = run(Duration.ofSeconds(600));
        assertThat(first).extracting(PolicyResult::cappedPlans).containsOnly(0);
        assertThat(first).extracting(PolicyResult::truckKm).allSatisfy(km -> assertThat(km).isPositive());
        assertThat(second).isEqualTo(first);
    }

    @Test
    void eachEngineGetsItsPlannerAndOptions() {
        assertThat(SEARCH.planner()).isInstanceOf(SearchPlanner.class);
        assertThat(SEARCH.options(Duration.ofSeconds(5)).maxIterations()).isEqualTo(2_000);
        assertThat(SEARCH.options(Duration.ofSeconds(5)).timeLimit()).isEqualTo(Duration.ofSeconds(5));
        PlannerChoice orTools = PlannerChoice.orTools(0);
        assertThat(orTools.planner()).isInstanceOf(OrToolsPlanner.class);
        assertThat(orTools.options(Duration.ofSeconds(5)).maxIterations()).isZero();
        assertThat(SEARCH.describe()).contains("SearchPlanner", "2000 iterations");
        assertThat(orTools.describe()).contains("greedy descent");
        assertThatThrownBy(() -> new PlannerChoice(PlannerChoice.Engine.SEARCH, 0, 0))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theEngineOptionsAreCheckedAndShown() {
        StringWriter out = new StringWriter();
        CommandLine cli = new CommandLine(new PolicyEvaluation()).setOut(new PrintWriter(out))
                .setErr(new PrintWriter(new StringWriter()));
        assertThat(cli.execute("--help")).isZero();
        assertThat(out.toString()).contains("--engine", "--search-iterations", "default: search",
                "default: " + PlannerChoice.DEFAULT_SEARCH_ITERATIONS);
        assertThat(cli.execute("--engine", "gurobi")).isEqualTo(2);
        assertThat(cli.execute("--engine", "search", "--search-iterations", "0")).isEqualTo(2);
    }
}
