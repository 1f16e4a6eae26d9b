package org.clearway.dispatch.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import org.clearway.dispatch.fleet.FacilityKind;
import org.clearway.dispatch.fleet.FleetFacility;
import org.clearway.dispatch.fleet.Truck;
import org.clearway.dispatch.fleet.TruckStatus;
import org.junit.jupiter.api.Test;

class OnBoardTest {

    @Test
    void theSumsAreCappedByTheLoadTheTruckReportedPlusWhatItCollectedSince() {
        // the empty body's position after an unload was lost: the sums run on across the unload
        PlanSnapshot.OnBoard summed = new PlanSnapshot.OnBoard(5_000, 750, "residual", 10.0, 200, 30);
        PlanSnapshot.OnBoard capped = summed.capped(10_000, 5_000);
        assertThat(capped.volumeL()).isCloseTo(1_000 + 200, within(1e-9));
        assertThat(capped.weightKg()).isCloseTo(500 + 30, within(1e-9));
        assertThat(capped.stream()).isEqualTo("residual");
    }

    @Test
    void sumsBelowTheReportedLoadOrWithoutAReportStandAsTheyAre() {
        PlanSnapshot.OnBoard exact = new PlanSnapshot.OnBoard(900, 135, "residual", 12.0, 0, 0);
        assertThat(exact.capped(10_000, 5_000)).extracting(PlanSnapshot.OnBoard::volumeL, PlanSnapshot.OnBoard::weightKg)
                .containsExactly(900.0, 135.0);
        PlanSnapshot.OnBoard unreported = new PlanSnapshot.OnBoard(5_000, 750, "residual");
        assertThat(unreported.capped(10_000, 5_000)).isEqualTo(unreported);
    }

    @Test
    void theBuilderPlansTheTruckWithTheCappedLoad() {
        Instant now = Instant.parse("2026-11-28T09:00:00Z");
        LocalDate day = LocalDate.of(2026, 11, 28);
        List<FleetFacility> facilities = List.of(new FleetFacility("depot", FacilityKind.DEPOT, "Depot", 31.23, 121.47,
                List.of(), LocalTime.MIDNIGHT, LocalTime.MAX));
        Truck truck = new Truck("t1", "depot", List.of("residual"), 10_000, 5_000, LocalTime.of(6, 0),
                LocalTime.of(14, 0), TruckStatus.ACTIVE);
        ShiftProblem shift = new ProblemBuilder(ZoneOffset.UTC, DriverBreak.OFF).build(new PlanSnapshot(now,
                day, List.of(truck), facilities, List.of(), Map.of(), Map.of(),
                Map.of("t1", new PlanSnapshot.OnBoard(9_500, 1_425, "residual", 5.0, 0, 0))));
        assertThat(shift.starts().get("t1").onBoard().volume()).as("5 % of 10,000 l, not the 9,500 l summed")
                .isEqualTo(500);
        assertThat(shift.problem().vehicles().get(0).capacity().volume()).isEqualTo(9_500);
    }
}
