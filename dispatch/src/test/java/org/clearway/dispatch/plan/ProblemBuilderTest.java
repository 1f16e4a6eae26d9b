package org.clearway.dispatch.plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.clearway.core.job.JobReason;
import org.clearway.core.job.JobState;
import org.clearway.core.job.Priority;
import org.clearway.dispatch.fleet.FacilityKind;
import org.clearway.dispatch.fleet.FleetFacility;
import org.clearway.dispatch.fleet.Truck;
import org.clearway.dispatch.fleet.TruckStatus;
import org.clearway.routing.model.Load;
import org.clearway.routing.model.Problem;
import org.clearway.routing.model.Stop;
import org.clearway.routing.model.TimeWindow;
import org.clearway.routing.model.Vehicle;
import org.clearway.routing.model.Location;
import org.clearway.routing.model.TravelMetric;
import org.junit.jupiter.api.Test;

class ProblemBuilderTest {

    /** 08:00 in Shanghai (UTC+8) on 2026-11-28. */
    private static final ZoneId CITY = ZoneId.of("Asia/Shanghai");
    private static final Instant NOW = Instant.parse("2026-11-28T00:00:00Z");
    private static final LocalDate DAY = LocalDate.of(2026, 11, 28);
    private static final long EIGHT = 8 * 3600;

    private static final List<FleetFacility> FACILITIES = List.of(
            new FleetFacility("depot-n", FacilityKind.DEPOT, "North", 31.27, 121.46, List.of(), LocalTime.of(5, 0),
                    LocalTime.of(23, 0)),
            new FleetFacility("transfer", FacilityKind.TRANSFER_STATION, "Transfer", 31.22, 121.53,
                    List.of("residual", "kitchen"), LocalTime.of(6, 0), LocalTime.of(22, 0)),
            new FleetFacility("plant", FacilityKind.TREATMENT_PLANT, "Plant", 31.21, 121.39, List.of("hazardous"),
                    LocalTime.MIDNIGHT, LocalTime.MAX));

    private static Truck truck(String id, String streams, LocalTime start, LocalTime end, TruckStatus status) {
        return new Truck(id, "depot-n", List.of(streams.split(",")), 18_000.4, 9_000, start, end, status);
    }

    private static PlanJob job(long id, JobReason reason, JobState state, String truck, String stream, double volume,
                               Double fill, Instant due) {
        return new PlanJob(id, "b-" + id, reason, reason == JobReason.FIRE_ALARM ? Priority.URGENT : Priority.NORMAL,
                state, truck, due, NOW.minusSeconds(600 - id), 31.23 + id / 1000.0, 121.47, stream, volume, fill);
    }

    private static ShiftProblem build(List<Truck> trucks, List<PlanJob> jobs) {
        return new ProblemBuilder(CITY, DriverBreak.OFF).build(new PlanSnapshot(NOW, DAY, trucks, FACILITIES, jobs, Map.of()));
    }

    @Test
    void withTruckCostATruckCostsTheDriveFromItsDepotToItsNearestFacilityAndBackElseNothing() {
        List<Truck> trucks = List.of(truck("t-res", "residual", LocalTime.of(6, 0), LocalTime.of(14, 0), TruckStatus.ACTIVE),
                truck("t-haz", "hazardous", LocalTime.of(6, 0), LocalTime.of(14, 0), TruckStatus.ACTIVE));
        PlanSnapshot snapshot = new PlanSnapshot(NOW, DAY, trucks, FACILITIES, List.of(), Map.of());
        TravelMetric metric = new TravelMetric(ProblemBuilder.distanceModel());
        Location depot = Location.ofLatLon(31.27, 121.46);

        Problem charged = new ProblemBuilder(CITY, DriverBreak.OFF, true).build(snapshot).problem();
        Problem free = new ProblemBuilder(CITY, DriverBreak.OFF).build(snapshot).problem();

        assertThat(charged.vehicles()).extracting(Vehicle::fixedCost).containsExactly(
                2 * metric.distance(depot, Location.ofLatLon(31.22, 121.53)),
                2 * metric.distance(depot, Location.ofLatLon(31.21, 121.39)));
        assertThat(charged.vehicles().get(0).fixedCost()).isBetween(17_000.0, 19_000.0);
        assertThat(free.vehicles()).extracting(Vehicle::fixedCost).containsOnly(0.0);
    }

    @Test
    void demandIsTheBinsVolumeTimesItsFillWithTheStreamsDensityAndFullWhenUnknown() {
        assertThat(ProblemBuilder.demand(job(1, JobReason.THRESHOLD, JobState.OPEN, null, "residual", 240, 85.0, NOW)))
                .isEqualTo(new Load(204, 31));
        assertThat(ProblemBuilder.demand(job(2, JobReason.THRESHOLD, JobState.OPEN, null, "kitchen", 120, null, NOW)))
                .as("no reading stored: counted full").isEqualTo(new Load(120, 60));
        assertThat(ProblemBuilder.demand(job(3, JobReason.MANUAL, JobState.OPEN, null, "glass", 1000, 130.0, NOW)))
                .as("fill clamped to 100 %, unknown stream at the default density").isEqualTo(new Load(1000, 200));
    }

    @Test
    void dueTimeIsTheWindowEndInSecondsFromLocalMidnightAndAnOverdueOrNearlyDueJobHasNone() {
        ShiftProblem shift = build(List.of(), List.of(
                job(1, JobReason.THRESHOLD, JobState.OPEN, null, "residual", 240, 90.0, NOW.plusSeconds(3 * 3600)),
                job(5, JobReason.THRESHOLD, JobState.OPEN, null, "residual", 240, 90.0, NOW.plusSeconds(3000)),
                job(2, JobReason.FORECAST, JobState.PLANNED, "t1", "residual", 240, 90.0, NOW.minusSeconds(60)),
                job(3, JobReason.FIRE_ALARM, JobState.DISPATCHED, "t1", "residual", 240, 90.0,
                        NOW.plusSeconds(20 * 24 * 3600))));

        Map<String, Stop> stops = byId(shift.problem());
        assertThat(stops.get("job-1").window()).isEqualTo(new TimeWindow(0, EIGHT + 3 * 3600));
        assertThat(stops.get("job-5").window()).as("due within the margin").isEqualTo(TimeWindow.ALWAYS);
        assertThat(stops.get("job-2").window()).isEqualTo(TimeWindow.ALWAYS);
        assertThat(stops.get("job-3").window()).isEqualTo(TimeWindow.ALWAYS);
        assertThat(stops.get("job-1").serviceTime()).isEqualTo(ProblemBuilder.SERVICE_SECONDS);
        assertThat(stops.get("job-1").location().y()).isEqualTo(31.231);
        assertThat(shift.midnight()).isEqualTo(Instant.parse("2026-11-27T16:00:00Z"));
        assertThat(shift.at(EIGHT)).isEqualTo(NOW);
    }

    @Test
    void onlyCollectionJobsNotYetOnATruckAreStopsAndMaintenanceStaysOut() {
        ShiftProblem shift = build(List.of(truck("t1", "residual", LocalTime.of(6, 0), LocalTime.of(14, 0),
                TruckStatus.ACTIVE)), List.of(
                job(1, JobReason.THRESHOLD, JobState.OPEN, null, "residual", 240, 90.0, NOW),
                job(2, JobReason.MAINTENANCE, JobState.OPEN, null, "residual", 240, 90.0, NOW),
                job(3, JobReason.FORECAST, JobState.ACCEPTED, "t1", "residual", 240, 50.0, NOW),
                job(4, JobReason.MANUAL, JobState.DISPATCHED, "t1", "residual", 240, 90.0, NOW)));

        assertThat(byId(shift.problem()).keySet()).containsExactlyInAnyOrder("job-1", "job-4");
        assertThat(shift.jobsByStop().keySet()).containsExactlyInAnyOrder("job-1", "job-3", "job-4");
        assertThat(shift.pinnedOf("t1")).extracting(p -> p.job().id()).containsExactly(3L);
    }

    @Test
    void vehiclesAreTheActiveTrucksStillOnShiftWithTheirStreamsCapacityAndDepot() {
        ShiftProblem shift = build(List.of(
                truck("early", "residual", LocalTime.of(6, 0), LocalTime.of(14, 0), TruckStatus.ACTIVE),
                truck("late", "kitchen,residual", LocalTime.of(14, 0), LocalTime.MAX, TruckStatus.ACTIVE),
                truck("done", "residual", LocalTime.of(2, 0), LocalTime.of(7, 30), TruckStatus.ACTIVE),
                truck("repair", "residual", LocalTime.of(6, 0), LocalTime.of(14, 0), TruckStatus.MAINTENANCE)),
                List.of());

        Map<String, Vehicle> vehicles = shift.problem().vehicles().stream()
                .collect(java.util.stream.Collectors.toMap(Vehicle::id, v -> v));
        assertThat(vehicles.keySet()).containsExactlyInAnyOrder("early", "late");
        Vehicle early = vehicles.get("early");
        assertThat(early.shiftStart()).as("from now, not from 06:00").isEqualTo(EIGHT);
        assertThat(early.shiftEnd()).isEqualTo(14 * 3600);
        assertThat(early.capacity()).isEqualTo(new Load(18_000, 9_000));
        assertThat(early.depotId()).isEqualTo("depot-n");
        assertThat(early.endEmpty()).as("the transfer station takes residual waste").isTrue();
        assertThat(vehicles.get("late").endEmpty()).as("and kitchen waste").isTrue();
        assertThat(build(List.of(truck("haz", "hazardous,glass", LocalTime.of(6, 0), LocalTime.of(14, 0),
                TruckStatus.ACTIVE)), List.of()).problem().vehicles().get(0).endEmpty())
                .as("no facility takes glass: the truck may return loaded").isFalse();
        assertThat(vehicles.get("late").shiftStart()).isEqualTo(14 * 3600);
        assertThat(vehicles.get("late").shiftEnd()).as("24:00").isEqualTo(24 * 3600);
        assertThat(vehicles.get("late").streams()).isEqualTo(Set.of("kitchen", "residual"));
        assertThat(shift.problem().depots()).extracting(d -> d.id()).containsExactly("depot-n");
    }

    @Test
    void facilitiesTakeTheirStreamsAndLocalOpeningHours() {
        Problem problem = build(List.of(), List.of()).problem();

        assertThat(problem.facilities()).hasSize(2);
        assertThat(problem.facilities().get(0).streams()).containsExactlyInAnyOrder("residual", "kitchen");
        assertThat(problem.facilities().get(0).opening()).isEqualTo(new TimeWindow(6 * 3600, 22 * 3600));
        assertThat(problem.facilities().get(0).unloadTime()).isEqualTo(ProblemBuilder.UNLOAD_SECONDS);
        assertThat(problem.facilities().get(1).opening()).isEqualTo(new TimeWindow(0, 24 * 3600));
        assertThat(problem.facilities().get(1).accepts("residual")).isFalse();
    }

    @Test
    void pinnedJobsComeFirstArrivedThenAcceptedThenGivenByADispatcherAndTheTrucksPlanStartsAfterThemWithLessRoom() {
        ShiftProblem shift = build(List.of(truck("t1", "residual", LocalTime.of(6, 0), LocalTime.of(14, 0),
                TruckStatus.ACTIVE)), List.of(
                job(3, JobReason.MANUAL, JobState.OPEN, "t1", "residual", 240, 0.0, NOW),
                job(1, JobReason.THRESHOLD, JobState.ACCEPTED, "t1", "residual", 240, 100.0, NOW),
                job(2, JobReason.THRESHOLD, JobState.ARRIVED, "t1", "residual", 240, 50.0, NOW)));

        List<ShiftProblem.PinnedStop> pinned = shift.pinnedOf("t1");
        assertThat(pinned).as("arrived, accepted, then the one a dispatcher gave it").extracting(p -> p.job().id())
                .containsExactly(2L, 1L, 3L);
        assertThat(shift.problem().stops()).isEmpty();
        assertThat(pinned.get(0).arrival()).isGreaterThan(EIGHT);
        assertThat(pinned.get(1).arrival()).isGreaterThan(pinned.get(0).arrival() + ProblemBuilder.SERVICE_SECONDS);
        Vehicle t1 = shift.problem().vehicles().get(0);
        assertThat((double) t1.shiftStart()).isGreaterThanOrEqualTo(pinned.get(2).arrival() + ProblemBuilder.SERVICE_SECONDS);
        assertThat(t1.capacity()).isEqualTo(new Load(18_000 - 360, 9_000 - 54));
    }

    @Test
    void pinnedJobsAreTimedFromTheTrucksFreshPositionElseFromItsDepot() {
        List<Truck> trucks = List.of(truck("t1", "residual", LocalTime.of(6, 0), LocalTime.of(14, 0), TruckStatus.ACTIVE));
        PlanJob arrived = job(2, JobReason.THRESHOLD, JobState.ARRIVED, "t1", "residual", 240, 50.0, NOW);
        ProblemBuilder builder = new ProblemBuilder(CITY, DriverBreak.OFF);

        ShiftProblem atTheBin = builder.build(new PlanSnapshot(NOW, DAY, trucks, FACILITIES, List.of(arrived), Map.of(),
                Map.of("t1", new PlanSnapshot.Position(arrived.lat(), arrived.lon(), NOW.minusSeconds(60)))));
        ShiftProblem stale = builder.build(new PlanSnapshot(NOW, DAY, trucks, FACILITIES, List.of(arrived), Map.of(),
                Map.of("t1", new PlanSnapshot.Position(arrived.lat(), arrived.lon(), NOW.minusSeconds(3600)))));

        assertThat(atTheBin.pinnedOf("t1").get(0).arrival()).isEqualTo(EIGHT);
        assertThat(atTheBin.pinnedOf("t1").get(0).distance()).isZero();
        assertThat(stale.pinnedOf("t1").get(0).arrival()).as("from the depot, 4 km away").isGreaterThan(EIGHT + 400);
    }

    @Test
    void theFingerprintChangesWithAJobsStateOrTruckButNotWithTime() {
        List<Truck> trucks = List.of(truck("t1", "residual", LocalTime.of(6, 0), LocalTime.of(14, 0), TruckStatus.ACTIVE));
        PlanJob open = job(1, JobReason.THRESHOLD, JobState.OPEN, null, "residual", 240, 90.0, NOW);
        String before = build(trucks, List.of(open)).fingerprint();

        assertThat(new ProblemBuilder(CITY, DriverBreak.OFF).build(new PlanSnapshot(NOW.plusSeconds(600), DAY, trucks, FACILITIES,
                List.of(open), Map.of())).fingerprint()).isEqualTo(before);
        assertThat(build(trucks, List.of(open.withAssignment(JobState.DISPATCHED, "t1"))).fingerprint()).isNotEqualTo(before);
    }

    private static Map<String, Stop> byId(Problem problem) {
        return problem.stops().stream().collect(java.util.stream.Collectors.toMap(Stop::id, s -> s));
    }
}
