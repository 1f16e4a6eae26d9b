package org.clearway.dispatch.rounds;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;

import org.clearway.decisions.rounds.RoundDays;

/**
 * A group's rounds, as the {@code rounds} table (V16) keeps them: the trucks of a district and a waste stream go out
 * on these weekdays.
 *
 * @param weekdays       the round days, ascending
 * @param pinned         the city chose them; the chore never refits them
 * @param fittedAt       the last fit to the week's rhythm, or null while evenly spaced (or pinned)
 * @param longestGapDays the fit's longest gap in days of waste at the mean rate, or null
 * @param selectedOn     the last shift day the chore selected the group's bins for, or null
 * @param nextRoundAt    the start of the next round's shift from the last selection on, or null
 * @param binsAtRisk     at the last selection, the group's bins at risk (a round day) or urgent (between rounds)
 * @param binsSelected   at the last selection, the bins it chose
 */
public record Round(String districtId, String stream, List<DayOfWeek> weekdays, boolean pinned, Instant fittedAt,
                   Double longestGapDays, LocalDate selectedOn, Instant nextRoundAt, int binsAtRisk, int binsSelected) {

    public Round {
        Objects.requireNonNull(districtId, "districtId");
        Objects.requireNonNull(stream, "stream");
        if (weekdays == null || weekdays.isEmpty()) {
            throw new IllegalArgumentException("a group needs at least one round day a week");
        }
        weekdays = List.copyOf(new TreeSet<>(weekdays));
        if (weekdays.contains(DayOfWeek.SUNDAY)) {
            throw new IllegalArgumentException("round days are Monday to Saturday, the policy's working days");
        }
    }

    /** A group's first rounds, before any selection. */
    static Round spaced(String districtId, String stream, List<DayOfWeek> weekdays) {
        return new Round(districtId, stream, weekdays, false, null, null, null, null, 0, 0);
    }

    /** The round days as the policy library takes them. */
    public RoundDays days() {
        return RoundDays.pinned(weekdays.toArray(DayOfWeek[]::new));
    }

    /** Whether the date is one of the group's round days. */
    public boolean roundOn(LocalDate date) {
        return weekdays.contains(date.getDayOfWeek());
    }

    /** The first round day after {@code date}. */
    public LocalDate nextRoundAfter(LocalDate date) {
        return days().nextDates(date, 1).get(0);
    }

    /** The group's key, {@code district/stream}. */
    public String key() {
        return key(districtId, stream);
    }

    public static String key(String districtId, String stream) {
        return districtId + "/" + stream;
    }

    Round selected(LocalDate on, Instant nextRound, int atRisk, int selected) {
        return new Round(districtId, stream, weekdays, pinned, fittedAt, longestGapDays, on, nextRound, atRisk, selected);
    }

    Round fitted(List<DayOfWeek> days, Instant at, double longestGap) {
        return new Round(districtId, stream, days, false, at, longestGap, selectedOn, nextRoundAt, binsAtRisk,
                binsSelected);
    }
}
