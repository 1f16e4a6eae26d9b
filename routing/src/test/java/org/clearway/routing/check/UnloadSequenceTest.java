package org.clearway.routing.check;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.clearway.routing.PlanOptions;
import org.clearway.routing.Fixtures;
import org.clearway.routing.lns.SearchPlanner;
import org.clearway.routing.model.BreakRule;
import org.clearway.routing.model.Depot;
import org.clearway.routing.model.DistanceKind;
import org.clearway.routing.model.DistanceModel;
import org.clearway.routing.model.Facility;
import org.clearway.routing.model.Load;
import org.clearway.routing.model.Location;
import org.clearway.routing.model.Problem;
import org.clearway.routing.model.Route;
import org.clearway.routing.model.Solution;
import org.clearway.routing.model.Stop;
import org.clearway.routing.model.Vehicle;
import org.clearway.routing.model.Visit;
import org.clearway.routing.model.VisitKind;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Issue 11: live routes ended with 12 back-to-back unloads of 15 minutes at one transfer station, and 9 unloads for
 * 5 bins. The shape that produced them: many small bins, one transfer station, a long shift, trucks that must end
 * empty. Unload copies cost nothing to visit one after another, so the solver (OR-Tools then) chained them. Every
 * unload must now empty a load: never two in a row, never one with nothing on board; the checker refuses it and the
 * project's own search never plans it.
 */
class UnloadSequenceTest {

    private static final long UNLOAD_SECONDS = 15 * 60;
    private static final long SHIFT = 16 * 3600;

    /**
     * The search plans no needless unload, wherever it stops: after its first iteration (as a short budget on a large
     * day would stop it) as much as at its best.
     */
    @ParameterizedTest(name = "{0} bins of {1} l, {2} trucks, break {3}, first solution only {4}")
    @CsvSource({"12, 20, 6, false, true", "12, 20, 6, true, true", "5, 30, 4, false, true", "5, 30, 4, true, true",
            "40, 60, 3, true, true", "12, 20, 6, true, false", "5, 30, 4, false, false", "40, 60, 3, true, false"})
    void everyUnloadEmptiesALoad(int bins, long litres, int trucks, boolean withBreak, boolean firstOnly) {
        Problem problem = problem(bins, litres, trucks, withBreak);
        PlanOptions options = firstOnly ? PlanOptions.ofSeconds(30).withMaxIterations(1) : PlanOptions.ofSeconds(2);
        Solution solution = new SearchPlanner().plan(problem, options);

        assertThat(new FeasibilityChecker(problem).check(solution).violations()).isEmpty();
        assertThat(solution.unplanned()).isEmpty();
        for (Route route : solution.routes()) {
            List<VisitKind> kinds = route.visits().stream().map(Visit::kind).toList();
            long unloads = kinds.stream().filter(k -> k == VisitKind.UNLOAD).count();
            long stops = kinds.stream().filter(k -> k == VisitKind.STOP).count();
            long volume = route.visits().stream().filter(v -> v.kind() == VisitKind.STOP)
                    .mapToLong(v -> problem.stops().stream().filter(s -> s.id().equals(v.id())).findFirst().orElseThrow()
                            .demand().volume()).sum();
            long loadsNeeded = (volume + 999) / 1000;
            assertThat(unloads).as("unloads of " + route.vehicleId() + ": " + kinds).isLessThanOrEqualTo(stops)
                    .isLessThanOrEqualTo(loadsNeeded + 1);
            for (int i = 1; i < kinds.size(); i++) {
                boolean twice = kinds.get(i) == VisitKind.UNLOAD
                        && (kinds.get(i - 1) == VisitKind.UNLOAD || kinds.get(i - 1) == VisitKind.START);
                assertThat(twice).as("an unload right after " + kinds.get(i - 1) + " in " + kinds).isFalse();
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"'STOP,UNLOAD,UNLOAD'", "'UNLOAD,STOP,UNLOAD'", "'STOP,UNLOAD,STOP,UNLOAD,UNLOAD'"})
    void theCheckerRefusesAnUnloadWithNothingOnBoard(String sequence) {
        Problem problem = problem(3, 20, 1, false);
        List<Visit> middle = new ArrayList<>();
        int stop = 0;
        for (String kind : sequence.split(",")) {
            middle.add(kind.equals("STOP") ? Visit.ref(VisitKind.STOP, "b" + stop++) : Visit.ref(VisitKind.UNLOAD, "transfer"));
        }
        Route route = Fixtures.route(problem, "t0", null, middle.toArray(Visit[]::new));
        List<String> served = middle.stream().filter(v -> v.kind() == VisitKind.STOP).map(Visit::id).toList();
        List<String> unplanned = problem.stops().stream().map(Stop::id).filter(id -> !served.contains(id)).toList();
        Solution solution = Solution.of(new org.clearway.routing.model.ProblemIndex(problem), List.of(route),
                unplanned, org.clearway.routing.model.SolveStats.NONE);

        assertThat(new FeasibilityChecker(problem).check(solution).violations())
                .extracting(v -> v.kind()).containsExactly(ViolationKind.NEEDLESS_UNLOAD);
    }

    /** Small bins near the depot, one transfer station 5 km off, trucks of 1,000 l that must end empty, 16 h shifts. */
    static Problem problem(int bins, long litres, int trucks, boolean withBreak) {
        List<Stop> stops = new ArrayList<>();
        for (int i = 0; i < bins; i++) {
            double angle = 2 * Math.PI * i / bins;
            stops.add(new Stop("b" + i, Location.of(800 * Math.cos(angle), 800 * Math.sin(angle)), "residual",
                    new Load(litres, litres / 5), 120, null));
        }
        List<Vehicle> vehicles = new ArrayList<>();
        for (int t = 0; t < trucks; t++) {
            BreakRule rule = withBreak ? new BreakRule(4 * 3600, 6 * 3600, 1800) : null;
            vehicles.add(new Vehicle("t" + t, "depot", new Load(1000, 9000), Set.of("residual"), 0, SHIFT, rule, 0, true));
        }
        return new Problem("unloads", DistanceModel.of(DistanceKind.EUCLIDEAN, 1.0),
                List.of(new Depot("depot", Location.of(0, 0))),
                List.of(new Facility("transfer", Location.of(5000, 0), Set.of("residual"), null, UNLOAD_SECONDS)),
                vehicles, stops);
    }
}
