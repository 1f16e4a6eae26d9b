package org.clearway.dispatch.rounds;

import static java.time.DayOfWeek.FRIDAY;
import static java.time.DayOfWeek.MONDAY;
import static java.time.DayOfWeek.SATURDAY;
import static java.time.DayOfWeek.SUNDAY;
import static java.time.DayOfWeek.THURSDAY;
import static java.time.DayOfWeek.TUESDAY;
import static java.time.DayOfWeek.WEDNESDAY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import org.clearway.decisions.rounds.GroupDay;
import org.junit.jupiter.api.Test;

class RoundCalendarTest {

    static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    /** A Monday. */
    static final LocalDate MONDAY_7TH = LocalDate.of(2026, 12, 7);

    @Test
    void evenlySpacedDaysPutTheFirstGroupOnTodayAndStaggerTheOthers() {
        assertThat(RoundCalendar.spaced(2, 0, TUESDAY)).containsExactly(TUESDAY, THURSDAY, SATURDAY);
        assertThat(RoundCalendar.spaced(2, 1, TUESDAY)).containsExactly(MONDAY, WEDNESDAY, FRIDAY);
        assertThat(RoundCalendar.spaced(3, 0, MONDAY)).containsExactly(MONDAY, THURSDAY);
        assertThat(RoundCalendar.spaced(3, 2, MONDAY)).containsExactly(WEDNESDAY, SATURDAY);
        assertThat(RoundCalendar.spaced(4, 3, FRIDAY)).containsExactly(TUESDAY);
        assertThat(RoundCalendar.spaced(2, 0, SUNDAY)).as("Sunday is no round day: from Monday")
                .containsExactly(MONDAY, WEDNESDAY, FRIDAY);
    }

    @Test
    void aGroupsDayHasItsNextRoundsInTheCitysTimeZone() {
        RoundCalendar calendar = new RoundCalendar(BERLIN, Map.of("residual",
                new RoundsStore.Shift(LocalTime.of(7, 0), LocalTime.of(15, 0))));
        Round round = Round.spaced("d1", "residual", List.of(MONDAY, THURSDAY, SATURDAY));
        GroupDay monday = calendar.day(round, MONDAY_7TH, 1);
        assertThat(monday.roundToday()).isTrue();
        assertThat(monday.nextRound().start()).isEqualTo(Instant.parse("2026-12-10T06:00:00Z"));
        assertThat(monday.nextRound().end()).isEqualTo(Instant.parse("2026-12-10T14:00:00Z"));
        assertThat(monday.nextRounds().get(1).start()).isEqualTo(Instant.parse("2026-12-12T06:00:00Z"));
        GroupDay tuesday = calendar.day(round, MONDAY_7TH.plusDays(1), 0);
        assertThat(tuesday.roundToday()).isFalse();
        assertThat(tuesday.nextRounds()).hasSize(1);
        GroupDay saturday = calendar.day(round, MONDAY_7TH.plusDays(5), 0);
        assertThat(saturday.nextRound().start()).as("over Sunday to Monday").isEqualTo(Instant.parse("2026-12-14T06:00:00Z"));
    }

    @Test
    void theNextRoundIsTodaysUntilItsShiftEnds() {
        RoundCalendar calendar = new RoundCalendar(ZoneId.of("UTC"), Map.of());
        Round round = Round.spaced("d1", "glass", List.of(MONDAY));
        assertThat(calendar.nextRoundStart(round, MONDAY_7TH, Instant.parse("2026-12-07T10:00:00Z")))
                .isEqualTo(Instant.parse("2026-12-07T06:00:00Z"));
        assertThat(calendar.over("glass", MONDAY_7TH, Instant.parse("2026-12-07T14:00:00Z"))).isTrue();
        assertThat(calendar.nextRoundStart(round, MONDAY_7TH, Instant.parse("2026-12-07T14:00:00Z")))
                .as("the default shift 06:00-14:00 is over").isEqualTo(Instant.parse("2026-12-14T06:00:00Z"));
    }

    @Test
    void roundsAreMondayToSaturday() {
        assertThatThrownBy(() -> Round.spaced("d1", "residual", List.of(SUNDAY)))
                .hasMessageContaining("Monday to Saturday");
        assertThat(Round.spaced("d1", "residual", List.of(SATURDAY, MONDAY)).weekdays()).containsExactly(MONDAY, SATURDAY);
    }
}
