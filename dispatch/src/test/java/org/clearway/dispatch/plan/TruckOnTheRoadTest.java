package org.clearway.dispatch.plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import org.clearway.core.job.JobReason;
import org.clearway.core.job.JobState;
import org.clearway.core.job.Priority;
import org.clearway.dispatch.fleet.FacilityKind;
import org.clearway.dispatch.fleet.FleetFacility;
import org.clearway.dispatch.fleet.Truck;
import org.clearway.dispatch.fleet.TruckStatus;
import org.clearway.routing.model.Route;
import org.clearway.routing.model.Visit;
import org.clearway.routing.model.VisitKind;
import org.junit.jupiter.api.Test;

/**
 * Issue 11: a revision of the route of a truck already on the road. Before {@link RouteCompletion}, a truck whose
 * new plan gave it no further bins got a route of its pinned jobs only (no unload, no depot), so no truck out on the
 * road ever unloaded or came home. Every revision is now complete from where the truck is, with what it carries.
 */
class TruckOnTheRoadTest {

    private static final Instant NOW = Instant.parse("2026-11-28T08:00:00Z");
    private static final LocalDate DAY = LocalDate.of(2026, 11, 28);
    private static final List<FleetFacility> FACILITIES = List.of(
            new FleetFacility("depot", FacilityKind.DEPOT, "Depot", 31.27, 121.46, List.of(), LocalTime.MIDNIGHT,
                    LocalTime.MAX),
            new FleetFacility("transfer", FacilityKind.TRANSFER_STATION, "Transfer", 31.22, 121.53, List.of("residual"),
                    LocalTime.of(6, 0), LocalTime.of(22, 0)));
    private static final List<Truck> TRUCK = List.of(new Truck("t1", "depot", List.of("residual"), 2000, 9000,
            LocalTime.of(6, 0), LocalTime.of(14, 0), TruckStatus.ACTIVE));
    /** Where the truck said it was a minute ago: south of its depot, near its bin. */
    private static final Map<String, PlanSnapshot.Position> OUT = Map.of("t1",
            new PlanSnapshot.Position(31.241, 121.47, NOW.minusSeconds(60)));

    private static PlanJob job(long id, JobState state, String truck, double lat) {
        return new PlanJob(id, "b-" + id, JobReason.THRESHOLD, Priority.NORMAL, state, truck,
                NOW.plus(Duration.ofHours(20)), NOW.minusSeconds(120), lat, 121.47, "residual", 240, 80.0);
    }

    @Test
    void aTruckOnTheRoadWithNoNewBinsUnloadsItsJobAndReturnsToItsDepot() {
        ShiftProblem shift = new ProblemBuilder(ZoneOffset.UTC, DriverBreak.OFF).build(new PlanSnapshot(NOW, DAY, TRUCK,
                FACILITIES, List.of(job(7, JobState.ARRIVED, "t1", 31.24)), Map.of(), OUT));

        RouteDraft draft = RouteDraft.of("t1", shift, null);

        assertThat(draft.stopKeys()).containsExactly("bin:7", "unload:transfer", "depot:depot");
    }

    @Test
    void aPartlyLoadedTruckOnTheRoadGetsACompleteCheckedRouteFromWhereItIs() {
        List<PlanJob> jobs = List.of(job(7, JobState.ARRIVED, "t1", 31.24), job(8, JobState.OPEN, null, 31.25),
                job(9, JobState.OPEN, null, 31.26));
        // 1,500 l on board of 2,000: the pinned bin and bin 8 (192 l each) still fit, bin 9 does not
        PlanSnapshot snapshot = new PlanSnapshot(NOW, DAY, TRUCK, FACILITIES, jobs, Map.of(), OUT,
                Map.of("t1", new PlanSnapshot.OnBoard(1500, 225, "residual")));
        ShiftProblem shift = new ProblemBuilder(ZoneOffset.UTC, DriverBreak.DEFAULT).build(snapshot);
        assertThat(shift.starts().get("t1").away()).isTrue();
        // what a solver gives the truck after its pinned job: bins 8 and 9 (only their order is read)
        Route solverRoute = new Route("t1", List.of(Visit.ref(VisitKind.START, "depot"), Visit.ref(VisitKind.STOP, "job-8"),
                Visit.ref(VisitKind.STOP, "job-9"), Visit.ref(VisitKind.END, "depot")), null, 0);

        RouteDraft draft = RouteDraft.of("t1", shift, solverRoute);

        assertThat(draft.violations()).as("routing's RouteChecker on the complete route").isEmpty();
        assertThat(draft.jobIds()).startsWith(7L).containsExactlyInAnyOrder(7L, 8L, 9L);
        assertThat(draft.stopKeys()).contains("break:30");
        List<String> keys = draft.stopKeys().stream().filter(k -> !k.startsWith("break")).toList();
        assertThat(keys.get(keys.size() - 1)).isEqualTo("depot:depot");
        assertThat(keys.get(keys.size() - 2)).as("ends empty").isEqualTo("unload:transfer");
        assertThat(keys).as("unloads before the bin that would overflow it, and before the return").containsExactly(
                "bin:7", "bin:8", "unload:transfer", "bin:9", "unload:transfer", "depot:depot");
        assertThat(keys.stream().filter(k -> k.startsWith("unload")).count()).as("no repeated unloads").isEqualTo(2);
        assertThat(draft.stops().get(0).at()).as("timed from where the truck is, now").isAfter(NOW);
        double fromHere = new org.clearway.routing.model.TravelMetric(ProblemBuilder.distanceModel()).distance(
                org.clearway.routing.model.Location.ofLatLon(31.241, 121.47),
                org.clearway.routing.model.Location.ofLatLon(31.24, 121.47));
        assertThat(draft.stops().get(0).at()).isBefore(NOW.plusSeconds((long) (fromHere / ProblemBuilder.SPEED_MPS) + 2));
    }

    @Test
    void jobsATruckAcceptedAllAtOnceKeepTheOrderOfItsRoute() {
        // accepted in the same instant, as a truck accepts its route's jobs: the route said 9, then 8
        List<PlanJob> jobs = List.of(job(8, JobState.ACCEPTED, "t1", 31.25), job(9, JobState.ACCEPTED, "t1", 31.26));
        Map<String, PlanSnapshot.PublishedRoute> routes = Map.of("t1", new PlanSnapshot.PublishedRoute("t1", 3,
                List.of("bin:9", "bin:8", "unload:transfer", "depot:depot")));
        ShiftProblem shift = new ProblemBuilder(ZoneOffset.UTC, DriverBreak.OFF).build(new PlanSnapshot(NOW, DAY, TRUCK,
                FACILITIES, jobs, routes, OUT));

        assertThat(RouteDraft.of("t1", shift, null).stopKeys()).containsExactly("bin:9", "bin:8", "unload:transfer",
                "depot:depot");
    }

    @Test
    void aTruckAtItsDepotWithNothingToDoHasNoRouteAndOneOnTheRoadDrivesHome() {
        ShiftProblem atDepot = new ProblemBuilder(ZoneOffset.UTC, DriverBreak.OFF).build(new PlanSnapshot(NOW, DAY, TRUCK,
                FACILITIES, List.of(), Map.of()));
        assertThat(RouteDraft.of("t1", atDepot, null).stops()).isEmpty();

        ShiftProblem out = new ProblemBuilder(ZoneOffset.UTC, DriverBreak.OFF).build(new PlanSnapshot(NOW, DAY, TRUCK,
                FACILITIES, List.of(), Map.of(), OUT, Map.of("t1", new PlanSnapshot.OnBoard(300, 45, "residual"))));
        RouteDraft home = RouteDraft.of("t1", out, null);
        assertThat(home.stopKeys()).containsExactly("unload:transfer", "depot:depot");
        assertThat(home.violations()).isEmpty();
        assertThat(home.keeping(id -> false).stopKeys()).as("the load's unload is kept with no bin before it")
                .containsExactly("unload:transfer", "depot:depot");
    }
}
