package org.clearway.dispatch.telemetry;

import org.clearway.dispatch.inbox.MessageHandler;
import org.clearway.dispatch.jobs.JobAnnouncer;
import org.clearway.dispatch.metrics.DispatchMetrics;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import org.clearway.core.contract.Alarm;
import org.clearway.core.contract.DecodedMessage;
import org.clearway.core.contract.Reading;
import org.clearway.core.contract.TelemetryDecoder;
import org.clearway.core.contract.TelemetryTopic;
import org.clearway.core.mqtt.InboundMessage;
import org.clearway.dispatch.alarms.BinAlarms;
import org.clearway.dispatch.alarms.StuckNeighbours;
import org.clearway.decisions.BinDecisionEngine;
import org.clearway.decisions.BinReading;
import org.clearway.decisions.BinState;
import org.clearway.decisions.Decision;
import org.clearway.decisions.DecisionInput;
import org.clearway.core.job.JobReason;
import org.clearway.core.job.JobState;
import org.clearway.decisions.job.PickupVerdict.UnplannedEmptying;
import org.clearway.decisions.job.PickupVerifier;
import org.clearway.decisions.signal.EmptyingDetector.Emptying;
import org.clearway.decisions.signal.FillSample;
import org.clearway.dispatch.metrics.DispatchMetrics.Outcome;
import org.clearway.dispatch.store.BinProfile;
import org.clearway.dispatch.store.BinProfileCache;
import org.clearway.dispatch.rounds.DispatchPolicy;
import org.clearway.dispatch.store.DecisionStateStore;
import org.clearway.dispatch.store.EmptyingStore;
import org.clearway.dispatch.store.JobRecord;
import org.clearway.dispatch.store.JobStore;
import org.clearway.dispatch.verify.PickupChecks;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One telemetry message: decode it by the contract, convert each reading with the bin's geometry (its profile from
 * a {@link BinProfileCache}), run the decision engine reading by reading (oldest first), then store in the caller's
 * transaction (the leader's batch) the bin's new state, the
 * jobs the engine asked for (each with its OPEN event; under the rounds {@link DispatchPolicy} not its threshold and
 * forecast jobs, which the rounds chore's selection replaces), any emptying no job explains, the bin's alarms (sensor
 * alarms, stuck sensor: {@link BinAlarms}, with the neighbours' rise from {@link StuckNeighbours}) and the verdicts
 * on its collected jobs ({@link PickupChecks}). The caller commits, then publishes the jobs and acknowledges the
 * message.
 *
 * <p>An invalid message, or one for an unregistered or retired bin, changes nothing: ingest keeps and reports it.
 */
public final class TelemetryProcessor {
    private static final Logger LOG = LoggerFactory.getLogger(TelemetryProcessor.class);
    /** The states in which a job may explain an emptying (PickupVerifier checks the times). */
    private static final Set<JobState> EXPLAINING = EnumSet.of(JobState.ARRIVED, JobState.COLLECTED, JobState.VERIFIED);
    /** Extra look-back for jobs that may explain an emptying, beyond the verification window (clock skew). */
    private static final Duration EXPLAIN_MARGIN = Duration.ofDays(1);

    private final TelemetryDecoder decoder;
    private final BinDecisionEngine engine;
    private final PickupVerifier verifier;
    private final Duration verificationWindow;
    private final TelemetryTopic topic;
    private final BinProfileCache bins;
    private final JobStore jobs;
    private final EmptyingStore emptyings;
    private final DispatchMetrics metrics;
    private final Operations operations;
    private final TelemetryBatch batch;
    private final DispatchPolicy policy;

    /** The checks beside the engine: alarms, the stuck rule's neighbours, pickup verification. */
    public record Operations(BinAlarms alarms, StuckNeighbours neighbours, PickupChecks pickups) {
        public Operations {
            Objects.requireNonNull(alarms, "alarms");
            Objects.requireNonNull(neighbours, "neighbours");
            Objects.requireNonNull(pickups, "pickups");
        }
    }

    /** What became of a message; {@code bin} is null unless it was processed. */
    public record Result(Outcome outcome, BinProfile bin, List<JobRecord> created) {
        public Result {
            created = List.copyOf(created);
        }

        static Result skipped(Outcome outcome) {
            return new Result(outcome, null, List.of());
        }
    }

    /** @param topic the telemetry topics the decoder reads, for the bin ids of a batch */
    public TelemetryProcessor(TelemetryTopic topic, TelemetryDecoder decoder, BinDecisionEngine engine,
                              PickupVerifier verifier, Duration verificationWindow, BinProfileCache bins, JobStore jobs,
                              DecisionStateStore states, EmptyingStore emptyings, DispatchMetrics metrics,
                              Operations operations, DispatchPolicy policy) {
        this.topic = Objects.requireNonNull(topic, "topic");
        this.decoder = Objects.requireNonNull(decoder, "decoder");
        this.engine = Objects.requireNonNull(engine, "engine");
        this.verifier = Objects.requireNonNull(verifier, "verifier");
        this.verificationWindow = Objects.requireNonNull(verificationWindow, "verificationWindow");
        this.bins = Objects.requireNonNull(bins, "bins");
        this.jobs = Objects.requireNonNull(jobs, "jobs");
        this.emptyings = Objects.requireNonNull(emptyings, "emptyings");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.operations = Objects.requireNonNull(operations, "operations");
        this.batch = new TelemetryBatch(states, jobs);
        this.policy = Objects.requireNonNull(policy, "policy");
    }

    /**
     * The processor as the telemetry route's handler, which joins the leader's batches: reads the batch's bin profiles
     * ahead in one query; after the commit, counts the outcome and announces the new jobs.
     */
    public MessageHandler handler(JobAnnouncer announcer) {
        return new MessageHandler() {
            @Override
            public Runnable handle(Connection c, InboundMessage message) throws SQLException {
                Result result = process(c, message);
                return () -> {
                    metrics.message(result.outcome());
                    for (JobRecord job : result.created()) {
                        try {
                            announcer.announce(job, result.bin());
                        } catch (RuntimeException e) {
                            LOG.warn("Job {} is stored but not published yet ({}); it is published again later",
                                    job.id(), e.getMessage());
                        }
                    }
                };
            }

            @Override
            public void prepare(Connection c, List<InboundMessage> messages) throws SQLException {
                Set<String> ids = new HashSet<>();
                for (InboundMessage message : messages) {
                    topic.binIdOf(message.topic()).ifPresent(ids::add);
                }
                batch.reset();
                bins.load(c, ids);
                batch.begin(c, ids);
            }

            @Override
            public void beforeCommit(Connection c) throws SQLException {
                batch.flush(c);
            }
        };
    }

    /**
     * Decides on the message on {@code c} (auto-commit off) and leaves the work for the caller to commit. On an
     * exception the caller rolls back (to the message's savepoint in a batch).
     */
    public Result process(Connection c, InboundMessage message) throws SQLException {
        DecodedMessage decoded = decoder.decode(message.topic(), message.payload());
        if (decoded.readings().isEmpty()) {
            return Result.skipped(Outcome.INVALID);
        }
        Optional<BinProfile> found = bins.find(c, decoded.binId());
        if (found.isEmpty()) {
            return Result.skipped(Outcome.UNKNOWN_BIN);
        }
        BinProfile bin = found.get();
        BinState state = loadState(c, bin.id());
        Set<JobReason> open = EnumSet.noneOf(JobReason.class);
        if (batch.mayHaveOpenJobs(bin.id())) {
            open.addAll(jobs.openReasons(c, bin.id()));
        }
        List<JobRecord> created = new ArrayList<>();
        List<Reading> readings = new ArrayList<>(decoded.readings());
        readings.sort(Comparator.comparing(Reading::measuredAt));
        List<FillSample> fresh = new ArrayList<>(state.recent());
        for (Reading reading : readings) {
            BinReading binReading = binReading(reading, bin);
            fresh.add(binReading.sample());
            BinState before = state;
            Double neighbours = operations.neighbours().medianRise(c, bin, before, reading.measuredAt());
            BinDecisionEngine.Result result = engine.decide(state,
                    new DecisionInput(binReading, bin.facts(), open, null, neighbours));
            state = result.state();
            int createdBefore = created.size();
            for (Decision decision : result.decisions()) {
                apply(c, bin, decision, open, created, neighbours, reading.measuredAt());
            }
            if (before.lastReadingAt() == null || reading.measuredAt().isAfter(before.lastReadingAt())) {
                operations.alarms().reading(c, bin.id(), reading.measuredAt(), binReading.alarms(),
                        created.subList(createdBefore, created.size()));
                if (before.stuckFlagged() && !state.stuckFlagged()) {
                    operations.alarms().unstuck(c, bin.id(), reading.measuredAt());
                }
            }
        }
        if (batch.mayHaveOpenJobs(bin.id())) {
            operations.pickups().onReadings(c, bin.id(), fresh, readings.get(readings.size() - 1).measuredAt());
        }
        batch.save(state);
        return new Result(Outcome.PROCESSED, bin, created);
    }

    private void apply(Connection c, BinProfile bin, Decision decision, Set<JobReason> open, List<JobRecord> created,
                       Double neighbourRise, Instant at) throws SQLException {
        switch (decision) {
            case Decision.CreateJob request when !policy.opensPerReading(request.reason()) -> {
                // the rounds policy's selection replaces the per-reading threshold and forecast jobs
            }
            case Decision.CreateJob request -> {
                Optional<JobRecord> job = jobs.create(c, request, BinDecisionEngine.ACTOR);
                job.ifPresent(created::add);
                batch.jobCreated(bin.id());
                open.add(request.reason());
            }
            case Decision.Emptied emptied -> {
                Emptying emptying = new Emptying(emptied.at(), emptied.fromPct(), emptied.toPct());
                Optional<UnplannedEmptying> unplanned = verifier.unplanned(bin.id(), emptying, jobs.jobsOfBinChangedSince(
                        c, bin.id(), EXPLAINING, emptied.at().minus(verificationWindow).minus(EXPLAIN_MARGIN)));
                if (unplanned.isPresent() && emptyings.record(c, unplanned.get())) {
                    metrics.unplannedEmptying();
                }
            }
            case Decision.StuckFlag stuck -> operations.alarms().stuck(c, stuck, at,
                    neighbourRise == null ? Double.NaN : neighbourRise);
        }
    }

    private BinState loadState(Connection c, String binId) throws SQLException {
        try {
            return batch.state(c, binId);
        } catch (DecisionStateStore.UnreadableStateException e) {
            LOG.warn("{}; bin {} starts over from an empty state (its open jobs are kept)", e.getMessage(), binId);
            return BinState.initial(binId);
        }
    }

    /** The reading as the engine takes it: fill from the bin's geometry, alarms by name (a {@code tilt: true} is a tilt). */
    static BinReading binReading(Reading reading, BinProfile bin) {
        Set<String> alarms = new HashSet<>();
        for (Alarm alarm : reading.alarms()) {
            alarms.add(alarm.wireName());
        }
        if (Boolean.TRUE.equals(reading.tilt())) {
            alarms.add(Alarm.TILT.wireName());
        }
        return new BinReading(bin.id(), reading.measuredAt(), bin.fillPct(reading), alarms, reading.battery(),
                reading.tempC());
    }
}
