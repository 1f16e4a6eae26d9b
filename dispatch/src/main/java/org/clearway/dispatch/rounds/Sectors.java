package org.clearway.dispatch.rounds;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.clearway.decisions.rounds.Candidate;
import org.clearway.decisions.rounds.RiskRules;

/**
 * Where the bins stand for the selection: metres east and north of the city's south-west corner (an equirectangular
 * projection at the city's mean latitude, good to a fraction of a percent across a city), and each bin's sector by
 * the {@link RiskRules} (its community zone, or its grid square).
 */
final class Sectors {

    static final double METRES_PER_DEGREE = 111_195.0;

    private final RiskRules rules;
    private final double originLat;
    private final double originLon;
    private final double cosLat;
    private final Map<String, Integer> communities = new HashMap<>();

    Sectors(RiskRules rules, List<GroupBin> bins) {
        this.rules = rules;
        double minLat = Double.POSITIVE_INFINITY;
        double minLon = Double.POSITIVE_INFINITY;
        double sumLat = 0;
        for (GroupBin bin : bins) {
            minLat = Math.min(minLat, bin.lat());
            minLon = Math.min(minLon, bin.lon());
            sumLat += bin.lat();
            communities.putIfAbsent(bin.zoneId(), communities.size());
        }
        this.originLat = bins.isEmpty() ? 0 : minLat;
        this.originLon = bins.isEmpty() ? 0 : minLon;
        this.cosLat = Math.cos(Math.toRadians(bins.isEmpty() ? 0 : sumLat / bins.size()));
    }

    /** The bin as the policy library's candidate; without pooling, its planner run is its group. */
    Candidate candidate(GroupBin bin) {
        double x = (bin.lon() - originLon) * METRES_PER_DEGREE * cosLat;
        double y = (bin.lat() - originLat) * METRES_PER_DEGREE;
        long sector = rules.sector(communities.get(bin.zoneId()), x, y);
        return new Candidate(bin.id(), bin.groupKey(), bin.groupKey(), Long.toString(sector), x, y, bin.state(),
                bin.thresholdPct());
    }
}
