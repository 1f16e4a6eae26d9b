package org.clearway.decisions;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import org.clearway.decisions.Decision.CreateJob;
import org.clearway.core.job.JobReason;

/**
 * One bin fed reading by reading through the engine, with a stand-in for the job store: a created job stays open
 * until the test closes it (or, with {@link #closingJobsAtOnce()}, closes at once so that only the rules stand
 * between a bin and a second job).
 */
final class BinRun {

    static final Instant START = Instant.parse("2025-03-03T06:00:00Z");
    static final Duration INTERVAL = Duration.ofMinutes(15);

    private final BinDecisionEngine engine;
    private final BinFacts facts;
    private final Set<JobReason> open = EnumSet.noneOf(JobReason.class);
    private final List<Decision> decisions = new ArrayList<>();
    private BinState state;
    private Instant at = START;
    private boolean keepJobsOpen = true;
    private Instant nextPlannedVisit;
    private Double neighbourRise;

    BinRun(PolicyConfig policy, BinFacts facts) {
        this(policy, facts, DecisionMetrics.NOOP);
    }

    BinRun(PolicyConfig policy, BinFacts facts, DecisionMetrics metrics) {
        this.engine = new BinDecisionEngine(policy, metrics);
        this.facts = facts;
        this.state = BinState.initial(facts.binId());
    }

    /** A residual-waste bin (threshold 80) with the default policy. */
    static BinRun residual() {
        return new BinRun(PolicyConfig.defaults(), new BinFacts("bin-1", "residual", null, "zone-a", List.of()));
    }

    BinRun closingJobsAtOnce() {
        keepJobsOpen = false;
        return this;
    }

    BinRun plannedVisit(Instant visit) {
        nextPlannedVisit = visit;
        return this;
    }

    BinRun neighboursRose(Double pct) {
        neighbourRise = pct;
        return this;
    }

    /** One reading per level, {@link #INTERVAL} apart; returns the decisions of these readings only. */
    List<Decision> read(double... levels) {
        List<Decision> made = new ArrayList<>();
        for (double level : levels) {
            made.addAll(read(level, Set.of()));
        }
        return made;
    }

    List<Decision> readWithAlarms(double level, String... alarms) {
        return read(level, Set.of(alarms));
    }

    /** The same level every interval for {@code span}. */
    List<Decision> hold(double level, Duration span) {
        List<Decision> made = new ArrayList<>();
        Instant end = at.plus(span);
        while (at.isBefore(end)) {
            made.addAll(read(level, Set.of()));
        }
        return made;
    }

    List<Decision> read(double level, Set<String> alarms) {
        at = at.plus(INTERVAL);
        return feed(new BinReading(facts.binId(), at, level, alarms, null, null));
    }

    List<Decision> feed(BinReading reading) {
        BinDecisionEngine.Result result = engine.decide(state,
                new DecisionInput(reading, facts, Set.copyOf(open), nextPlannedVisit, neighbourRise));
        state = result.state();
        decisions.addAll(result.decisions());
        if (keepJobsOpen) {
            result.decisions().stream().filter(CreateJob.class::isInstance)
                    .forEach(d -> open.add(((CreateJob) d).reason()));
        }
        return result.decisions();
    }

    void close(JobReason reason) {
        open.remove(reason);
    }

    BinState state() {
        return state;
    }

    BinDecisionEngine engine() {
        return engine;
    }

    Instant at() {
        return at;
    }

    List<Decision> decisions() {
        return decisions;
    }

    List<CreateJob> jobs() {
        return decisions.stream().filter(CreateJob.class::isInstance).map(CreateJob.class::cast).toList();
    }

    List<CreateJob> jobs(JobReason reason) {
        return jobs().stream().filter(j -> j.reason() == reason).toList();
    }

    static double[] repeat(double level, int times) {
        double[] levels = new double[times];
        Arrays.fill(levels, level);
        return levels;
    }
}
