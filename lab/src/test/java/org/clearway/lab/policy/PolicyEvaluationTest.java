package org.clearway.lab.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.clearway.decisions.rounds.RiskRules;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import picocli.CommandLine;

import org.clearway.simulator.city.CityConfig;
import org.clearway.simulator.city.StreamSpec;

/** Small full runs: 200 bins, one measured week after three warm-up days, the three policies. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PolicyEvaluationTest {

    private static final CityConfig CITY = new CityConfig(42, 200, StreamSpec.defaults(), 2);
    private static final SimulationSettings WEEK = new SimulationSettings(1, 3, 4);

    private List<PolicyResult> first;
    private final List<String> progress = new CopyOnWriteArrayList<>();

    @BeforeAll
    void runOnce() {
        first = run(progress);
    }

    private static List<PolicyResult> run(List<String> progress) {
        // The service's own search with an iteration limit (the evaluation's default engine): clock-independent.
        return PolicyEvaluation.evaluate(CITY, WEEK, Duration.ofSeconds(60), Pooling.DISTRICT,
                new PlannerChoice(PlannerChoice.Engine.SEARCH, 0, 2_000), RiskRules.DEFAULTS, CalendarPolicy.Days.EVEN,
                new LinkedHashSet<>(PolicyEvaluation.POLICIES), progress::add);
    }

    @Test
    void theSameSeedGivesTheSameFiguresTwice() {
        List<PolicyResult> second = run(new CopyOnWriteArrayList<>());
        assertThat(first).extracting(PolicyResult::cappedPlans).containsOnly(0);
        assertThat(second).isEqualTo(first);
    }

    @Test
    void everyPolicyCollectsAndEveryShiftDayReportsProgress() {
        assertThat(first).extracting(PolicyResult::policy).containsExactly("calendar", "threshold", "forecast");
        for (PolicyResult r : first) {
            assertThat(r.collections()).as(r.policy()).isPositive();
            assertThat(r.truckKm()).as(r.policy()).isPositive();
            assertThat(r.binDays()).isEqualTo(200 * 7.0);
        }
        assertThat(first.get(0).jobs()).isZero();
        assertThat(first.get(1).jobs()).isPositive();
        // 10 days of which 9 are working days (the Sunday of the measured week is off), per policy
        assertThat(progress.stream().filter(l -> l.matches("\\[forecast] day \\d+/.*"))).hasSize(9);
        // on the Monday after the warm-up, ours fits its round days to the week it has seen
        assertThat(progress.stream().filter(l -> l.startsWith("[forecast] day 8: round days: ")))
                .singleElement().asString().contains("residual Mon+");
    }

    @Test
    void oursDrivesFewerKilometresThanTheCalendarAndCollectsFullerBins() {
        PolicyResult calendar = first.get(0);
        PolicyResult ours = first.get(2);
        assertThat(ours.truckKm()).isLessThan(calendar.truckKm());
        assertThat(ours.meanFillPct()).isGreaterThan(calendar.meanFillPct());
    }

    @Test
    void helpAndBadOptions() {
        StringWriter out = new StringWriter();
        CommandLine cli = new CommandLine(new PolicyEvaluation()).setOut(new PrintWriter(out)).setErr(new PrintWriter(new StringWriter()));
        assertThat(cli.execute("--help")).isZero();
        assertThat(out.toString()).contains("--plan-time-cap", "--policy", "--csv");
        assertThat(cli.execute("--policy", "sometimes")).isEqualTo(2);
        assertThat(cli.execute("--report-minutes", "20")).isEqualTo(2);
    }

    @Test
    void theTableSaysWhetherTheTargetIsMet() {
        PolicyResult calendar = new PolicyResult("calendar", 100, 10, 40, 50, 1000, Double.NaN, Double.NaN, 0, 10, 0, 1, 0);
        PolicyResult good = new PolicyResult("forecast", 69, 5, 80, 40, 1000, 3, 5, 5, 6, 0, 1, 0);
        PolicyResult shortKm = new PolicyResult("forecast", 71, 5, 80, 40, 1000, 3, 5, 5, 6, 0, 1, 0);
        PolicyResult overflows = new PolicyResult("forecast", 50, 5, 80, 50, 1000, 3, 5, 5, 6, 0, 1, 0);
        assertThat(ResultTable.targetMet(good, calendar)).isTrue();
        assertThat(ResultTable.targetMet(shortKm, calendar)).isFalse();
        assertThat(ResultTable.targetMet(overflows, calendar)).isFalse();
        StringWriter text = new StringWriter();
        new ResultTable(List.of(calendar, good)).print(new PrintWriter(text));
        assertThat(text.toString()).contains("truck-km -31.0 %", "MET");
        StringWriter csv = new StringWriter();
        new ResultTable(List.of(calendar, good)).csv(new PrintWriter(csv));
        assertThat(csv.toString().lines()).hasSize(3);
        assertThat(csv.toString()).contains("calendar,100.000,10,40.000,50.000,50.000,1000.0,,,0,10,0,1,0");
    }
}
