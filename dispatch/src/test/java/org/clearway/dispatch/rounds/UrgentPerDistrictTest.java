package org.clearway.dispatch.rounds;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.clearway.decisions.BinState;
import org.clearway.decisions.signal.ThresholdRule;
import org.clearway.decisions.forecast.ForecastState;
import org.clearway.decisions.rounds.Candidate;
import org.clearway.decisions.rounds.GroupDay;
import org.clearway.decisions.rounds.Reason;
import org.clearway.decisions.rounds.RiskRules;
import org.clearway.decisions.rounds.RiskSelector;
import org.clearway.decisions.rounds.Selected;
import org.clearway.decisions.rounds.Shift;
import org.junit.jupiter.api.Test;

/**
 * A trip between rounds is judged per district and stream, as the lab judges it per planner run with its districts
 * planned apart: the service's candidates ({@link Sectors#candidate}) run in their own group, so urgent bins of two
 * districts are never added up to make a trip worth it.
 */
class UrgentPerDistrictTest {

    static final Instant NOW = Instant.parse("2026-12-08T05:30:00Z");
    /** The kitchen groups' next round: Thursday 06:00, 24.5 hours away. */
    static final Shift THURSDAY = new Shift(Instant.parse("2026-12-09T06:00:00Z"), Instant.parse("2026-12-09T14:00:00Z"));

    private final RiskSelector selector = new RiskSelector(RiskRules.DEFAULTS);

    @Test
    void fourFullBinsInEachOfTwoDistrictsSendNoTruckThoughTogetherTheyWould() {
        // 4 full bins x 24.5 h = 98 bin-hours per district, under the 120 of the default; 196 together
        List<GroupBin> bins = new ArrayList<>();
        bins.addAll(full("d1", 4, 31.20));
        bins.addAll(full("d2", 4, 31.30));
        assertThat(select(bins)).isEmpty();
    }

    @Test
    void fiveFullBinsInOneDistrictSendItsTruckAndNotTheOthers() {
        List<GroupBin> bins = new ArrayList<>();
        bins.addAll(full("d1", 5, 31.20));
        bins.addAll(full("d2", 4, 31.30));
        List<Selected> selected = select(bins);
        assertThat(selected).extracting(s -> s.candidate().binId())
                .containsExactly("d1-1", "d1-2", "d1-3", "d1-4", "d1-5");
        assertThat(selected).extracting(Selected::reason).containsOnly(Reason.URGENT);
    }

    @Test
    void theServicesCandidateRunsInItsOwnDistrictAndStream() {
        GroupBin bin = full("d1", 1, 31.2).get(0);
        Candidate c = new Sectors(RiskRules.DEFAULTS, List.of(bin)).candidate(bin);
        assertThat(c.run()).isEqualTo(c.group()).isEqualTo("d1/kitchen");
    }

    private List<Selected> select(List<GroupBin> bins) {
        Sectors sectors = new Sectors(RiskRules.DEFAULTS, bins);
        List<Candidate> candidates = bins.stream().map(sectors::candidate).toList();
        return selector.select(NOW, candidates, group -> new GroupDay(false, THURSDAY));
    }

    private static List<GroupBin> full(String district, int n, double lat) {
        List<GroupBin> bins = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            String id = district + "-" + i;
            BinState state = new BinState(id, NOW.minusSeconds(600), List.of(), 100.0, ThresholdRule.Phase.ARMED,
                    false, ForecastState.initial(), null, null, Set.of(), null);
            bins.add(new GroupBin(id, district, "kitchen", "c-" + district, lat + i * 0.01, 121.47, 80, state, false));
        }
        return bins;
    }
}
