package org.clearway.dispatch.plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import org.clearway.dispatch.fleet.Truck;
import org.clearway.dispatch.fleet.TruckStatus;
import org.junit.jupiter.api.Test;

class DispatchHoldTest {
    private static final ZoneId CITY = ZoneId.of("Asia/Shanghai");
    private static final LocalDate DAY = LocalDate.of(2026, 11, 28);
    private static final List<Truck> TRUCKS = List.of(
            new Truck("early", "depot", List.of("residual"), 10_000, 5_000, LocalTime.of(6, 0), LocalTime.of(14, 0),
                    TruckStatus.ACTIVE),
            new Truck("late", "depot", List.of("residual"), 10_000, 5_000, LocalTime.of(12, 0), LocalTime.of(20, 0),
                    TruckStatus.ACTIVE));

    private static PlanSnapshot at(String localTime) {
        Instant now = DAY.atTime(LocalTime.parse(localTime)).atZone(CITY).toInstant();
        return new PlanSnapshot(now, DAY, TRUCKS, List.of(), List.of(), Map.of());
    }

    @Test
    void aTruckIsHeldUntilDispatchAheadBeforeItsShiftStartsInTheCitysTime() {
        DispatchHold hold = new DispatchHold(CITY, Duration.ofMinutes(30));
        assertThat(hold.held(at("04:00"))).containsExactly("early", "late");
        assertThat(hold.held(at("05:29"))).containsExactly("early", "late");
        assertThat(hold.held(at("05:30"))).containsExactly("late");
        assertThat(hold.held(at("09:00"))).containsExactly("late");
        assertThat(hold.held(at("11:30"))).isEmpty();
    }

    @Test
    void withoutDispatchAheadNoTruckIsHeld() {
        assertThat(new DispatchHold(CITY, null).held(at("00:05"))).isEmpty();
    }
}
