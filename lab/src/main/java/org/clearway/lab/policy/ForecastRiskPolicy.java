package org.clearway.lab.policy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.clearway.decisions.BinDecisionEngine;
import org.clearway.decisions.BinFacts;
import org.clearway.decisions.BinReading;
import org.clearway.decisions.BinState;
import org.clearway.decisions.DecisionInput;
import org.clearway.decisions.DecisionMetrics;
import org.clearway.decisions.PolicyConfig;
import org.clearway.decisions.forecast.Forecast;

/**
 * Ours: forecast and risk. Every reading goes through the dispatch service's own {@link BinDecisionEngine} (spike
 * filter, emptying detection, the per-bin fill forecaster with its hour-of-week profile). The knobs are a
 * {@link RiskRules}; the defaults are {@link RiskRules#DEFAULTS}.
 *
 * <p>The trucks of a district and stream (a <i>group</i>) make rounds on fixed weekdays, so that a truck that leaves
 * the depot has a full round; a bin's next feasible visit is its group's next round. By default
 * ({@link RiskRules.Rounds#WEEKDAYS}) the round days follow the week's rhythm of waste that the sensors show
 * ({@link WasteRhythm}): each Monday, a stream gets the fewest rounds a week whose longest gap holds no more expected
 * waste than its 5th percentile of bins' mean days to full (the fixed calendar's own sizing rule), on the weekdays
 * that keep that gap shortest ({@link RoundDays}); with waste heavier at the weekend, residual rounds fall on
 * Monday, Thursday and Saturday rather than Monday, Wednesday and Friday. Until a week has been seen, and with
 * {@link RiskRules.Rounds#CYCLE}, rounds are every {@code roundEvery} working days (per stream: its median days to
 * full over {@code roundDivisor}, at least 2), the groups staggered. At planning time a bin is collected when:
 *
 * <ol>
 *   <li>on its group's round day, <b>it is at risk</b>: its forecast's early estimate of "full" (the p10 of the
 *   time to 100 %: one chance in ten of being full earlier; or the median with {@code riskQuantile} P50) is not
 *   later than the end of the group's next round's shift. A bin with no forecast yet (too few readings since its
 *   emptying) is at risk when its level is at or above its threshold. With {@code sectorMinAtRisk} above 1, the
 *   bins at risk of a sector wait unless the sector has that many or one is likely full before the next round;</li>
 *   <li>on any other working day, <b>it is urgent</b>: even the late estimate of "full" (p90: nine chances in ten
 *   of being full earlier) is before the start of the group's next round; with no forecast, its level is 100 %.
 *   Urgent bins send their group's truck out between rounds (a whole extra truck-day) only when there are at
 *   least {@code urgentMin} of them and they would stand full at least {@code urgentHours} bin-hours in all
 *   (median forecast) before the next round; otherwise they wait for it. When the planner joins districts
 *   ({@link Pooling}), urgent bins are counted per planner run, and go along whenever another district of their run
 *   has its round that day;</li>
 *   <li>or <b>it is on the way</b>: a bin selected by rule 1 or 2, of the same group, stands in its sector (a
 *   community or a grid square, with {@code sectors}) or within {@code nearM} (street grid distance), and its level
 *   is at least {@code opportunisticPct} or (with {@code aheadRounds}) it would be at risk within that many further
 *   rounds.</li>
 * </ol>
 *
 * The job of a bin at risk or urgent counts as created at the first planning time that selected it so since its
 * last emptying; bins on the way have no job (they count in the collections, not in response times).
 */
public final class ForecastRiskPolicy implements CollectionPolicy {

    private final List<SimBin> bins;
    private final BinDecisionEngine engine;
    private final BinFacts[] facts;
    private final BinState[] states;
    private final double[] threshold;
    private final Instant[] jobSince;
    private final long[] sector;
    private final RiskRules rules;
    private final Pooling pooling;
    private final GroupRounds rounds;

    /**
     * @param pooling the planner's runs: urgent bins between rounds are counted per run (one truck trip may serve
     *                several districts), and ride along with a round of another district of their run
     */
    public ForecastRiskPolicy(City city, PolicyConfig policy, RiskRules rules, Pooling pooling) {
        this.bins = city.bins();
        this.pooling = pooling;
        this.engine = new BinDecisionEngine(policy, DecisionMetrics.NOOP);
        this.rules = rules;
        int n = bins.size();
        sector = new long[n];
        facts = new BinFacts[n];
        states = new BinState[n];
        threshold = new double[n];
        jobSince = new Instant[n];
        for (SimBin bin : bins) {
            int i = bin.index();
            facts[i] = ThresholdPolicy.facts(bin);
            states[i] = BinState.initial(bin.id());
            threshold[i] = policy.thresholds().ruleFor(facts[i]).thresholdPct();
            sector[i] = rules.sector(bin);
        }
        this.rounds = new GroupRounds(city, rules);
    }

    public ForecastRiskPolicy(City city, PolicyConfig policy, RiskRules rules) {
        this(city, policy, rules, Pooling.DISTRICT);
    }

    public ForecastRiskPolicy(City city, PolicyConfig policy) {
        this(city, policy, RiskRules.DEFAULTS);
    }

    @Override
    public String name() {
        return "forecast";
    }

    @Override
    public void reading(SimBin bin, Instant at, double fillPct) {
        int i = bin.index();
        BinReading reading = BinReading.of(bin.id(), at, fillPct);
        states[i] = engine.decide(states[i], DecisionInput.of(reading, facts[i])).state();
    }

    @Override
    public List<Selection> select(PlanningDay day) {
        if (rules.weekdayRounds() && Schedule.weekday(day.day()) == 0) {
            rounds.fitToRhythm(bin -> states[bin].forecaster().profile());
        }
        int n = bins.size();
        boolean[] job = new boolean[n];
        Map<String, Integer> atRiskBySector = new HashMap<>();
        Set<String> likelyFullSectors = new HashSet<>();
        Set<String> roundRuns = new HashSet<>();
        for (int i = 0; i < n; i++) {
            int nextRound = rounds.next(i, day.day());
            boolean round = rounds.isRound(i, day.day());
            job[i] = round
                    ? atRisk(states[i], threshold[i], riskHorizon(nextRound), rules.riskQuantile())
                    : urgent(states[i], Schedule.dayStart(nextRound).plusSeconds(Schedule.SHIFT_START_S));
            if (round && job[i]) {
                roundRuns.add(pooling.key(bins.get(i)));
                String key = sectorKey(bins.get(i));
                atRiskBySector.merge(key, 1, Integer::sum);
                if (atRisk(states[i], threshold[i], Schedule.shiftEnd(nextRound), RiskRules.RiskQuantile.P50)) {
                    likelyFullSectors.add(key);
                }
            }
        }
        Map<String, Integer> urgentByGroup = new HashMap<>();
        Map<String, Double> overflowHoursByGroup = new HashMap<>();
        for (int i = 0; i < n; i++) {
            if (job[i] && !rounds.isRound(i, day.day())) {
                Instant roundStart = Schedule.dayStart(rounds.next(i, day.day()))
                        .plusSeconds(Schedule.SHIFT_START_S);
                urgentByGroup.merge(pooling.key(bins.get(i)), 1, Integer::sum);
                overflowHoursByGroup.merge(pooling.key(bins.get(i)), overflowHours(states[i], day.planAt(), roundStart),
                        Double::sum);
            }
        }
        List<SimBin> anchors = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            if (job[i] && !rounds.isRound(i, day.day())) {
                String run = pooling.key(bins.get(i));
                job[i] = roundRuns.contains(run)
                        || urgentByGroup.get(run) >= rules.urgentMin() && overflowHoursByGroup.get(run) >= rules.urgentHours();
            }
            if (job[i] && rules.sectorMinAtRisk() > 1 && rules.sectors() != RiskRules.Sectors.NONE
                    && rounds.isRound(i, day.day())) {
                String key = sectorKey(bins.get(i));
                job[i] = likelyFullSectors.contains(key) || atRiskBySector.get(key) >= rules.sectorMinAtRisk();
            }
            if (job[i]) {
                anchors.add(bins.get(i));
                if (jobSince[i] == null) {
                    jobSince[i] = day.planAt();
                }
            }
        }
        Set<String> going = new HashSet<>();
        Set<String> visitedSectors = new HashSet<>();
        for (SimBin b : anchors) {
            going.add(group(b));
            visitedSectors.add(sectorKey(b));
        }
        List<Selection> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            SimBin bin = bins.get(i);
            if (job[i]) {
                out.add(new Selection(i, jobSince[i]));
            } else if (going.contains(group(bin)) && passedBy(bin, anchors, visitedSectors)
                    && (level(states[i]) >= rules.opportunisticPct() || dueSoon(i, day.day()))) {
                out.add(new Selection(i, null));
            }
        }
        return out;
    }

    /** Whether the group's truck passes by the bin: its sector is visited, or a selected bin stands near it. */
    private boolean passedBy(SimBin bin, List<SimBin> anchors, Set<String> visitedSectors) {
        return rules.sectors() != RiskRules.Sectors.NONE && visitedSectors.contains(sectorKey(bin))
                || nearAny(bin, anchors);
    }

    /** Whether the bin would be at risk at one of the group's next {@code aheadRounds} rounds. */
    private boolean dueSoon(int i, int day) {
        if (rules.aheadRounds() == 0 || states[i].forecast() == null) {
            return false;
        }
        int d = rounds.next(i, day);
        for (int k = 0; k < rules.aheadRounds(); k++) {
            d = rounds.next(i, d);
        }
        return atRisk(states[i], threshold[i], riskHorizon(d), rules.riskQuantile());
    }

    /** Rule 1 looks this far: the end of the given round's shift plus the margin. */
    private Instant riskHorizon(int roundDay) {
        return Schedule.shiftEnd(roundDay).plusSeconds(Math.round(rules.riskMarginHours() * 3600));
    }

    /** Rule 1 of the class comment. */
    static boolean atRisk(BinState state, double thresholdPct, Instant nextVisitEnd, RiskRules.RiskQuantile quantile) {
        Forecast forecast = state.forecast();
        if (forecast == null) {
            return level(state) >= thresholdPct;
        }
        Instant earlyFull = quantile == RiskRules.RiskQuantile.P10 ? forecast.full().p10() : forecast.full().p50();
        return earlyFull != null && !earlyFull.isAfter(nextVisitEnd);
    }

    /** Rule 2 of the class comment. */
    static boolean urgent(BinState state, Instant nextVisitStart) {
        Forecast forecast = state.forecast();
        if (forecast == null) {
            return level(state) >= 100;
        }
        Instant full = forecast.full().p90();
        return full != null && full.isBefore(nextVisitStart);
    }

    /**
     * The hours a bin is expected (median estimate) to stand full before {@code until} if it is left until then:
     * from its p50 time to full, or from {@code now} when it is full already or has no forecast.
     */
    static double overflowHours(BinState state, Instant now, Instant until) {
        Forecast forecast = state.forecast();
        Instant full = forecast == null || forecast.full().p50() == null ? now : forecast.full().p50();
        if (full.isBefore(now)) {
            full = now;
        }
        return Math.max(0, java.time.Duration.between(full, until).toSeconds() / 3600.0);
    }

    /** The engine's decision level (median of the last three readings), 0 before it has one. */
    static double level(BinState state) {
        return state.levelPct() == null ? 0 : state.levelPct();
    }

    private String sectorKey(SimBin bin) {
        return group(bin) + "/" + sector[bin.index()];
    }

    private static String group(SimBin bin) {
        return bin.district() + "/" + bin.stream().code();
    }

    private boolean nearAny(SimBin bin, List<SimBin> anchors) {
        for (SimBin other : anchors) {
            if (other.district() == bin.district() && other.stream().code().equals(bin.stream().code())
                    && Math.abs(other.x() - bin.x()) + Math.abs(other.y() - bin.y()) <= rules.nearM()) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void emptied(SimBin bin, Instant at) {
        jobSince[bin.index()] = null;
    }

    BinState state(int bin) {
        return states[bin];
    }

    @Override
    public String schedule() {
        return rounds.describe();
    }

    GroupRounds rounds() {
        return rounds;
    }
}
