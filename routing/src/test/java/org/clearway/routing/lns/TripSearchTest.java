package org.clearway.routing.lns;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;

import org.clearway.routing.PlanOptions;
import org.clearway.routing.ProgressListener;
import org.clearway.routing.check.FeasibilityChecker;
import org.clearway.routing.model.BreakRule;
import org.clearway.routing.model.Depot;
import org.clearway.routing.model.DistanceKind;
import org.clearway.routing.model.DistanceModel;
import org.clearway.routing.model.Facility;
import org.clearway.routing.model.Load;
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
import org.junit.jupiter.api.Test;

/** The search over the whole model: complete feasible plans, the same plan for the same seed. */
class TripSearchTest {

    /** 120 bins of two streams, two facilities with opening hours, 4 trucks with breaks that must end empty. */
    static Problem day(long seed) {
        Random random = new Random(seed);
        List<Stop> stops = new ArrayList<>();
        for (int i = 0; i < 120; i++) {
            boolean paper = random.nextInt(5) < 2;
            TimeWindow window = random.nextInt(10) == 0 ? new TimeWindow(21_600, 36_000) : null;
            long volume = 200 + random.nextInt(800);
            stops.add(new Stop("b" + i, Location.of(random.nextInt(4000), random.nextInt(4000)),
                    paper ? "paper" : "residual", new Load(volume, volume / 8), 60 + random.nextInt(60), window,
                    1 + random.nextInt(3)));
        }
        List<Facility> facilities = List.of(
                new Facility("transfer", Location.of(0, 2000), Set.of("residual", "paper"), new TimeWindow(23_400, 50_400), 600),
                new Facility("recycler", Location.of(4000, 2400), Set.of("paper"), new TimeWindow(25_200, 48_600), 480));
        List<Vehicle> trucks = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            trucks.add(new Vehicle("truck-" + t, "depot", new Load(12_000, 3_000), Set.of(), 21_600, 50_400,
                    new BreakRule(36_000, 43_200, 1800), 1000, true));
        }
        return new Problem("trips", DistanceModel.of(DistanceKind.EUCLIDEAN, 7), List.of(new Depot("depot",
                Location.of(2000, 1800))), facilities, trucks, stops);
    }

    private static Solution search(Problem problem, long seed, long iterations) {
        ProblemIndex index = new ProblemIndex(problem);
        FleetModel model = FleetModel.of(problem, problem.stops(), index.metric());
        long now = System.nanoTime();
        TripSearch.Result result = new TripSearch(model, seed, ProgressListener.NONE, now)
                .solve(now + 3_600_000_000_000L, iterations, new RouteBuilder(index));
        return Solution.of(index, result.routes(), result.unplanned(), SolveStats.NONE);
    }

    @Test
    void plansEveryBinFeasiblyWithSeveralTripsPerTruck() {
        Problem problem = day(5);
        Solution solution = search(problem, 1, 300);
        assertThat(new FeasibilityChecker(problem).check(solution).violations()).isEmpty();
        assertThat(solution.unplanned()).isEmpty();
        assertThat(solution.routes().stream().mapToLong(Route::unloadCount).sum()).isGreaterThan(solution.routes().size());
    }

    @Test
    void theSameSeedGivesTheSamePlan() {
        Problem problem = day(9);
        Solution first = search(problem, 42, 200);
        Solution second = search(problem, 42, 200);
        assertThat(second.routes()).isEqualTo(first.routes());
        assertThat(second.unplanned()).isEqualTo(first.unplanned());
    }

    @Test
    void thePlannerSendsTheWholeModelToThisSearch() {
        Problem problem = day(5);
        Solution solution = new SearchPlanner().plan(problem, PlanOptions.ofSeconds(1));
        assertThat(solution.stats().status()).startsWith("RUIN_AND_RECREATE_TRIPS");
        assertThat(new FeasibilityChecker(problem).check(solution).violations()).isEmpty();
        assertThat(solution.unplanned()).isEmpty();
    }

    /** The day with a weight cap of 2,600 kg per shift (a load holds 3,000) and 35 stops per truck: kept across every load. */
    @Test
    void keepsTheShiftCapInWeightAndTheStopLimit() {
        Problem loose = day(5);
        List<Vehicle> capped = new ArrayList<>();
        for (Vehicle t : loose.vehicles()) {
            capped.add(new Vehicle(t.id(), t.depotId(), t.capacity(), t.streams(), t.shiftStart(), t.shiftEnd(),
                    t.breakRule(), t.fixedCost(), t.endEmpty(), new Load(Vehicle.NO_CAP, 2_600), 35));
        }
        Problem problem = new Problem("capped", loose.distanceModel(), loose.depots(), loose.facilities(), capped,
                loose.stops());

        Solution solution = search(problem, 3, 300);

        assertThat(new FeasibilityChecker(problem).check(solution).violations()).isEmpty();
        assertThat(solution.routes()).allSatisfy(r -> {
            assertThat(r.stopCount()).isLessThanOrEqualTo(35);
            assertThat(r.visits().stream().filter(v -> v.kind() == org.clearway.routing.model.VisitKind.STOP)
                    .mapToLong(v -> problem.stops().stream().filter(s -> s.id().equals(v.id())).findFirst()
                            .orElseThrow().demand().weight()).sum()).isLessThanOrEqualTo(2_600);
        });
        assertThat(solution.routes().stream().mapToLong(Route::stopCount).sum() + solution.unplanned().size())
                .isEqualTo(120);
    }

    /**
     * Fewest trucks first on the whole model goes to this search too (before: OR-Tools, which collapsed such plans
     * onto one truck with most stops dropped): the day fits in two of the eight trucks offered.
     */
    @Test
    void fewestTrucksFirstUsesThisSearchAndFewerTrucks() {
        Problem loose = day(5);
        List<Vehicle> fleet = new ArrayList<>(loose.vehicles());
        for (int t = 4; t < 8; t++) {
            Vehicle v = loose.vehicles().get(0);
            fleet.add(new Vehicle("spare-" + t, v.depotId(), v.capacity(), v.streams(), v.shiftStart(), v.shiftEnd(),
                    v.breakRule(), 0, true));
        }
        Problem problem = loose.withVehicles(fleet);
        Solution byDistance = new SearchPlanner().plan(problem, PlanOptions.ofSeconds(2));

        Solution fewest = new SearchPlanner().plan(problem, PlanOptions.ofSeconds(2).withMinimiseVehicles(true));

        assertThat(fewest.stats().status()).startsWith("RUIN_AND_RECREATE_TRIPS");
        assertThat(new FeasibilityChecker(problem).check(fewest).violations()).isEmpty();
        assertThat(fewest.unplanned()).isEmpty();
        assertThat(fewest.vehiclesUsed()).isLessThanOrEqualTo(Math.min(2, byDistance.vehiclesUsed()));
    }
}
