package org.clearway.decisions.rounds;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;

/**
 * What the selection needs of a group's calendar (a district and stream) at one planning moment.
 *
 * @param roundToday whether the coming shift is one of the group's rounds
 * @param nextRounds the group's next rounds after the coming shift, the first one first; at least one, and more than
 *                   {@link RiskRules#aheadRounds()} of them when that knob is on
 */
public record GroupDay(boolean roundToday, List<Shift> nextRounds) {

    public GroupDay {
        nextRounds = List.copyOf(nextRounds);
        if (nextRounds.isEmpty()) {
            throw new IllegalArgumentException("a group needs its next round to decide which bins wait for it");
        }
    }

    public GroupDay(boolean roundToday, Shift nextRound) {
        this(roundToday, List.of(nextRound));
    }

    /** The first round after the coming shift. */
    public Shift nextRound() {
        return nextRounds.get(0);
    }

    /**
     * A group's day from its round weekdays with one shift a day, {@code start} to {@code end} in the zone (a caller
     * with holidays builds the {@link GroupDay} itself).
     *
     * @param count how many next rounds (1 + {@link RiskRules#aheadRounds()})
     */
    public static GroupDay of(RoundDays days, LocalDate today, int count, LocalTime start, LocalTime end, ZoneId zone) {
        return new GroupDay(days.contains(today.getDayOfWeek()),
                days.nextDates(today, count).stream().map(d -> Shift.on(d, start, end, zone)).toList());
    }
}
