package org.clearway.routing.lns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.ObjectMapper;

import org.clearway.routing.Fixtures;
import org.clearway.routing.PlanOptions;
import org.clearway.routing.check.CheckReport;
import org.clearway.routing.check.FeasibilityChecker;
import org.clearway.routing.check.ViolationKind;
import org.clearway.routing.io.ProblemFormatException;
import org.clearway.routing.io.ProblemJson;
import org.clearway.routing.io.ProblemJsonWriter;
import org.clearway.routing.model.Problem;
import org.clearway.routing.model.Route;
import org.clearway.routing.model.Solution;
import org.clearway.routing.model.Stop;
import org.clearway.routing.model.Visit;
import org.clearway.routing.model.VisitKind;
import org.junit.jupiter.api.Test;

/**
 * Stops pinned to a truck: only that truck serves them, in the whole-model search (with or without a facility), the
 * checker, the problem format and the diagnosis of what is left out.
 */
class PinnedStopsTest {

    /** The ring of six stops; s0, s1, s2 pinned to t2 and s3 to t1 (the nearest-neighbour split would differ). */
    private static Problem pinned(boolean withFacility) {
        List<Stop> stops = new ArrayList<>();
        for (Stop stop : Fixtures.ring(6, 5)) {
            int i = Integer.parseInt(stop.id().substring(1));
            stops.add(i < 3 ? stop.pinnedTo("t2") : i == 3 ? stop.pinnedTo("t1") : stop);
        }
        return Fixtures.problem(List.of(Fixtures.truck("t1", 100, Set.of(), 100_000, null, withFacility),
                Fixtures.truck("t2", 100, Set.of(), 100_000, null, withFacility)), stops, withFacility);
    }

    private static String servedBy(Solution solution, String stopId) {
        for (Route route : solution.routes()) {
            if (route.visits().stream().anyMatch(v -> v.kind() == VisitKind.STOP && v.id().equals(stopId))) {
                return route.vehicleId();
            }
        }
        return null;
    }

    @Test
    void theWholeModelSearchServesEachPinnedStopWithItsTruck() {
        for (boolean withFacility : List.of(true, false)) {
            Problem problem = pinned(withFacility);

            Solution solution = new SearchPlanner().plan(problem, PlanOptions.ofSeconds(1));

            assertThat(solution.stats().status()).startsWith("RUIN_AND_RECREATE_TRIPS");
            CheckReport report = new FeasibilityChecker(problem).check(solution);
            assertThat(report.violations()).isEmpty();
            assertThat(report.feasible()).isTrue();
            for (Stop stop : problem.stops()) {
                if (stop.vehicle() != null) {
                    assertThat(servedBy(solution, stop.id())).as(stop.id()).isEqualTo(stop.vehicle());
                }
            }
        }
    }

    @Test
    void theCheckerFlagsAPinnedStopServedByAnotherTruck() {
        Problem problem = pinned(false);
        Route wrong = Fixtures.route(problem, "t1", null, Visit.ref(VisitKind.STOP, "s0"));
        Solution solution = Solution.of(new org.clearway.routing.model.ProblemIndex(problem), List.of(wrong),
                List.of("s1", "s2", "s3", "s4", "s5"), org.clearway.routing.model.SolveStats.NONE);

        assertThat(new FeasibilityChecker(problem).check(solution).violations())
                .anySatisfy(v -> assertThat(v.kind()).isEqualTo(ViolationKind.PINNED));
    }

    @Test
    void theProblemFormatReadsWritesAndChecksThePin() {
        ObjectMapper mapper = new ObjectMapper();
        Problem problem = pinned(true);
        String json = new ProblemJsonWriter(mapper).write(problem);
        assertThat(json).contains("\"vehicle\" : \"t2\"");
        assertThat(new ProblemJson(mapper).read(json).stops()).isEqualTo(problem.stops());

        assertThatThrownBy(() -> new ProblemJson(mapper).read(json.replace("\"vehicle\" : \"t2\"", "\"vehicle\" : \"t9\"")))
                .isInstanceOf(ProblemFormatException.class).hasMessageContaining("pinned to vehicle 't9'");
    }

    @Test
    void aStopPinnedToATruckThatCannotTakeItIsLeftOut() {
        Problem loose = pinned(false);
        List<Stop> stops = new ArrayList<>(loose.stops());
        stops.set(4, Fixtures.stop("big", 0, 30, "residual", 500, null).pinnedTo("t1"));
        Problem problem = new Problem("pinned", loose.distanceModel(), loose.depots(), loose.facilities(),
                List.of(loose.vehicles().get(0), Fixtures.truck("t2", 1000, Set.of(), 100_000, null, false)), stops);

        Solution solution = new SearchPlanner().plan(problem, PlanOptions.ofSeconds(1));

        assertThat(solution.unplanned()).containsExactly("big");
        assertThat(new FeasibilityChecker(problem).check(solution).violations()).isEmpty();
    }
}
