package org.clearway.decisions.rounds;

/**
 * A bin the selection chose.
 *
 * @param index     its position in the candidates given
 * @param candidate the candidate
 * @param reason    why
 */
public record Selected(int index, Candidate candidate, Reason reason) {

    /** Whether the bin has a job of its own (at risk or urgent), rather than going along. */
    public boolean job() {
        return reason != Reason.ON_THE_WAY;
    }
}
