package org.clearway.decisions.rounds;

import java.time.Duration;
import java.time.Instant;

import org.clearway.decisions.BinState;
import org.clearway.decisions.forecast.Forecast;

/** The per-bin tests of the round/risk policy, from the decision engine's state of the bin. */
public final class BinRisk {

    private BinRisk() {
    }

    /**
     * Rule 1: the bin's estimate of "full" (the p10, or the median with {@link RiskRules.RiskQuantile#P50}) is not
     * after {@code horizon}; with no forecast, its level is at least its threshold.
     */
    public static boolean atRisk(BinState state, double thresholdPct, Instant horizon, RiskRules.RiskQuantile quantile) {
        Forecast forecast = state.forecast();
        if (forecast == null) {
            return level(state) >= thresholdPct;
        }
        Instant earlyFull = quantile == RiskRules.RiskQuantile.P10 ? forecast.full().p10() : forecast.full().p50();
        return earlyFull != null && !earlyFull.isAfter(horizon);
    }

    /** Rule 2: even the late estimate of "full" (p90) is before {@code nextRoundStart}; with no forecast, it is full. */
    public static boolean urgent(BinState state, Instant nextRoundStart) {
        Forecast forecast = state.forecast();
        if (forecast == null) {
            return level(state) >= 100;
        }
        Instant full = forecast.full().p90();
        return full != null && full.isBefore(nextRoundStart);
    }

    /**
     * The hours a bin is expected (median estimate) to stand full before {@code until} if it is left until then:
     * from its p50 time to full, or from {@code now} when it is full already or has no forecast.
     */
    public static double overflowHours(BinState state, Instant now, Instant until) {
        Forecast forecast = state.forecast();
        Instant full = forecast == null || forecast.full().p50() == null ? now : forecast.full().p50();
        if (full.isBefore(now)) {
            full = now;
        }
        return Math.max(0, Duration.between(full, until).toSeconds() / 3600.0);
    }

    /** The engine's decision level (median of the last three readings), 0 before it has one. */
    public static double level(BinState state) {
        return state.levelPct() == null ? 0 : state.levelPct();
    }
}
