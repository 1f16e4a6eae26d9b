package org.clearway.decisions.forecast;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;

import org.junit.jupiter.api.Test;

class LocalHoursTest {

    private final LocalHours berlin = new LocalHours(ZoneId.of("Europe/Berlin").getRules());

    @Test
    void hoursOfTheWeekAreLocalAndStartOnMonday() {
        assertThat(berlin.hourOfWeek(seconds("2025-03-02T23:00:00Z"))).as("Monday 00:00 in Berlin").isZero();
        assertThat(berlin.hourOfWeek(seconds("2025-03-02T22:59:59Z"))).as("Sunday 23:59").isEqualTo(167);
        assertThat(berlin.hourOfWeek(seconds("2025-07-02T10:30:00Z"))).as("Wednesday 12:30, summer time").isEqualTo(2 * 24 + 12);
    }

    @Test
    void theNextHourFollowsTheLocalClockAcrossTheChangeToSummerTime() {
        double beforeChange = seconds("2025-03-30T00:30:00Z");

        assertThat(LocalHours.instant(berlin.nextHour(beforeChange))).isEqualTo(Instant.parse("2025-03-30T01:00:00Z"));
        assertThat(berlin.hourOfWeek(seconds("2025-03-30T01:00:00Z"))).as("Sunday 03:00, 02:00 never happened")
                .isEqualTo(6 * 24 + 3);
    }

    private static double seconds(String at) {
        return LocalHours.seconds(Instant.parse(at));
    }
}
