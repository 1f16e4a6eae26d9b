package org.clearway.dispatch.plan;

import static org.assertj.core.api.Assertions.assertThat;

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
import org.clearway.routing.model.BreakRule;
import org.clearway.routing.model.Location;
import org.clearway.routing.model.Vehicle;
import org.junit.jupiter.api.Test;

/**
 * The problem built for a truck on the road at 10:00 with the default break (30 minutes starting 09:30 to 12:00),
 * as it reported its break (issue 15): not yet taken, taken, or on it now.
 */
class ReportedBreakTest {

    private static final LocalDate DAY = LocalDate.of(2026, 11, 28);
    private static final Instant NOW = Instant.parse("2026-11-28T10:00:00Z");
    private static final long TEN = 10 * 3600;
    private static final List<Truck> TRUCK = List.of(new Truck("t1", "depot", List.of("residual"), 18_000, 9_000,
            LocalTime.of(6, 0), LocalTime.of(14, 0), TruckStatus.ACTIVE));
    private static final List<FleetFacility> FACILITIES = List.of(
            new FleetFacility("depot", FacilityKind.DEPOT, "Depot", 31.27, 121.46, List.of(), LocalTime.of(5, 0),
                    LocalTime.of(23, 0)),
            new FleetFacility("transfer", FacilityKind.TRANSFER_STATION, "Transfer", 31.22, 121.53,
                    List.of("residual"), LocalTime.of(6, 0), LocalTime.of(22, 0)));
    /** Where the truck stopped: reported at 09:48, before its break started (stale for a truck at work). */
    private static final PlanSnapshot.Position PARKED = new PlanSnapshot.Position(31.23, 121.47,
            Instant.parse("2026-11-28T09:48:00Z"));

    private static ShiftProblem build(PlanSnapshot.ReportedBreak reported) {
        PlanSnapshot snapshot = new PlanSnapshot(NOW, DAY, TRUCK, FACILITIES, List.of(), Map.of(), Map.of("t1", PARKED),
                Map.of(), reported == null ? Map.of() : Map.of("t1", reported));
        return new ProblemBuilder(ZoneOffset.UTC, DriverBreak.DEFAULT).build(snapshot);
    }

    @Test
    void aTruckThatHasNotTakenItsBreakKeepsThePlannedWindow() {
        ShiftProblem shift = build(null);

        Vehicle truck = shift.problem().vehicles().get(0);
        assertThat(truck.breakRule()).isEqualTo(new BreakRule(TEN, 12 * 3600, 1800));
        assertThat(shift.starts().get("t1").vehicle().breakRule()).isEqualTo(new BreakRule(TEN, 12 * 3600, 1800));
        assertThat(shift.starts().get("t1").at()).isEqualTo(TEN);
    }

    @Test
    void aTruckWhoseBreakEndedTodayGetsNoFurtherBreak() {
        ShiftProblem shift = build(new PlanSnapshot.ReportedBreak(Instant.parse("2026-11-28T09:20:00Z"),
                Instant.parse("2026-11-28T09:50:00Z")));

        assertThat(shift.problem().vehicles().get(0).breakRule()).isNull();
        assertThat(shift.starts().get("t1").vehicle().breakRule()).isNull();
        assertThat(shift.starts().get("t1").at()).as("at work now").isEqualTo(TEN);
    }

    @Test
    void aTruckOnABreakStartsAfterWhatIsLeftOfItWhereItStopped() {
        ShiftProblem shift = build(new PlanSnapshot.ReportedBreak(Instant.parse("2026-11-28T09:50:00Z"), null));

        ShiftProblem.TruckStart start = shift.starts().get("t1");
        assertThat(start.at()).as("30 minutes from 09:50: 20 minutes to go").isEqualTo(TEN + 1200);
        assertThat(start.here()).isEqualTo(Location.ofLatLon(PARKED.lat(), PARKED.lon()));
        assertThat(start.vehicle().breakRule()).isNull();
        Vehicle truck = shift.problem().vehicles().get(0);
        assertThat(truck.shiftStart()).isEqualTo(TEN + 1200);
        assertThat(truck.breakRule()).isNull();
    }

    @Test
    void aBreakStartedOrEndedChangesTheFingerprintSoThatTheNextPlanRevisesTheRoute() {
        Instant started = Instant.parse("2026-11-28T09:50:00Z");
        String none = build(null).fingerprint();
        String onIt = build(new PlanSnapshot.ReportedBreak(started, null)).fingerprint();
        String taken = build(new PlanSnapshot.ReportedBreak(started, NOW)).fingerprint();

        assertThat(onIt).isNotEqualTo(none);
        assertThat(taken).isNotEqualTo(none).isNotEqualTo(onIt);
        assertThat(build(new PlanSnapshot.ReportedBreak(started, NOW)).fingerprint()).isEqualTo(taken);
    }
}
