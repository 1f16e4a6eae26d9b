package org.clearway.decisions.rounds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;

import org.junit.jupiter.api.Test;

/** A group's calendar from its round weekdays, in the city's zone. */
class GroupDayTest {

    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    private static final RoundDays MON_THU_SAT = RoundDays.pinned(DayOfWeek.MONDAY, DayOfWeek.THURSDAY,
            DayOfWeek.SATURDAY);

    @Test
    void theNextRoundsAreTheRoundWeekdaysAfterTodayNeverSunday() {
        LocalDate thursday = LocalDate.of(2026, 3, 26);
        assertThat(MON_THU_SAT.nextDates(thursday, 3)).containsExactly(LocalDate.of(2026, 3, 28),
                LocalDate.of(2026, 3, 30), LocalDate.of(2026, 4, 2));
        assertThatThrownBy(() -> MON_THU_SAT.nextDates(thursday, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shiftsAreLocalTimesOfTheZoneAcrossTheClockChange() {
        // Saturday 28 March 2026 is still winter time in Paris (UTC+1), Monday 30 March summer time (UTC+2)
        GroupDay day = GroupDay.of(MON_THU_SAT, LocalDate.of(2026, 3, 26), 2, LocalTime.of(6, 0), LocalTime.of(14, 0),
                PARIS);
        assertThat(day.roundToday()).isTrue();
        assertThat(day.nextRound().start()).isEqualTo(Instant.parse("2026-03-28T05:00:00Z"));
        assertThat(day.nextRound().end()).isEqualTo(Instant.parse("2026-03-28T13:00:00Z"));
        assertThat(day.nextRounds().get(1).start()).isEqualTo(Instant.parse("2026-03-30T04:00:00Z"));
        assertThat(GroupDay.of(MON_THU_SAT, LocalDate.of(2026, 3, 27), 1, LocalTime.of(6, 0), LocalTime.of(14, 0),
                PARIS).roundToday()).isFalse();
    }
}
