package org.clearway.decisions.rounds;

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
}
