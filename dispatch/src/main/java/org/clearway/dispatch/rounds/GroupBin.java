package org.clearway.dispatch.rounds;

import java.util.Objects;

import org.clearway.decisions.BinState;

/**
 * A registered, unretired bin as the rounds chore sees it: its group (district and stream), where it stands, its
 * threshold, the decision engine's state ({@code bin_decisions}) and whether a collection job is open for it.
 *
 * @param zoneId         the bin's own zone (a community, usually): a sector of the policy
 * @param state          the engine's state; {@link BinState#initial} for a bin that has sent nothing yet
 * @param openCollection whether the bin already has an open collection job (of any reason) or was collected on this
 *                       shift day, so none is added (the lab selects a day's bins once)
 */
public record GroupBin(String id, String districtId, String stream, String zoneId, double lat, double lon,
                       double thresholdPct, BinState state, boolean openCollection) {

    public GroupBin {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(districtId, "districtId");
        Objects.requireNonNull(stream, "stream");
        Objects.requireNonNull(state, "state");
    }

    public String groupKey() {
        return Round.key(districtId, stream);
    }
}
