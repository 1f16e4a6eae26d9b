package org.clearway.decisions.rounds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.clearway.decisions.BinState;
import org.clearway.decisions.forecast.Forecast;
import org.clearway.decisions.forecast.ForecastState;
import org.clearway.decisions.signal.ThresholdRule.Phase;
import org.junit.jupiter.api.Test;

/** Rules 1-3 of {@link RiskSelector}, one planning moment: Thursday 05:30. */
class RiskSelectorTest {

    static final Instant NOW = Instant.parse("2026-01-08T05:30:00Z");
    /** Group "0/res" has its round today, the next one on Saturday; group "1/res" has its next round on Monday. */
    static final Shift SATURDAY = new Shift(Instant.parse("2026-01-10T06:00:00Z"), Instant.parse("2026-01-10T14:00:00Z"));
    static final Shift MONDAY = new Shift(Instant.parse("2026-01-12T06:00:00Z"), Instant.parse("2026-01-12T14:00:00Z"));
    static final Shift WEDNESDAY = new Shift(Instant.parse("2026-01-14T06:00:00Z"), Instant.parse("2026-01-14T14:00:00Z"));
    static final Map<String, GroupDay> DAYS = Map.of(
            "0/res", new GroupDay(true, List.of(SATURDAY, MONDAY)),
            "1/res", new GroupDay(false, List.of(MONDAY, WEDNESDAY)));

    static RiskRules rules(double opportunisticPct, RiskRules.Sectors sectors, int aheadRounds,
                           RiskRules.RiskQuantile quantile, int sectorMin, int urgentMin, double urgentHours,
                           double marginHours) {
        return new RiskRules(opportunisticPct, 300, 0, sectors, 1000, aheadRounds, quantile, sectorMin, urgentMin,
                urgentHours, 3, marginHours);
    }

    static RiskRules plain() {
        return rules(40, RiskRules.Sectors.GRID, 0, RiskRules.RiskQuantile.P10, 1, 1, 0, 0);
    }

    /** A bin at {@code level} % whose forecast puts "full" at these hours from now (p10, p50, p90). */
    static BinState state(double level, double p10h, double p50h, double p90h) {
        Forecast.Eta full = new Forecast.Eta(100, at(p10h), at(p50h), at(p90h));
        Forecast forecast = new Forecast(NOW, level, 1, Forecast.Basis.TREND, 10, full, full);
        return new BinState("b", NOW, List.of(), level, Phase.ARMED, false, ForecastState.initial(), forecast, null,
                Set.of(), null);
    }

    static BinState noForecast(double level) {
        return new BinState("b", NOW, List.of(), level, Phase.ARMED, false, ForecastState.initial(), null, null,
                Set.of(), null);
    }

    static Instant at(double hoursFromNow) {
        return NOW.plusSeconds(Math.round(hoursFromNow * 3600));
    }

    static Candidate bin(String id, String group, String run, String sector, double x, BinState state) {
        return new Candidate(id, group, run, sector, x, 0, state, 80);
    }

    static List<Selected> select(RiskRules rules, Candidate... bins) {
        return new RiskSelector(rules).select(NOW, List.of(bins), DAYS::get);
    }

    // Saturday's shift ends 56.5 hours after now; Monday's starts 96.5 hours after now.

    @Test
    void rule1OnARoundDayABinIsCollectedWhenItsEarlyFullIsBeforeTheNextRoundEnds() {
        List<Selected> out = select(plain(),
                bin("early", "0/res", "0/res", "a", 0, state(30, 50, 70, 90)),
                bin("late", "0/res", "0/res", "b", 5000, state(30, 60, 70, 90)),
                bin("new", "0/res", "0/res", "c", 10_000, noForecast(85)),
                bin("newLow", "0/res", "0/res", "d", 15_000, noForecast(75)));
        assertThat(out).extracting(s -> s.candidate().binId(), Selected::reason)
                .containsExactly(tuple("early", Reason.RISK), tuple("new", Reason.RISK));
        assertThat(out).extracting(Selected::index).containsExactly(0, 2);
    }

    @Test
    void rule1TheQuantileAndTheMarginMoveTheHorizon() {
        Candidate b = bin("b", "0/res", "0/res", "a", 0, state(30, 50, 60, 90));
        assertThat(select(rules(40, RiskRules.Sectors.GRID, 0, RiskRules.RiskQuantile.P50, 1, 1, 0, 0), b)).isEmpty();
        assertThat(select(rules(40, RiskRules.Sectors.GRID, 0, RiskRules.RiskQuantile.P50, 1, 1, 0, 4), b)).hasSize(1);
    }

    @Test
    void rule1WithASectorMinimumLoneBinsAtRiskWaitUnlessLikelyFull() {
        RiskRules two = rules(100, RiskRules.Sectors.GRID, 0, RiskRules.RiskQuantile.P10, 2, 1, 0, 0);
        List<Selected> out = select(two,
                bin("alone", "0/res", "0/res", "a", 0, state(30, 50, 70, 90)),
                bin("likely", "0/res", "0/res", "b", 5000, state(30, 40, 50, 90)),
                bin("pair1", "0/res", "0/res", "c", 10_000, state(30, 50, 70, 90)),
                bin("pair2", "0/res", "0/res", "c", 10_900, state(30, 50, 70, 90)));
        assertThat(out).extracting(s -> s.candidate().binId()).containsExactly("likely", "pair1", "pair2");
        // the same bins without sectors: the minimum does not apply
        RiskRules none = rules(100, RiskRules.Sectors.NONE, 0, RiskRules.RiskQuantile.P10, 2, 1, 0, 0);
        assertThat(select(none, bin("alone", "0/res", "0/res", "a", 0, state(30, 50, 70, 90)))).hasSize(1);
    }

    @Test
    void rule2BetweenRoundsAnUrgentBinSendsTheTruckOnlyWhenTheTripIsWorthIt() {
        // p90 at 90 h: full before Monday's start (96.5 h); p50 at 80 h: 16.5 bin-hours full before then
        Candidate urgent = bin("urgent", "1/res", "1/res", "a", 0, state(60, 70, 80, 90));
        Candidate notUrgent = bin("later", "1/res", "1/res", "b", 5000, state(60, 70, 80, 100));
        assertThat(select(plain(), urgent, notUrgent)).extracting(s -> s.candidate().binId(), Selected::reason)
                .containsExactly(tuple("urgent", Reason.URGENT));
        assertThat(select(rules(40, RiskRules.Sectors.GRID, 0, RiskRules.RiskQuantile.P10, 1, 2, 0, 0), urgent))
                .as("urgentMin 2").isEmpty();
        assertThat(select(rules(40, RiskRules.Sectors.GRID, 0, RiskRules.RiskQuantile.P10, 1, 1, 16, 0), urgent))
                .as("urgentHours 16").hasSize(1);
        assertThat(select(rules(40, RiskRules.Sectors.GRID, 0, RiskRules.RiskQuantile.P10, 1, 1, 17, 0), urgent))
                .as("urgentHours 17").isEmpty();
        assertThat(select(plain(), bin("full", "1/res", "1/res", "a", 0, noForecast(100)),
                bin("nearlyFull", "1/res", "1/res", "b", 5000, noForecast(99)))).extracting(s -> s.candidate().binId())
                .containsExactly("full");
    }

    @Test
    void rule2AnUrgentBinRidesAlongWithARoundOfItsPlannerRun() {
        RiskRules costly = rules(40, RiskRules.Sectors.GRID, 0, RiskRules.RiskQuantile.P10, 1, 1, 1000, 0);
        Candidate urgent = bin("urgent", "1/res", "west/res", "a", 0, state(60, 70, 80, 90));
        Candidate atRisk = bin("atRisk", "0/res", "west/res", "a", 0, state(30, 50, 70, 90));
        assertThat(select(costly, urgent)).isEmpty();
        assertThat(select(costly, urgent, atRisk)).extracting(s -> s.candidate().binId(), Selected::reason)
                .containsExactly(tuple("urgent", Reason.URGENT), tuple("atRisk", Reason.RISK));
        Candidate otherRun = bin("atRisk", "0/res", "east/res", "a", 0, state(30, 50, 70, 90));
        assertThat(select(costly, urgent, otherRun)).extracting(s -> s.candidate().binId()).containsExactly("atRisk");
    }

    @Test
    void rule3TheTruckTakesAlongFullEnoughBinsOfItsGroupInTheSectorOrNearby() {
        Candidate anchor = bin("anchor", "0/res", "0/res", "s1", 0, state(30, 50, 70, 90));
        Candidate near = bin("near", "0/res", "0/res", "s2", 300, state(45, 100, 120, 140));
        Candidate nearLow = bin("nearLow", "0/res", "0/res", "s2", 200, state(35, 100, 120, 140));
        Candidate sameSector = bin("sector", "0/res", "0/res", "s1", 900, state(45, 100, 120, 140));
        Candidate far = bin("far", "0/res", "0/res", "s3", 2000, state(45, 100, 120, 140));
        Candidate otherGroup = bin("other", "1/res", "1/res", "s1", 10, state(90, 100, 120, 140));
        assertThat(select(plain(), anchor, near, nearLow, sameSector, far, otherGroup))
                .extracting(s -> s.candidate().binId(), Selected::reason)
                .containsExactly(tuple("anchor", Reason.RISK), tuple("near", Reason.ON_THE_WAY),
                        tuple("sector", Reason.ON_THE_WAY));
        RiskRules noSectors = rules(40, RiskRules.Sectors.NONE, 0, RiskRules.RiskQuantile.P10, 1, 1, 0, 0);
        assertThat(select(noSectors, anchor, near, sameSector)).extracting(s -> s.candidate().binId())
                .containsExactly("anchor", "near");
        assertThat(select(plain(), near, sameSector)).as("no anchor, no truck").isEmpty();
        assertThat(select(plain(), anchor, near).get(1).job()).isFalse();
    }

    @Test
    void rule3WithAheadRoundsABinAtRiskAtALaterRoundGoesAlongWhateverItsLevel() {
        Candidate anchor = bin("anchor", "0/res", "0/res", "s1", 0, state(30, 50, 70, 90));
        // Monday's shift (the round after Saturday's) ends 104.5 h after now
        Candidate dueMonday = bin("dueMonday", "0/res", "0/res", "s1", 100, state(10, 100, 120, 140));
        Candidate dueLater = bin("dueLater", "0/res", "0/res", "s1", 200, state(10, 110, 120, 140));
        RiskRules ahead = rules(40, RiskRules.Sectors.GRID, 1, RiskRules.RiskQuantile.P10, 1, 1, 0, 0);
        assertThat(select(plain(), anchor, dueMonday, dueLater)).hasSize(1);
        assertThat(select(ahead, anchor, dueMonday, dueLater)).extracting(s -> s.candidate().binId())
                .containsExactly("anchor", "dueMonday");
        RiskSelector two = new RiskSelector(rules(40, RiskRules.Sectors.GRID, 2, RiskRules.RiskQuantile.P10, 1, 1, 0, 0));
        assertThatThrownBy(() -> two.select(NOW, List.of(anchor, dueMonday), DAYS::get))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("3 next rounds");
    }

    @Test
    void aDistanceOtherThanTheStreetGridCanBeGiven() {
        Candidate anchor = bin("anchor", "0/res", "0/res", "s1", 0, state(30, 50, 70, 90));
        Candidate near = bin("near", "0/res", "0/res", "s2", 250, state(45, 100, 120, 140));
        RiskSelector twiceAsFar = new RiskSelector(plain(), (a, b) -> 2 * RiskSelector.Distance.STREET_GRID.metres(a, b));
        assertThat(twiceAsFar.select(NOW, List.of(anchor, near), DAYS::get)).hasSize(1);
        assertThat(new RiskSelector(plain()).select(NOW, List.of(anchor, near), DAYS::get)).hasSize(2);
    }
}
