package org.clearway.dispatch.rounds;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

import org.clearway.decisions.rounds.GroupDay;
import org.clearway.decisions.rounds.Shift;

/**
 * The service's calendar for the policy library: shift days in the city's time zone, each stream's shift hours from
 * its active trucks (06:00 to 14:00 for a stream no truck collects), and the {@link GroupDay} the selection takes.
 */
final class RoundCalendar {

    /** The shift hours of a stream without active trucks (the lab city's shift). */
    static final RoundsStore.Shift DEFAULT_SHIFT = new RoundsStore.Shift(LocalTime.of(6, 0), LocalTime.of(14, 0));
    /** Round days are Monday to Saturday. */
    static final int WORKING_DAYS = 6;

    private final ZoneId zone;
    private final Map<String, RoundsStore.Shift> shifts;

    RoundCalendar(ZoneId zone, Map<String, RoundsStore.Shift> shifts) {
        this.zone = Objects.requireNonNull(zone, "zone");
        this.shifts = Map.copyOf(shifts);
    }

    /** The shift day of {@code now}: its local date. */
    LocalDate today(Instant now) {
        return LocalDate.ofInstant(now, zone);
    }

    /** The stream's shift on a day. */
    Shift shift(String stream, LocalDate day) {
        RoundsStore.Shift hours = hours(stream);
        return Shift.on(day, hours.start(), hours.end(), zone);
    }

    private RoundsStore.Shift hours(String stream) {
        return shifts.getOrDefault(stream, DEFAULT_SHIFT);
    }

    /** Whether the stream's shift of {@code today} has ended at {@code now}. */
    boolean over(String stream, LocalDate today, Instant now) {
        return !now.isBefore(shift(stream, today).end());
    }

    /** The group's day for the selection: whether today is a round, and its next {@code ahead} + 1 rounds after it. */
    GroupDay day(Round round, LocalDate today, int ahead) {
        RoundsStore.Shift hours = hours(round.stream());
        return GroupDay.of(round.days(), today, ahead + 1, hours.start(), hours.end(), zone);
    }

    /** When the group's next round starts: today's shift if it is a round day not over yet, else the next round's. */
    Instant nextRoundStart(Round round, LocalDate today, Instant now) {
        if (round.roundOn(today) && !over(round.stream(), today, now)) {
            return shift(round.stream(), today).start();
        }
        return shift(round.stream(), round.nextRoundAfter(today)).start();
    }

    /**
     * Evenly spaced round days, before the week's rhythm is known: rounds {@code roundEvery} working days apart make
     * 6 / {@code roundEvery} rounds a week (at least one), spread over Monday to Saturday; the group with stagger 0
     * has a round on {@code today} (Monday on a Sunday), the others follow it, so that on a first start some groups
     * have a round at once.
     */
    static List<DayOfWeek> spaced(int roundEvery, int stagger, DayOfWeek today) {
        int perWeek = Math.max(1, WORKING_DAYS / Math.max(1, roundEvery));
        int step = WORKING_DAYS / perWeek;
        int first = (today == DayOfWeek.SUNDAY ? 0 : today.getValue() - 1) + stagger;
        TreeSet<DayOfWeek> days = new TreeSet<>();
        for (int k = 0; k < perWeek; k++) {
            days.add(DayOfWeek.of(Math.floorMod(first + k * step, WORKING_DAYS) + 1));
        }
        return List.copyOf(days);
    }
}
