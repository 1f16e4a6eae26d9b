package org.clearway.decisions.reporting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;

import java.util.List;
import java.util.Set;

import org.clearway.decisions.BinState;
import org.clearway.decisions.forecast.ForecastState;
import org.clearway.decisions.signal.ThresholdRule;
import org.junit.jupiter.api.Test;

class ReportingRuleTest {
    private static final Instant NOW = Instant.parse("2026-12-07T10:00:00Z");
    private final ReportingRule rule = new ReportingRule(ReportingRule.Settings.DEFAULTS);

    private static ReportingRule.Input level(double pct) {
        return new ReportingRule.Input(pct, 80, null, null, false);
    }

    @Test
    void fastWithinFifteenPointsOfTheThreshold() {
        assertThat(rule.tier(level(65), ReportingTier.NORMAL, NOW)).isEqualTo(ReportingTier.FAST);
        assertThat(rule.tier(level(64.9), ReportingTier.NORMAL, NOW)).isEqualTo(ReportingTier.NORMAL);
        assertThat(rule.tier(level(95), null, NOW)).isEqualTo(ReportingTier.FAST);
    }

    @Test
    void fastWhenTheForecastReachesTheThresholdWithinSixHours() {
        var soon = new ReportingRule.Input(50.0, 80, NOW.plus(Duration.ofHours(6)), null, false);
        var later = new ReportingRule.Input(50.0, 80, NOW.plus(Duration.ofHours(6)).plusSeconds(1), null, false);
        assertThat(rule.tier(soon, ReportingTier.NORMAL, NOW)).isEqualTo(ReportingTier.FAST);
        assertThat(rule.tier(later, ReportingTier.NORMAL, NOW)).isEqualTo(ReportingTier.NORMAL);
    }

    @Test
    void slowFarBelowOrJustEmptied() {
        assertThat(rule.tier(level(39.9), ReportingTier.NORMAL, NOW)).isEqualTo(ReportingTier.SLOW);
        assertThat(rule.tier(level(40), ReportingTier.NORMAL, NOW)).isEqualTo(ReportingTier.NORMAL);
        var emptied = new ReportingRule.Input(50.0, 80, null, NOW.minus(Duration.ofHours(11)), false);
        var emptiedLongAgo = new ReportingRule.Input(50.0, 80, null, NOW.minus(Duration.ofHours(12)), false);
        assertThat(rule.tier(emptied, ReportingTier.NORMAL, NOW)).isEqualTo(ReportingTier.SLOW);
        assertThat(rule.tier(emptiedLongAgo, ReportingTier.NORMAL, NOW)).isEqualTo(ReportingTier.NORMAL);
    }

    @Test
    void nearTheThresholdWinsOverJustEmptied() {
        var refilled = new ReportingRule.Input(70.0, 80, null, NOW.minus(Duration.ofHours(1)), false);
        assertThat(rule.tier(refilled, ReportingTier.SLOW, NOW)).isEqualTo(ReportingTier.FAST);
    }

    @Test
    void hysteresisKeepsFastUntilFivePointsBelowTheEdge() {
        assertThat(rule.tier(level(61), ReportingTier.FAST, NOW)).isEqualTo(ReportingTier.FAST);
        assertThat(rule.tier(level(60), ReportingTier.FAST, NOW)).isEqualTo(ReportingTier.FAST);
        assertThat(rule.tier(level(59.9), ReportingTier.FAST, NOW)).isEqualTo(ReportingTier.NORMAL);
        var forecast = new ReportingRule.Input(50.0, 80, NOW.plus(Duration.ofHours(7)), null, false);
        assertThat(rule.tier(forecast, ReportingTier.FAST, NOW)).isEqualTo(ReportingTier.FAST);
        assertThat(rule.tier(forecast, ReportingTier.NORMAL, NOW)).isEqualTo(ReportingTier.NORMAL);
    }

    @Test
    void hysteresisKeepsSlowUntilFivePointsAboveTheEdge() {
        assertThat(rule.tier(level(44.9), ReportingTier.SLOW, NOW)).isEqualTo(ReportingTier.SLOW);
        assertThat(rule.tier(level(45), ReportingTier.SLOW, NOW)).isEqualTo(ReportingTier.NORMAL);
    }

    @Test
    void aLevelWaveringAtAnEdgeChangesTheTierOnce() {
        ReportingTier tier = ReportingTier.NORMAL;
        int changes = 0;
        for (double pct : new double[] {64, 66, 63, 65.5, 62, 64, 61, 66}) {
            ReportingTier next = rule.tier(level(pct), tier, NOW);
            changes += next == tier ? 0 : 1;
            tier = next;
        }
        assertThat(changes).isEqualTo(1);
        assertThat(tier).isEqualTo(ReportingTier.FAST);
    }

    @Test
    void normalOnceACollectionIsAsked() {
        var asked = new ReportingRule.Input(92.0, 80, NOW.plusSeconds(60), null, true);
        assertThat(rule.tier(asked, ReportingTier.FAST, NOW)).isEqualTo(ReportingTier.NORMAL);
        BinState triggered = new BinState("b", NOW, List.of(), 85.0, ThresholdRule.Phase.TRIGGERED, false,
                ForecastState.initial(), null, null, Set.of(), null);
        assertThat(ReportingRule.Input.of(triggered, 80).collectionAsked()).isTrue();
        BinState armed = new BinState("b", NOW, List.of(), 70.0, ThresholdRule.Phase.ARMED, false,
                ForecastState.initial(), null, null, Set.of(), NOW.minusSeconds(3600));
        ReportingRule.Input input = ReportingRule.Input.of(armed, 80);
        assertThat(input.collectionAsked()).isFalse();
        assertThat(input.lastEmptiedAt()).isEqualTo(NOW.minusSeconds(3600));
        assertThat(rule.tier(input, ReportingTier.SLOW, NOW)).isEqualTo(ReportingTier.FAST);
    }

    @Test
    void noLevelKeepsTheCurrentTierOrNormal() {
        var none = new ReportingRule.Input(null, 80, null, null, false);
        assertThat(rule.tier(none, null, NOW)).isEqualTo(ReportingTier.NORMAL);
        assertThat(rule.tier(none, ReportingTier.SLOW, NOW)).isEqualTo(ReportingTier.SLOW);
    }

    @Test
    void intervalsPerTierAndTheirOrder() {
        assertThat(ReportingIntervals.DEFAULTS.of(ReportingTier.FAST)).isEqualTo(Duration.ofMinutes(30));
        assertThat(ReportingIntervals.DEFAULTS.of(ReportingTier.NORMAL)).isEqualTo(Duration.ofHours(2));
        assertThat(ReportingIntervals.DEFAULTS.of(ReportingTier.SLOW)).isEqualTo(Duration.ofHours(4));
        assertThatThrownBy(() -> new ReportingIntervals(Duration.ofHours(1), Duration.ofMinutes(15), Duration.ofHours(4)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
