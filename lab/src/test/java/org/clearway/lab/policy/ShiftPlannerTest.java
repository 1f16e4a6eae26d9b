package org.clearway.lab.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

import org.clearway.routing.PlanOptions;
import org.clearway.routing.RoutePlanner;
import org.clearway.routing.UrgentInsertion;
import org.clearway.routing.lns.SearchPlanner;
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
import org.junit.jupiter.api.Test;

import org.clearway.simulator.city.City;
import org.clearway.simulator.city.CityBin;
import org.clearway.simulator.city.CityConfig;

class ShiftPlannerTest {

    private final City city = TestCities.residual(new double[][] {{500, 500}, {800, 500}, {1500, 1500}, {1500, 300}}, 1);

    @Test
    void theDayIsPlannedWithinTheShiftAndItsKilometresAreTheRoutesPlusClosingRuns() {
        List<Problem> problems = new ArrayList<>();
        List<Solution> solutions = new ArrayList<>();
        RoutePlanner recording = recording(problems, solutions);
        ShiftPlanner planner = new ShiftPlanner(city, recording, Duration.ofSeconds(5));
        double[] fill = {90, 80, 70, 60};
        Instant[] at = new Instant[4];
        Arrays.fill(at, Schedule.dayStart(7).plusSeconds(5 * 3600));
        DayPlan plan = planner.plan(7, List.of(new Selection(0, null), new Selection(1, null), new Selection(2, null),
                new Selection(3, null)), fill, at);

        assertThat(plan.unplanned()).isEmpty();
        assertThat(plan.collections()).extracting(PlannedCollection::bin).containsExactlyInAnyOrder(0, 1, 2, 3);
        for (PlannedCollection c : plan.collections()) {
            assertThat(c.at()).isBetween(Schedule.dayStart(7).plusSeconds(Schedule.SHIFT_START_S),
                    Schedule.dayStart(7).plusSeconds(Schedule.SHIFT_END_S));
        }
        assertThat(problems).hasSize(1);
        double expected = solutions.get(0).distance();
        for (Route route : solutions.get(0).routes()) {
            expected += ShiftPlanner.closingRun(problems.get(0), route);
        }
        assertThat(plan.metres()).isCloseTo(expected, within(1e-6));
        assertThat(plan.metres()).isGreaterThan(solutions.get(0).distance());
        assertThat(plan.truckDays()).isEqualTo(1);
        assertThat(plan.plans()).isEqualTo(1);
        assertThat(plan.cappedPlans()).isZero();
        assertThat(plan.byStream()).containsOnlyKeys("residual");
        assertThat(plan.byStream().get("residual").truckKm()).isCloseTo(expected / 1000, within(1e-9));
        assertThat(plan.byStream().get("residual").truckDays()).isEqualTo(1);
    }

    @Test
    void aHalfOfTheCityIsOnePlannerRunWithTheTrucksOfItsTwoDepots() {
        List<CityBin> bins = List.of(new CityBin(0, "bin-00000", TestCities.RESIDUAL, 0, 0, 900, 900, 1),
                new CityBin(1, "bin-00001", TestCities.RESIDUAL, 2, 0, 900, 3100, 1),
                new CityBin(2, "bin-00002", TestCities.RESIDUAL, 1, 0, 3100, 900, 1));
        City two = City.of(new CityConfig(1, 3, List.of(TestCities.RESIDUAL), 1), 4000, 4000, bins, city.depots(),
                city.facilities(), 1);
        double[] fill = {90, 90, 90};
        Instant[] at = new Instant[3];
        Arrays.fill(at, Schedule.dayStart(7).plusSeconds(5 * 3600));
        List<Selection> all = List.of(new Selection(0, null), new Selection(1, null), new Selection(2, null));
        List<Problem> problems = new ArrayList<>();
        RoutePlanner recording = recording(problems, new ArrayList<>());

        DayPlan half = new ShiftPlanner(two, recording, Duration.ofSeconds(5), Pooling.HALF).plan(7, all, fill, at);

        assertThat(half.plans()).isEqualTo(2);
        assertThat(half.collections()).hasSize(3);
        Problem west = problems.stream().filter(p -> p.stops().size() == 2).findFirst().orElseThrow();
        assertThat(west.depots()).extracting(Depot::id).containsExactly("depot-0", "depot-2");
        assertThat(west.vehicles()).extracting(Vehicle::depotId).containsExactly("depot-0", "depot-2");
        problems.clear();
        assertThat(new ShiftPlanner(two, recording, Duration.ofSeconds(5), Pooling.DISTRICT).plan(7, all, fill, at).plans())
                .isEqualTo(3);
        assertThat(problems).allSatisfy(p -> assertThat(p.depots()).hasSize(1));
    }

    @Test
    void aTruckEndingLoadedDrivesViaTheFacility() {
        Problem problem = new Problem("p", DistanceModel.of(DistanceKind.MANHATTAN, 6),
                List.of(new Depot("d", Location.of(1000, 0))),
                List.of(new Facility("f", Location.of(0, 0), Set.of("residual"), null, 900)),
                List.of(new Vehicle("t", "d", new Load(100, 100), Set.of(), 0, 86_400, null, 0, false)),
                List.of(new Stop("s", Location.of(1000, 500), "residual", new Load(10, 1), 60, null)));
        Route loaded = new Route("t", List.of(Visit.ref(VisitKind.START, "d"),
                new Visit(VisitKind.STOP, "s", 0, 0, new Load(10, 1)), new Visit(VisitKind.END, "d", 0, 0, new Load(10, 1))), null, 1000);
        // last stop -> facility 1500, facility -> depot 1000, instead of last stop -> depot 500
        assertThat(ShiftPlanner.closingRun(problem, loaded)).isEqualTo(2000.0);
        Route unloaded = new Route("t", List.of(Visit.ref(VisitKind.START, "d"),
                new Visit(VisitKind.STOP, "s", 0, 0, new Load(10, 1)), new Visit(VisitKind.UNLOAD, "f", 0, 0, Load.ZERO),
                new Visit(VisitKind.END, "d", 0, 0, Load.ZERO)), null, 3000);
        assertThat(ShiftPlanner.closingRun(problem, unloaded)).isZero();
    }

    @Test
    void demandIsTheLastReadingPlusTheMedianRateUntilTenCappedAtFull() {
        CityBin bin = city.bins().get(0);
        Instant tenOClock = Schedule.dayStart(7).plusSeconds(ShiftPlanner.DEMAND_AT_S);
        double[] fill = {50, 0, 0, 0};
        Instant[] at = {tenOClock.minusSeconds(6 * 3600), null, null, null};
        assertThat(ShiftPlanner.expectedFill(bin, fill, at, tenOClock))
                .isCloseTo(50 + 6 * bin.stream().medianRatePctPerHour(), within(1e-9));
        fill[0] = 99;
        assertThat(ShiftPlanner.expectedFill(bin, fill, at, tenOClock)).isEqualTo(100.0);
        assertThat(ShiftPlanner.expectedFill(city.bins().get(1), fill, at, tenOClock)).isEqualTo(50.0);
    }

    /** The OR-Tools planner, recording every problem and solution. */
    private static RoutePlanner recording(List<Problem> problems, List<Solution> solutions) {
        return new RoutePlanner() {
            @Override
            public Solution plan(Problem problem, PlanOptions options) {
                Solution solution = new SearchPlanner().plan(problem, options);
                problems.add(problem);
                solutions.add(solution);
                return solution;
            }

            @Override
            public UrgentInsertion insertUrgent(Problem problem, Solution running, Stop urgent, double now) {
                throw new UnsupportedOperationException();
            }
        };
    }
}
