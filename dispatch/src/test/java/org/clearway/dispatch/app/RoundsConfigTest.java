package org.clearway.dispatch.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;

import org.clearway.core.config.Env;
import org.clearway.decisions.rounds.RiskRules;
import org.clearway.dispatch.rounds.RoundsSettings;
import org.junit.jupiter.api.Test;

class RoundsConfigTest {

    @Test
    void withNothingSetTheServiceRunsTheLabsDefaults() {
        RoundsSettings settings = RoundsConfig.from(new Env(Map.of()));
        assertThat(settings.rules()).isEqualTo(RiskRules.DEFAULTS);
        assertThat(settings.every()).isEqualTo(Duration.ofMinutes(15));
        assertThat(settings.refitAfter()).isEqualTo(Duration.ofDays(7));
        assertThat(settings).isEqualTo(RoundsSettings.DEFAULTS);
        assertThat(DispatchConfig.from(new Env(Map.of())).rounds()).isEqualTo(RoundsSettings.DEFAULTS);
    }

    @Test
    void everyKnobIsReadFromItsVariable() {
        RoundsSettings settings = RoundsConfig.from(new Env(Map.ofEntries(
                Map.entry("CLEARWAY_DISPATCH_ROUNDS_EVERY", "5m"),
                Map.entry("CLEARWAY_DISPATCH_ROUNDS_REFIT_AFTER", "14d"),
                Map.entry("CLEARWAY_DISPATCH_ROUNDS_DAYS", "cycle"),
                Map.entry("CLEARWAY_DISPATCH_ROUNDS_GAP_QUANTILE", "0.1"),
                Map.entry("CLEARWAY_DISPATCH_ROUNDS_FIRST_FIT_FLOOR", "true"),
                Map.entry("CLEARWAY_DISPATCH_ROUNDS_APART_DAYS", "3"),
                Map.entry("CLEARWAY_DISPATCH_ROUNDS_DIVISOR", "2.5"),
                Map.entry("CLEARWAY_DISPATCH_ROUNDS_RISK_QUANTILE", "p50"),
                Map.entry("CLEARWAY_DISPATCH_ROUNDS_RISK_MARGIN", "6h"),
                Map.entry("CLEARWAY_DISPATCH_ROUNDS_AHEAD", "1"),
                Map.entry("CLEARWAY_DISPATCH_ROUNDS_OPPORTUNISTIC_PCT", "30"),
                Map.entry("CLEARWAY_DISPATCH_ROUNDS_NEAR_M", "500"),
                Map.entry("CLEARWAY_DISPATCH_ROUNDS_SECTORS", "community"),
                Map.entry("CLEARWAY_DISPATCH_ROUNDS_SECTOR_M", "2000"),
                Map.entry("CLEARWAY_DISPATCH_ROUNDS_SECTOR_MIN_RISK", "2"),
                Map.entry("CLEARWAY_DISPATCH_ROUNDS_URGENT_MIN", "3"),
                Map.entry("CLEARWAY_DISPATCH_ROUNDS_URGENT_HOURS", "24"))));
        assertThat(settings.every()).isEqualTo(Duration.ofMinutes(5));
        assertThat(settings.refitAfter()).isEqualTo(Duration.ofDays(14));
        assertThat(settings.rules()).isEqualTo(new RiskRules(30, 500, 3, RiskRules.Sectors.COMMUNITY, 2000, 1,
                RiskRules.RiskQuantile.P50, 2, 3, 24, 2.5, 6, RiskRules.Rounds.CYCLE, 0.1, true));
    }

    @Test
    void aBadValueNamesItsVariable() {
        for (Map.Entry<String, String> bad : Map.of(
                "CLEARWAY_DISPATCH_ROUNDS_SECTORS", "hexagons",
                "CLEARWAY_DISPATCH_ROUNDS_GAP_QUANTILE", "1.5",
                "CLEARWAY_DISPATCH_ROUNDS_URGENT_HOURS", "-1",
                "CLEARWAY_DISPATCH_ROUNDS_RISK_QUANTILE", "p90",
                "CLEARWAY_DISPATCH_ROUNDS_REFIT_AFTER", "0s",
                "CLEARWAY_DISPATCH_ROUNDS_DIVISOR", "0.5",
                "CLEARWAY_DISPATCH_ROUNDS_EVERY", "soon").entrySet()) {
            assertThatThrownBy(() -> RoundsConfig.from(new Env(Map.of(bad.getKey(), bad.getValue()))))
                    .as(bad.toString()).hasMessageContaining(bad.getKey());
        }
    }
}
