package org.clearway.dispatch.trucks;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.clearway.core.mqtt.InboundMessage;
import org.clearway.core.mqtt.MqttSession;
import org.clearway.decisions.BinDecisionEngine;
import org.clearway.decisions.BinState;
import org.clearway.core.job.IllegalJobTransitionException;
import org.clearway.core.job.JobEvent;
import org.clearway.core.job.JobState;
import org.clearway.dispatch.metrics.DispatchMetrics;
import org.clearway.dispatch.inbox.MessageHandler;
import org.clearway.dispatch.store.BinProfile;
import org.clearway.dispatch.store.BinStore;
import org.clearway.dispatch.store.Codes;
import org.clearway.dispatch.store.CollectionStore;
import org.clearway.dispatch.store.DecisionStateStore;
import org.clearway.dispatch.store.FleetStore;
import org.clearway.dispatch.store.JobRecord;
import org.clearway.dispatch.store.JobStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies the trucks' updates ({@code {prefix}trucks/{truckId}/updates}) to their jobs, through {@link JobStore}
 * (so by the job state machine, each move with its event, the truck as actor), and answers each on
 * {@code {prefix}trucks/{truckId}/replies}. In the same transaction: a declined job is unassigned; a collected one
 * gets its weight and volume and a {@code collections} row; a skipped or failed collection re-arms the bin's
 * threshold and forecast rules ({@link BinDecisionEngine#rearm}), so that a bin that stays full asks again.
 *
 * <p>An update is rejected (answered, acknowledged, nothing stored) when it cannot be read, comes from an unknown
 * truck, is dated more than {@link #MAX_AHEAD} ahead, is about a job not assigned to that truck, or is a move the
 * state machine does not allow. An update whose move is already the job's last event (same state, truck and time)
 * is a repeat: answered as a duplicate, stored once.
 */
public final class TruckUpdates {
    private static final Logger LOG = LoggerFactory.getLogger(TruckUpdates.class);
    /** How far ahead of the server clock an update's {@code ts} may be. */
    public static final Duration MAX_AHEAD = Duration.ofMinutes(5);
    /**
     * How far a truck's clock may lag the server's: a move dated before the server's own last change of the job (its
     * dispatch, say) by no more than this is recorded at that change, since the truck cannot have acted on the job
     * before it was sent. A truck's own moves out of order are still refused.
     */
    public static final Duration MAX_BEHIND = Duration.ofMinutes(5);
    private static final int QOS = 1;

    private final TruckTopics topics;
    private final JobStore jobs;
    private final BinDecisionEngine engine;
    private final ObjectMapper json;
    private final Clock clock;
    private final DispatchMetrics metrics;
    private final Stores stores;
    private final TruckNotices notices;

    /** The other stores an update touches. */
    public record Stores(FleetStore fleet, BinStore bins, DecisionStateStore states,
                         CollectionStore collections) {
    }

    /** The answer and where it goes; {@code truckId} is null when the topic names no truck (nothing is answered). */
    public record Outcome(String truckId, TruckReply reply) {
    }

    public TruckUpdates(TruckTopics topics, JobStore jobs, Stores stores, BinDecisionEngine engine, ObjectMapper json,
                        Clock clock, DispatchMetrics metrics) {
        this.topics = Objects.requireNonNull(topics, "topics");
        this.jobs = Objects.requireNonNull(jobs, "jobs");
        this.stores = Objects.requireNonNull(stores, "stores");
        this.engine = Objects.requireNonNull(engine, "engine");
        this.json = Objects.requireNonNull(json, "json");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.notices = new TruckNotices(jobs);
    }

    /** As the updates route's handler: applies the update; after the commit, publishes the reply. */
    public MessageHandler handler(MqttSession mqtt) {
        return (c, message) -> {
            Outcome outcome = apply(c, message);
            metrics.truckUpdate(outcome.reply().status());
            if (outcome.truckId() == null) {
                return () -> { };
            }
            return () -> reply(mqtt, outcome);
        };
    }

    /** Applies one update on {@code c} (auto-commit off) and commits, or rolls back and rejects it. */
    public Outcome apply(Connection c, InboundMessage message) throws SQLException {
        Optional<String> truck = topics.truckOfUpdates(message.topic());
        if (truck.isEmpty()) {
            LOG.warn("An update on {} names no truck; skipped", message.topic());
            return new Outcome(null, TruckReply.of(null, null, TruckReply.REJECTED, null, "not a truck updates topic"));
        }
        String truckId = truck.get();
        Object parsed;
        try {
            parsed = TruckUpdate.parseAny(message.payload());
        } catch (TruckUpdate.BadUpdateException e) {
            return rejected(truckId, TruckUpdate.updateIdOf(message.payload()).orElse(null), null, null, e.getMessage());
        }
        if (parsed instanceof TruckNotice notice) {
            return notice(c, truckId, notice);
        }
        TruckUpdate update = (TruckUpdate) parsed;
        if (update.at().isAfter(clock.instant().plus(MAX_AHEAD))) {
            return rejected(truckId, update.updateId(), update.jobId(), null, "ts " + update.at()
                    + " is more than " + MAX_AHEAD.toMinutes() + " minutes ahead of the server's clock");
        }
        if (stores.fleet().truck(c, truckId).isEmpty()) {
            c.rollback();
            return rejected(truckId, update.updateId(), update.jobId(), null, "there is no truck " + truckId);
        }
        Optional<JobRecord> found = jobs.find(c, update.jobId());
        if (found.isEmpty()) {
            c.rollback();
            return rejected(truckId, update.updateId(), update.jobId(), null, "there is no job " + update.jobId());
        }
        JobRecord job = found.get();
        JobEvent last = lastEvent(c, job);
        Instant at = recordedAt(last, update, truckId);
        if (isRepeat(last, update, at, truckId)) {
            c.rollback();
            return new Outcome(truckId, TruckReply.of(update.updateId(), job.id(), TruckReply.DUPLICATE,
                    Codes.of(job.state()), null));
        }
        if (!truckId.equals(job.truckId())) {
            c.rollback();
            return rejected(truckId, update.updateId(), job.id(), Codes.of(job.state()),
                    "job " + job.id() + " is not assigned to truck " + truckId);
        }
        if (job.state() == JobState.COLLECTED && !update.event().allowedFrom(job.state())) {
            c.rollback();
            return rejected(truckId, update.updateId(), job.id(), Codes.of(job.state()), "job " + job.id()
                    + " is COLLECTED: only the pickup check against the bin's readings moves it on (docs/decisions.md)");
        }
        JobRecord moved;
        try {
            moved = jobs.transition(c, job.id(), update.event().to(), at, truckId, update.reason());
        } catch (IllegalJobTransitionException | IllegalArgumentException e) {
            c.rollback();
            return rejected(truckId, update.updateId(), job.id(), Codes.of(job.state()), e.getMessage());
        }
        consequences(c, moved, update);
        c.commit();
        return new Outcome(truckId, TruckReply.of(update.updateId(), job.id(), TruckReply.APPLIED, Codes.of(moved.state()),
                null));
    }

    /** A break or a full bin (version 2): checked like a job update, then {@link TruckNotices}. */
    private Outcome notice(Connection c, String truckId, TruckNotice notice) throws SQLException {
        if (notice.at().isAfter(clock.instant().plus(MAX_AHEAD))) {
            return rejected(truckId, notice.updateId(), null, null, "ts " + notice.at()
                    + " is more than " + MAX_AHEAD.toMinutes() + " minutes ahead of the server's clock");
        }
        if (stores.fleet().truck(c, truckId).isEmpty()) {
            c.rollback();
            return rejected(truckId, notice.updateId(), null, null, "there is no truck " + truckId);
        }
        TruckReply reply = notices.apply(c, truckId, notice);
        if (TruckReply.REJECTED.equals(reply.status())) {
            LOG.warn("Update {} ({}) of truck {} rejected: {}", notice.updateId(), notice.kind().wireName(), truckId,
                    reply.detail());
        }
        return new Outcome(truckId, reply);
    }

    private void consequences(Connection c, JobRecord job, TruckUpdate update) throws SQLException {
        switch (update.event()) {
            case DECLINED -> jobs.assignTruck(c, job.id(), null);
            case COLLECTED -> {
                jobs.recordCollected(c, job.id(), update.weightKg(), update.volumeL());
                Optional<BinProfile> bin = stores.bins().findIncludingRetired(c, job.binId());
                if (bin.isPresent()) {
                    stores.collections().record(c, job.id(), bin.get(), update.weightKg(), update.volumeL(), update.at());
                }
            }
            case SKIPPED, FAILED -> {
                if (job.reason().collection()) {
                    Optional<BinState> state = stores.states().load(c, job.binId());
                    if (state.isPresent()) {
                        stores.states().save(c, engine.rearm(state.get()));
                    }
                }
            }
            case ACCEPTED, ARRIVED -> {
                // the move itself is all
            }
        }
    }

    private JobEvent lastEvent(Connection c, JobRecord job) throws SQLException {
        List<JobEvent> history = jobs.events(c, job.id());
        return history.get(history.size() - 1);
    }

    /**
     * The time the move is recorded at: the truck's own, or the job's last change when that was the server's (not this
     * truck's) and the truck's clock lags it by at most {@link #MAX_BEHIND}.
     */
    static Instant recordedAt(JobEvent last, TruckUpdate update, String truckId) {
        Instant at = update.at();
        boolean serverChange = !truckId.equals(last.actor());
        if (serverChange && at.isBefore(last.at()) && !at.plus(MAX_BEHIND).isBefore(last.at())) {
            return last.at();
        }
        return at;
    }

    /** The job's last event is this very update: same state, same truck, same time. */
    private static boolean isRepeat(JobEvent last, TruckUpdate update, Instant at, String truckId) {
        return last.to() == update.event().to() && truckId.equals(last.actor()) && last.at().equals(at);
    }

    private Outcome rejected(String truckId, String updateId, Long jobId, String state, String detail) {
        LOG.warn("Update {} of truck {} about job {} rejected: {}", updateId, truckId, jobId, detail);
        return new Outcome(truckId, TruckReply.of(updateId, jobId, TruckReply.REJECTED, state, detail));
    }

    private void reply(MqttSession mqtt, Outcome outcome) {
        try {
            mqtt.publish(topics.replies(outcome.truckId()), json.writeValueAsBytes(outcome.reply()), QOS, false);
        } catch (JsonProcessingException e) {
            LOG.error("The reply to truck {} cannot be written as JSON", outcome.truckId(), e);
        }
    }
}
