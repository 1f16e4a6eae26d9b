package org.clearway.decisions;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;

import org.clearway.decisions.Decision.CreateJob;
import org.clearway.decisions.forecast.FillForecaster;
import org.clearway.decisions.forecast.Forecast;
import org.clearway.decisions.forecast.ForecastState;
import org.clearway.core.job.JobReason;
import org.clearway.core.job.Priority;
import org.clearway.decisions.signal.EmptyingDetector;
import org.clearway.decisions.signal.EmptyingDetector.Emptying;
import org.clearway.decisions.signal.FillSample;
import org.clearway.decisions.signal.SpikeFilter;
import org.clearway.decisions.signal.StuckSensorDetector;
import org.clearway.decisions.signal.ThresholdRule;

/**
 * Decides, one reading at a time, what a bin needs: takes the bin's previous {@link BinState} and a
 * {@link DecisionInput}, returns the new state and the {@link Decision}s. Pure: no clock, no I/O, no environment.
 *
 * <p>The steps, in order: drop a reading not newer than the last; alarms that appeared ask for jobs; the spike
 * filter gives the decision level; an emptying restarts the forecast and re-arms the rules, else the level feeds
 * the forecaster; the threshold rule, the forecast rule and the stuck-sensor check run on the level. A job is asked
 * for only when no open job of its reason exists, and a threshold or forecast job only when no collection job
 * (threshold, forecast, manual) is open.
 */
public final class BinDecisionEngine {

    /** The actor name of the engine in job events. */
    public static final String ACTOR = "engine";

    private final PolicyConfig policy;
    private final DecisionMetrics metrics;
    private final SpikeFilter spikeFilter;
    private final EmptyingDetector emptyingDetector;
    private final StuckSensorDetector stuckDetector;
    private final FillForecaster forecaster;

    public BinDecisionEngine(PolicyConfig policy, DecisionMetrics metrics) {
        this.policy = Objects.requireNonNull(policy, "policy");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.spikeFilter = policy.spikeFilter();
        this.emptyingDetector = policy.emptyingDetector();
        this.stuckDetector = policy.stuckSensorDetector();
        this.forecaster = policy.forecaster();
    }

    /** The new state and what to do. */
    public record Result(BinState state, List<Decision> decisions) {
        public Result {
            decisions = List.copyOf(decisions);
        }
    }

    public Result decide(BinState previous, DecisionInput input) {
        BinReading reading = input.reading();
        if (!previous.binId().equals(reading.binId())) {
            throw new IllegalArgumentException("state of bin " + previous.binId() + " with a reading of bin " + reading.binId());
        }
        if (previous.lastReadingAt() != null && !reading.measuredAt().isAfter(previous.lastReadingAt())) {
            metrics.readingIgnored();
            return new Result(previous, List.of());
        }
        Step step = new Step(previous, input);
        step.alarms();
        step.level();
        return new Result(step.state(), step.decisions);
    }

    /**
     * A job asked for by a person; empty when the bin already has an open MANUAL job.
     *
     * @param openJobReasons reasons of the bin's open jobs
     */
    public Optional<CreateJob> manual(String binId, Set<JobReason> openJobReasons, Instant at, Instant due,
                                      Priority priority, String cause) {
        if (openJobReasons.contains(JobReason.MANUAL)) {
            metrics.jobSuppressed(JobReason.MANUAL);
            return Optional.empty();
        }
        metrics.jobCreated(JobReason.MANUAL);
        return Optional.of(new CreateJob(binId, JobReason.MANUAL, priority, due, at, cause));
    }

    /**
     * The state with the threshold and forecast rules re-armed, so that the next reading may ask for a collection
     * again: for a bin whose collection job was skipped, failed or cancelled while it stays full.
     */
    public BinState rearm(BinState state) {
        return new BinState(state.binId(), state.lastReadingAt(), state.recent(), state.levelPct(), ThresholdRule.rearm(),
                false, state.forecaster(), state.forecast(), state.stuck(), state.activeAlarms(), state.lastEmptiedAt());
    }

    /** One reading's work: the previous state's fields, changed as the steps run. */
    private final class Step {

        private final BinState previous;
        private final DecisionInput input;
        private final Instant now;
        private final String binId;
        private final ThresholdRule thresholdRule;
        private final Set<JobReason> open = EnumSet.noneOf(JobReason.class);
        private final List<Decision> decisions = new ArrayList<>();

        private List<FillSample> recent;
        private Double level;
        private ThresholdRule.Phase phase;
        private boolean forecastDue;
        private ForecastState forecasterState;
        private Forecast forecast;
        private StuckSensorDetector.Watch watch;
        private Instant lastEmptiedAt;

        Step(BinState previous, DecisionInput input) {
            this.previous = previous;
            this.input = input;
            this.now = input.reading().measuredAt();
            this.binId = previous.binId();
            this.thresholdRule = policy.thresholds().ruleFor(input.facts());
            this.open.addAll(input.openJobReasons());
            this.recent = previous.recent();
            this.level = previous.levelPct();
            this.phase = previous.threshold();
            this.forecastDue = previous.forecastDue();
            this.forecasterState = previous.forecaster();
            this.forecast = previous.forecast();
            this.watch = previous.stuck();
            this.lastEmptiedAt = previous.lastEmptiedAt();
        }

        void alarms() {
            for (AlarmRules.Request request : AlarmRules.onsets(previous.activeAlarms(), input.reading().alarms())) {
                Instant due = request.priority() == Priority.URGENT ? now
                        : now.plus(policy.jobs().maintenanceDueWithin());
                offer(new CreateJob(binId, request.reason(), request.priority(), due, now, request.cause()));
            }
        }

        void level() {
            recent = spikeFilter.push(previous.recent(), input.reading().sample());
            if (spikeFilter.middleIsSpike(recent)) {
                metrics.spikeSuppressed();
            }
            OptionalDouble smoothed = spikeFilter.level(recent);
            if (smoothed.isEmpty()) {
                return;
            }
            level = smoothed.getAsDouble();
            Optional<Emptying> emptying = emptyingDetector.detect(previous.levelPct(), level, recent);
            if (emptying.isPresent()) {
                emptied(emptying.get());
            } else {
                Optional<FillSample> centred = spikeFilter.centred(recent);
                if (centred.isPresent()) {
                    forecasterState = forecaster.observe(forecasterState, centred.get());
                }
            }
            forecast = forecaster.forecast(forecasterState, now, thresholdRule.thresholdPct()).orElse(null);
            threshold();
            forecastRule();
            stuck();
        }

        private void emptied(Emptying emptying) {
            decisions.add(new Decision.Emptied(binId, emptying.at(), emptying.fromPct(), emptying.toPct()));
            metrics.emptyingDetected();
            lastEmptiedAt = emptying.at();
            phase = ThresholdRule.rearm();
            forecastDue = false;
            watch = null;
            forecasterState = forecaster.restart(forecasterState, new FillSample(emptying.at(), level));
        }

        private void threshold() {
            ThresholdRule.Step step = thresholdRule.apply(phase, level);
            phase = step.phase();
            if (step.crossed()) {
                offer(new CreateJob(binId, JobReason.THRESHOLD, Priority.NORMAL, collectionDue(), now,
                        String.format(Locale.ROOT, "fill %.1f %% reached the threshold of %.0f %%", level,
                                thresholdRule.thresholdPct())));
            }
        }

        private void forecastRule() {
            Instant deadline = input.nextPlannedVisit() != null ? input.nextPlannedVisit()
                    : now.plus(policy.jobs().forecastLookahead());
            Instant fullP50 = forecast == null ? null : forecast.full().p50();
            boolean due = fullP50 != null && !fullP50.isAfter(deadline);
            if (due && !forecastDue) {
                String visit = input.nextPlannedVisit() != null ? "the next planned visit at " + deadline
                        : "the end of the look-ahead at " + deadline + " (no visit planned)";
                offer(new CreateJob(binId, JobReason.FORECAST, Priority.NORMAL, collectionDue(), now,
                        "forecast full at " + fullP50 + " (p10 " + forecast.full().p10() + ", p90 "
                                + forecast.full().p90() + "), before " + visit));
            }
            forecastDue = due;
        }

        private void stuck() {
            StuckSensorDetector.Step step = stuckDetector.observe(watch, new FillSample(now, level),
                    input.neighbourMedianRisePct());
            watch = step.watch();
            if (step.flagged()) {
                decisions.add(new Decision.StuckFlag(binId, watch.flatSince(), level));
                metrics.stuckFlagged();
            }
        }

        /** Due at the forecast's early "full", but within {@code collectionDueWithin}, never in the past. */
        private Instant collectionDue() {
            Instant latest = now.plus(policy.jobs().collectionDueWithin());
            Instant early = forecast == null ? null : forecast.full().p10();
            if (early == null || early.isAfter(latest)) {
                return latest;
            }
            return early.isBefore(now) ? now : early;
        }

        private void offer(CreateJob job) {
            JobReason reason = job.reason();
            boolean covered = open.contains(reason)
                    || (reason.collection() && open.stream().anyMatch(JobReason::collection));
            if (covered) {
                metrics.jobSuppressed(reason);
                return;
            }
            open.add(reason);
            decisions.add(job);
            metrics.jobCreated(reason);
        }

        BinState state() {
            return new BinState(binId, now, recent, level, phase, forecastDue, forecasterState, forecast, watch,
                    input.reading().alarms(), lastEmptiedAt);
        }
    }
}
