package org.clearway.dispatch.plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.clearway.core.job.JobReason;
import org.clearway.core.job.JobState;
import org.clearway.core.job.Priority;
import org.clearway.dispatch.fleet.FacilityKind;
import org.clearway.dispatch.fleet.FleetFacility;
import org.clearway.dispatch.fleet.Truck;
import org.clearway.dispatch.fleet.TruckStatus;
import org.clearway.routing.PlanOptions;
import org.clearway.routing.check.FeasibilityChecker;
import org.clearway.routing.lns.SearchPlanner;
import org.clearway.routing.model.Route;
import org.clearway.routing.model.Solution;
import org.clearway.routing.model.Vehicle;
import org.clearway.routing.model.Visit;
import org.clearway.routing.model.VisitKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Live plans end every truck empty: a residual truck and a kitchen truck, one transfer station taking both, and as
 * many jobs of each stream. Before the planner started OR-Tools from routes closed by final unloads, the truck
 * listed second lost every stop (one job each: the kitchen job was left out; with the trucks swapped, the residual
 * one). A truck smaller than the fleet's largest could not unload at all (the facility's transit was minus the
 * largest capacity, and OR-Tools keeps cumul plus slack within the truck's own).
 */
class EndEmptyTest {

    private static final Instant NOW = Instant.parse("2026-11-28T08:00:00Z");
    private static final LocalDate DAY = LocalDate.of(2026, 11, 28);

    /** A depot open all day and a transfer station taking residual and kitchen waste, open these hours. */
    private static List<FleetFacility> depotAndTransfer(LocalTime opens, LocalTime closes) {
        return List.of(new FleetFacility("depot", FacilityKind.DEPOT, "Depot", 31.27, 121.46, List.of(), LocalTime.MIDNIGHT,
                        LocalTime.MAX),
                new FleetFacility("transfer", FacilityKind.TRANSFER_STATION, "Transfer", 31.22, 121.53,
                        List.of("residual", "kitchen"), opens, closes));
    }

    /** A day-shift truck of the depot collecting one stream. */
    private static Truck truck(String id, String stream, double volumeL) {
        return new Truck(id, "depot", List.of(stream), volumeL, 9000, LocalTime.of(6, 0), LocalTime.of(14, 0),
                TruckStatus.ACTIVE);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 3, 8})
    void everyTruckOfATwoStreamFleetUnloadsBeforeReturning(int perStream) {
        List<FleetFacility> facilities = depotAndTransfer(LocalTime.of(6, 0), LocalTime.of(22, 0));
        List<Truck> trucks = List.of(truck("t-res", "residual", 1000), truck("t-kit", "kitchen", 1000));
        List<PlanJob> jobs = new ArrayList<>();
        for (int i = 0; i < 2 * perStream; i++) {
            jobs.add(new PlanJob(i + 1, "b-" + i, JobReason.THRESHOLD, Priority.NORMAL, JobState.OPEN, null,
                    NOW.plus(Duration.ofHours(20)), NOW.minusSeconds(60), 31.24 + i / 500.0, 121.47 + (i % 3) / 300.0,
                    i % 2 == 0 ? "residual" : "kitchen", 240, 100.0));
        }
        ShiftProblem shift = new ProblemBuilder(ZoneOffset.UTC, DriverBreak.DEFAULT).build(new PlanSnapshot(NOW, DAY,
                trucks, facilities, jobs, Map.of()));
        assertThat(shift.problem().vehicles()).allMatch(Vehicle::endEmpty);

        Solution solution = new SearchPlanner().plan(shift.problem(), PlanOptions.ofSeconds(2));

        assertThat(new FeasibilityChecker(shift.problem()).check(solution).feasible()).isTrue();
        assertThat(solution.unplanned()).isEmpty();
        assertThat(solution.routes()).extracting(Route::vehicleId).containsExactlyInAnyOrder("t-res", "t-kit");
        for (Route route : solution.routes()) {
            List<Visit> visits = route.visits();
            assertThat(visits.get(visits.size() - 2).kind()).as("the last visit of " + route.vehicleId()
                    + " before the depot").isEqualTo(VisitKind.UNLOAD);
        }
    }

    @Test
    void aTruckSmallerThanTheFleetsLargestUnloadsToo() {
        List<FleetFacility> facilities = depotAndTransfer(LocalTime.MIDNIGHT, LocalTime.MAX);
        List<Truck> trucks = List.of(truck("small", "residual", 284), truck("large", "kitchen", 500));
        List<PlanJob> jobs = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            jobs.add(new PlanJob(i, "b-" + i, JobReason.THRESHOLD, Priority.NORMAL, JobState.OPEN, null,
                    NOW.plus(Duration.ofHours(20)), NOW, 31.24 + i / 200.0, 121.47, "residual", 240, 90.0));
        }
        ShiftProblem shift = new ProblemBuilder(ZoneOffset.UTC, DriverBreak.OFF).build(new PlanSnapshot(NOW, DAY,
                trucks, facilities, jobs, Map.of()));

        Solution solution = new SearchPlanner().plan(shift.problem(), PlanOptions.ofSeconds(2));

        assertThat(solution.unplanned()).as("216 l a bin, 284 l a load: three trips").isEmpty();
        assertThat(solution.routeOf("small").visits()).filteredOn(v -> v.kind() == VisitKind.UNLOAD).hasSize(3);
        assertThat(new FeasibilityChecker(shift.problem()).check(solution).feasible()).isTrue();
    }
}
