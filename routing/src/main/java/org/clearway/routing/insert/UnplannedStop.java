package org.clearway.routing.insert;

import java.util.Locale;

/**
 * Why a stop was left out of a plan: the constraint that made every truck's insertion fail, found by trying the stop
 * at every position of every truck's route ({@link UnplannedDiagnosis}).
 *
 * @param detail which trucks failed on what, in a sentence
 */
public record UnplannedStop(String stopId, Reason reason, String detail) {

    /** The rule that no truck could meet for the stop. */
    public enum Reason {
        /** No truck collects the stream, or no facility takes it and the trucks must end empty. */
        STREAM,
        /** The stop's demand does not fit one load of any truck that collects its stream. */
        CAPACITY,
        /** Every truck's shift cap (volume or weight across all loads) or stop limit would be exceeded. */
        CAP,
        /** The stop's own time window cannot be met. */
        WINDOW,
        /** Inserting it breaks the shift end, the break, a facility's opening or another stop's window. */
        TIME,
        /** Some truck could take it: the search left it out (a longer time limit may place it). */
        NONE;

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }
}
