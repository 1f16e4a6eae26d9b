package org.clearway.lab.policy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.clearway.decisions.BinDecisionEngine;
import org.clearway.decisions.BinFacts;
import org.clearway.decisions.BinReading;
import org.clearway.decisions.BinState;
import org.clearway.decisions.DecisionInput;
import org.clearway.decisions.DecisionMetrics;
import org.clearway.decisions.PolicyConfig;
import org.clearway.decisions.rounds.Candidate;
import org.clearway.decisions.rounds.RiskRules;
import org.clearway.decisions.rounds.RiskSelector;
import org.clearway.decisions.rounds.Selected;
import org.clearway.simulator.city.City;
import org.clearway.simulator.city.CityBin;

/**
 * Ours: forecast and risk, the lab's adapter over the decisions module's round/risk policy
 * ({@code org.clearway.decisions.rounds}: {@link RiskSelector} for the rules, {@code RoundFitter} for the round
 * days), the very classes the dispatch service calls. Every reading goes through the dispatch service's own
 * {@link BinDecisionEngine} (spike filter, emptying detection, the per-bin fill forecaster with its hour-of-week
 * profile). The knobs are a {@link RiskRules}; the defaults are {@link RiskRules#DEFAULTS}.
 *
 * <p>The trucks of a district and stream (a <i>group</i>) make rounds ({@link GroupRounds}, in the lab's simulated
 * days); by default ({@link RiskRules.Rounds#WEEKDAYS}) each Monday refits them to the week's rhythm of waste. At
 * planning time the selection's rules 1-3 (at risk on a round day, urgent between rounds when the trip is worth it,
 * on the way) choose the bins; see {@link RiskSelector}. With pooling ({@link Pooling}), a bin's planner run is its
 * pooling key.
 *
 * <p>The job of a bin at risk or urgent counts as created at the first planning time that selected it so since its
 * last emptying; bins on the way have no job (they count in the collections, not in response times).
 */
public final class ForecastRiskPolicy implements CollectionPolicy {

    private final List<CityBin> bins;
    private final BinDecisionEngine engine;
    private final BinFacts[] facts;
    private final BinState[] states;
    private final double[] threshold;
    private final Instant[] jobSince;
    private final String[] group;
    private final String[] run;
    private final String[] sector;
    private final Map<String, Integer> firstBinOfGroup = new HashMap<>();
    private final RiskRules rules;
    private final RiskSelector selector;
    private final GroupRounds rounds;

    /**
     * @param pooling the planner's runs: urgent bins between rounds are counted per run (one truck trip may serve
     *                several districts), and ride along with a round of another district of their run
     */
    public ForecastRiskPolicy(City city, PolicyConfig policy, RiskRules rules, Pooling pooling) {
        this.bins = city.bins();
        this.engine = new BinDecisionEngine(policy, DecisionMetrics.NOOP);
        this.rules = rules;
        this.selector = new RiskSelector(rules);
        int n = bins.size();
        facts = new BinFacts[n];
        states = new BinState[n];
        threshold = new double[n];
        jobSince = new Instant[n];
        group = new String[n];
        run = new String[n];
        sector = new String[n];
        for (CityBin bin : bins) {
            int i = bin.index();
            facts[i] = ThresholdPolicy.facts(bin);
            states[i] = BinState.initial(bin.id());
            threshold[i] = policy.thresholds().ruleFor(facts[i]).thresholdPct();
            group[i] = bin.district() + "/" + bin.stream().code();
            run[i] = pooling.key(bin);
            sector[i] = Long.toString(rules.sector(bin.community(), bin.x(), bin.y()));
            firstBinOfGroup.putIfAbsent(group[i], i);
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
    public void reading(CityBin bin, Instant at, double fillPct) {
        int i = bin.index();
        BinReading reading = BinReading.of(bin.id(), at, fillPct);
        states[i] = engine.decide(states[i], DecisionInput.of(reading, facts[i])).state();
    }

    @Override
    public List<Selection> select(PlanningDay day) {
        if (rules.weekdayRounds() && Schedule.weekday(day.day()) == 0) {
            rounds.fitToRhythm(bin -> states[bin].forecaster().profile());
        }
        List<Candidate> candidates = new ArrayList<>(bins.size());
        for (CityBin bin : bins) {
            int i = bin.index();
            candidates.add(new Candidate(bin.id(), group[i], run[i], sector[i], bin.x(), bin.y(), states[i],
                    threshold[i]));
        }
        List<Selected> selected = selector.select(day.planAt(), candidates,
                g -> rounds.groupDay(firstBinOfGroup.get(g), day.day(), rules.aheadRounds()));
        List<Selection> out = new ArrayList<>(selected.size());
        for (Selected s : selected) {
            int i = s.index();
            if (s.job() && jobSince[i] == null) {
                jobSince[i] = day.planAt();
            }
            out.add(new Selection(i, s.job() ? jobSince[i] : null));
        }
        return out;
    }

    @Override
    public void emptied(CityBin bin, Instant at) {
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
