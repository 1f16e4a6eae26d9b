package org.clearway.dispatch.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

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
import org.clearway.routing.model.DistanceKind;
import org.clearway.routing.model.Location;
import org.clearway.routing.model.TravelMetric;
import org.junit.jupiter.api.Test;

class PlanTravelTest {
    private static final Location A = Location.ofLatLon(31.2300, 121.4700);
    /** 0.01° north and 0.01° east of A. */
    private static final Location B = Location.ofLatLon(31.2400, 121.4800);

    @Test
    void onAGridALegIsItsNorthSouthPlusItsEastWestMetresAtThePlannersSpeed() {
        TravelMetric grid = new TravelMetric(new PlanTravel(true, 1, 21.6, 60).distanceModel());
        double north = 0.01 * 111_320;
        double east = 0.01 * 111_320 * Math.cos(Math.toRadians(31.235));
        assertThat(grid.model().kind()).isEqualTo(DistanceKind.GRID);
        assertThat(grid.distance(A, B)).isCloseTo(north + east, within(1e-6));
        assertThat(grid.time(A, B)).isCloseTo((north + east) / 6.0, within(1e-6));
        TravelMetric direct = new TravelMetric(PlanTravel.DEFAULT.distanceModel());
        assertThat(grid.distance(A, B) / direct.distance(A, B)).as("a diagonal leg on the grid, against the straight line")
                .isBetween(1.35, 1.42);
    }

    @Test
    void theRoadFactorLengthensTheTimesNotTheDistances() {
        TravelMetric plain = new TravelMetric(PlanTravel.DEFAULT.distanceModel());
        TravelMetric roads = new TravelMetric(new PlanTravel(false, 1.3, 25, 120).distanceModel());
        assertThat(roads.model().kind()).isEqualTo(DistanceKind.HAVERSINE);
        assertThat(roads.distance(A, B)).isEqualTo(plain.distance(A, B));
        assertThat(roads.time(A, B)).isCloseTo(1.3 * plain.time(A, B), within(1e-6));
        assertThat(plain.time(A, B)).isCloseTo(plain.distance(A, B) / ProblemBuilder.SPEED_MPS, within(1e-6));
    }

    @Test
    void theBuilderTimesBinsAndPinnedJobsWithItsTravelModel() {
        Instant now = Instant.parse("2026-11-28T07:00:00Z");
        LocalDate day = LocalDate.of(2026, 11, 28);
        List<FleetFacility> facilities = List.of(new FleetFacility("depot", FacilityKind.DEPOT, "Depot", 31.23, 121.47,
                List.of(), LocalTime.MIDNIGHT, LocalTime.MAX));
        Truck truck = new Truck("t1", "depot", List.of("residual"), 10_000, 5_000, LocalTime.of(6, 0),
                LocalTime.of(14, 0), TruckStatus.ACTIVE);
        PlanJob accepted = new PlanJob(1, "b-1", JobReason.ROUND, Priority.NORMAL, JobState.ACCEPTED, "t1",
                now.plusSeconds(36_000), now.minusSeconds(60), 31.24, 121.48, "residual", 240, 50.0);
        PlanJob open = new PlanJob(2, "b-2", JobReason.ROUND, Priority.NORMAL, JobState.OPEN, null,
                now.plusSeconds(36_000), now.minusSeconds(60), 31.25, 121.48, "residual", 240, 50.0);
        PlanTravel lab = new PlanTravel(true, 1, 21.6, 60);
        ShiftProblem shift = new ProblemBuilder(ZoneOffset.UTC, DriverBreak.OFF, false, lab).build(new PlanSnapshot(now,
                day, List.of(truck), facilities, List.of(accepted, open), Map.of()));

        assertThat(shift.problem().distanceModel().kind()).isEqualTo(DistanceKind.GRID);
        assertThat(shift.problem().stops()).singleElement().satisfies(s -> assertThat(s.serviceTime()).isEqualTo(60));
        assertThat(shift.binService()).isEqualTo(60);
        double drive = new TravelMetric(lab.distanceModel()).time(Location.ofLatLon(31.23, 121.47),
                Location.ofLatLon(31.24, 121.48));
        ShiftProblem.PinnedStop first = shift.pinnedOf("t1").get(0);
        assertThat(first.arrival()).as("from the depot at 07:00 on the grid at 21.6 km/h").isCloseTo(7 * 3600 + drive,
                within(1e-6));
        assertThat((double) shift.problem().vehicles().get(0).shiftStart()).as("free after the minute at the bin")
                .isCloseTo(Math.ceil(first.arrival() + 60), within(1e-6));
    }

    @Test
    void aRoadFactorBelowOneOrASpeedOfZeroIsRefused() {
        assertThatThrownBy(() -> new PlanTravel(false, 0.9, 25, 120)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new PlanTravel(false, 1, 0, 120)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new PlanTravel(false, 1, 25, -1)).isInstanceOf(IllegalArgumentException.class);
    }
}
