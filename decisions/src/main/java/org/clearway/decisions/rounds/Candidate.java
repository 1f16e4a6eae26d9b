package org.clearway.decisions.rounds;

import org.clearway.decisions.BinState;

/**
 * A bin the selection may choose, with what the policy knows of it at the planning moment.
 *
 * @param binId        the bin's id
 * @param group        the group whose trucks make its rounds: its district and stream, e.g. {@code 2/residual}
 * @param run          the planner run it is planned in (pooling: one trip may serve several districts of a stream);
 *                     the group itself without pooling
 * @param sector       its sector within the group (a community or a grid square, see {@link RiskRules#sector}); any
 *                     key, compared for equality
 * @param x            east, metres (for the distance rule)
 * @param y            north, metres
 * @param state        the decision engine's state of the bin (level, forecast)
 * @param thresholdPct the bin's threshold: with no forecast yet, a bin at least this full is at risk
 */
public record Candidate(String binId, String group, String run, String sector, double x, double y, BinState state,
                        double thresholdPct) {

    public Candidate {
        if (binId == null || group == null || run == null || sector == null || state == null) {
            throw new IllegalArgumentException("a candidate needs its bin, group, run, sector and state, got " + binId
                    + ", " + group + ", " + run + ", " + sector + ", " + state);
        }
    }
}
