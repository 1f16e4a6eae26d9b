package org.clearway.lab.reporting;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.Consumer;

import org.clearway.core.job.JobReason;
import org.clearway.decisions.BinDecisionEngine;
import org.clearway.decisions.BinFacts;
import org.clearway.decisions.BinReading;
import org.clearway.decisions.BinState;
import org.clearway.decisions.Decision;
import org.clearway.decisions.DecisionInput;
import org.clearway.decisions.DecisionMetrics;
import org.clearway.decisions.PolicyConfig;
import org.clearway.decisions.reporting.ReportingRule;
import org.clearway.decisions.reporting.ReportingTier;
import org.clearway.simulator.city.City;
import org.clearway.simulator.city.CityBin;
import org.clearway.simulator.city.CitySeeds;
import org.clearway.simulator.model.SensorNoise;
import org.clearway.simulator.waste.WasteGenerator;

/**
 * One reporting scheme over the simulated weeks, in 15-minute steps, on the simulator's city: its waste
 * ({@link WasteGenerator}) and sensor noise ({@link SensorNoise}), the service's decision engine
 * ({@link BinDecisionEngine} with {@link PolicyConfig#defaults()}) and, when adaptive, the service's
 * {@link ReportingRule}. In each step: the collections due empty their bins (to 0 %); every bin receives its waste
 * (capped at 100 %; a full bin adds 0.25 overflow hours); the sensors due at the step's end report; the engine decides
 * on each reading, and a collection job it asks for empties the bin {@code responseHours} later.
 *
 * <p>Adaptive sensors are LoRaWAN Class A devices: after a reading whose tier differs from the one last sent, the
 * interval downlink is queued and heard in the receive window of the device's next uplink, from which the new
 * interval counts. Bins start at a level drawn uniformly from 0 to 70 % and at the normal (or fixed) interval, at a
 * phase drawn per bin. Only the days after the warm-up are measured. Deterministic for the seed.
 */
final class ReportingRun {
    static final Instant START = Instant.parse("2026-01-05T00:00:00Z");
    static final double INITIAL_MAX_PCT = 70;
    private static final int STEPS_PER_DAY = WasteGenerator.STEPS_PER_DAY;
    private static final double STEP_HOURS = 0.25;

    private final City city;
    private final int days;
    private final int warmupDays;
    private final int responseSteps;
    private final Consumer<String> progress;

    ReportingRun(City city, int days, int warmupDays, Duration response, Consumer<String> progress) {
        this.city = city;
        this.days = days;
        this.warmupDays = warmupDays;
        this.responseSteps = steps(response);
        this.progress = progress;
    }

    static int steps(Duration d) {
        return (int) Math.max(1, d.toMinutes() / 15);
    }

    private static Instant at(int step) {
        return START.plus(WasteGenerator.STEP.multipliedBy(step));
    }

    ReportingFigures run(ReportingScheme scheme) {
        List<CityBin> bins = city.bins();
        int n = bins.size();
        PolicyConfig policy = PolicyConfig.defaults();
        BinDecisionEngine engine = new BinDecisionEngine(policy, DecisionMetrics.NOOP);
        ReportingRule rule = scheme.adaptive() ? new ReportingRule(scheme.rule()) : null;
        WasteGenerator waste = new WasteGenerator(city);
        SensorNoise noise = new SensorNoise(city.config().seed(), n);
        SplittableRandom initial = CitySeeds.random(city.config().seed(), CitySeeds.CITY, 1);
        SplittableRandom phases = CitySeeds.random(city.config().seed(), CitySeeds.INSTALLATION, 7);
        double[] fill = new double[n];
        double[] threshold = new double[n];
        BinFacts[] facts = new BinFacts[n];
        BinState[] state = new BinState[n];
        int[] interval = new int[n];
        int[] pending = new int[n];
        int[] next = new int[n];
        ReportingTier[] sent = new ReportingTier[n];
        int[] collectAt = new int[n];
        int[] crossedAt = new int[n];
        int[] askedAt = new int[n];
        boolean[] overflowed = new boolean[n];
        int firstInterval = steps(scheme.adaptive() ? scheme.intervals().normal() : scheme.fixed());
        for (int i = 0; i < n; i++) {
            CityBin b = bins.get(i);
            fill[i] = initial.nextDouble() * INITIAL_MAX_PCT;
            threshold[i] = policy.thresholds().byStreamPct().getOrDefault(b.stream().code(), policy.thresholds().defaultPct());
            facts[i] = new BinFacts(b.id(), b.stream().code(), threshold[i], "z" + b.community(), List.of());
            state[i] = BinState.initial(b.id());
            interval[i] = firstInterval;
            next[i] = 1 + phases.nextInt(firstInterval);
            collectAt[i] = -1;
            crossedAt[i] = -1;
            askedAt[i] = -1;
        }
        long uplinks = 0;
        long downlinks = 0;
        long crossings = 0;
        long missed = 0;
        long collections = 0;
        double overflow = 0;
        double[] delays = new double[1024];
        int delayCount = 0;
        int measuredFrom = warmupDays * STEPS_PER_DAY;
        for (int day = 0; day < days; day++) {
            waste.startDay(day);
            for (int step = day * STEPS_PER_DAY; step < (day + 1) * STEPS_PER_DAY; step++) {
                boolean measured = step >= measuredFrom;
                int end = step + 1;
                for (int i = 0; i < n; i++) {
                    if (collectAt[i] >= 0 && collectAt[i] <= step) {
                        fill[i] = 0;
                        collectAt[i] = -1;
                        crossedAt[i] = -1;
                        askedAt[i] = -1;
                        overflowed[i] = false;
                        collections += measured ? 1 : 0;
                    }
                    fill[i] = Math.min(100, fill[i] + waste.waste(i, step));
                    if (fill[i] >= threshold[i] && crossedAt[i] < 0) {
                        crossedAt[i] = end;
                        if (measured) {
                            crossings++;
                            if (askedAt[i] >= 0) {
                                delays = add(delays, delayCount++, 0);
                            }
                        }
                    }
                    if (fill[i] >= 100) {
                        if (!overflowed[i] && askedAt[i] < 0 && measured) {
                            missed++;
                        }
                        overflowed[i] = true;
                        overflow += measured ? STEP_HOURS : 0;
                    }
                    if (next[i] != end) {
                        continue;
                    }
                    uplinks += measured ? 1 : 0;
                    if (pending[i] > 0) {
                        interval[i] = pending[i];
                        pending[i] = 0;
                    }
                    next[i] = end + interval[i];
                    Instant now = at(end);
                    BinReading reading = BinReading.of(bins.get(i).id(), now, noise.read(i, fill[i]));
                    Set<JobReason> open = askedAt[i] >= 0 ? EnumSet.of(JobReason.THRESHOLD) : Set.of();
                    BinDecisionEngine.Result result = engine.decide(state[i],
                            new DecisionInput(reading, facts[i], open, null, null));
                    state[i] = result.state();
                    if (askedAt[i] < 0 && asksCollection(result.decisions())) {
                        askedAt[i] = end;
                        collectAt[i] = end + responseSteps;
                        if (measured && crossedAt[i] >= 0) {
                            delays = add(delays, delayCount++, (end - crossedAt[i]) * STEP_HOURS);
                        }
                    }
                    if (rule != null) {
                        ReportingTier tier = state[i].levelPct() == null ? sent[i]
                                : rule.tier(ReportingRule.Input.of(state[i], threshold[i]), sent[i], now);
                        if (tier != null && tier != sent[i]) {
                            sent[i] = tier;
                            pending[i] = steps(scheme.intervals().of(tier));
                            downlinks += measured ? 1 : 0;
                        }
                    }
                }
            }
            progress.accept(String.format(java.util.Locale.ROOT, "[%s] day %d/%d%s: %,d uplinks so far", scheme.name(),
                    day + 1, days, day < warmupDays ? " (warm-up)" : "", uplinks));
        }
        double binDays = (double) n * (days - warmupDays);
        return new ReportingFigures(scheme.name(), binDays, uplinks, downlinks, overflow, crossings,
                java.util.Arrays.copyOf(delays, delayCount), missed, collections);
    }

    private static boolean asksCollection(List<Decision> decisions) {
        for (Decision d : decisions) {
            if (d instanceof Decision.CreateJob job && job.reason().collection()) {
                return true;
            }
        }
        return false;
    }

    private static double[] add(double[] values, int index, double value) {
        double[] out = index < values.length ? values : java.util.Arrays.copyOf(values, values.length * 2);
        out[index] = value;
        return out;
    }
}
