package org.clearway.decisions.rounds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.clearway.decisions.rounds.RiskSelectorTest.NOW;
import static org.clearway.decisions.rounds.RiskSelectorTest.at;
import static org.clearway.decisions.rounds.RiskSelectorTest.noForecast;
import static org.clearway.decisions.rounds.RiskSelectorTest.state;

import org.clearway.decisions.BinState;
import org.junit.jupiter.api.Test;

class BinRiskTest {

    @Test
    void overflowHoursRunFromTheMedianTimeToFullOrFromNow() {
        BinState s = state(90, 1, 4, 8);
        assertThat(BinRisk.overflowHours(s, NOW, at(24))).isEqualTo(20.0);
        assertThat(BinRisk.overflowHours(noForecast(50), NOW, at(24))).isEqualTo(24.0);
        assertThat(BinRisk.overflowHours(state(100, -5, -3, -1), NOW, at(24))).isEqualTo(24.0);
        assertThat(BinRisk.overflowHours(s, NOW, at(1))).isZero();
    }

    @Test
    void atRiskAndUrgentUseTheEarlyAndLateEstimates() {
        BinState s = state(60, 10, 20, 30);
        assertThat(BinRisk.atRisk(s, 80, at(10), RiskRules.RiskQuantile.P10)).isTrue();
        assertThat(BinRisk.atRisk(s, 80, at(10), RiskRules.RiskQuantile.P50)).isFalse();
        assertThat(BinRisk.urgent(s, at(30))).isFalse();
        assertThat(BinRisk.urgent(s, at(31))).isTrue();
        assertThat(BinRisk.level(BinState.initial("b"))).isZero();
    }
}
