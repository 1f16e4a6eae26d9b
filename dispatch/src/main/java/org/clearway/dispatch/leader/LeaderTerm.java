package org.clearway.dispatch.leader;

import org.clearway.dispatch.inbox.Failures;
import org.clearway.dispatch.inbox.MessageRunner;
import org.clearway.dispatch.jobs.JobAnnouncer;
import org.clearway.dispatch.metrics.DispatchMetrics;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;

import org.clearway.core.mqtt.InboundMessage;
import org.clearway.core.mqtt.MqttSession;
import org.clearway.dispatch.inbox.MessageHandler.Route;
import org.clearway.dispatch.inbox.Failures.Failure;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One leader's time in office: subscribes to its routes, then takes what has arrived (up to the batch size, never
 * waiting for more) and handles it in arrival order, each message by the handler of the route its topic matches, on
 * the leader's own database session (the one holding the lock). Consecutive messages of routes that join batches
 * (telemetry) share one transaction ({@link MessageRunner}). Every message is acknowledged after its commit, in
 * arrival order. Returns when asked to stop or when the session, and with it the lock, is lost; the caller then
 * closes the MQTT session and the lock. Unacknowledged messages stay with the broker's session for the next leader.
 *
 * <p>Work that must never hold up the inbox (the route planner, with its first plan) starts <em>alongside</em>: on the
 * leader's thread once the term has subscribed and handled the messages waiting for it (the inbox found empty; at the
 * latest {@link #ALONGSIDE_AT_THE_LATEST} into the term), and it then runs on threads of its own. A new leader is back at full
 * speed on telemetry before any planning begins.
 *
 * <p>The inbox holds what the broker session has handed on; it never holds more than the session's Receive Maximum,
 * which the session keeps itself ({@link MqttSession#unacknowledged()}).
 */
public final class LeaderTerm {
    private static final Logger LOG = LoggerFactory.getLogger(LeaderTerm.class);
    private static final int QOS = 1;
    private static final long POLL_MILLIS = 200;
    /**
     * Work alongside starts when the inbox is first found empty, or at the latest this long into the term (a backlog
     * that takes longer to drain, a broker that is not there yet).
     */
    static final Duration ALONGSIDE_AT_THE_LATEST = Duration.ofSeconds(30);

    /** How the term ended. */
    public enum End {
        /** asked to stop: close gracefully */
        STOPPED,
        /** the database session is gone, and the lock with it: stop at once */
        LEADERSHIP_LOST
    }

    /**
     * @param batchSize  most messages taken from the inbox at once (and so in one transaction)
     * @param checkEvery an idle leader asks the database this often whether it still holds the lock
     */
    public record Settings(int batchSize, Duration checkEvery) {
        public Settings {
            if (batchSize < 1) {
                throw new IllegalArgumentException("batchSize must be at least 1, not " + batchSize);
            }
            Objects.requireNonNull(checkEvery, "checkEvery");
        }
    }

    private final LeaderLock lock;
    private final Connection connection;
    private final MqttSession mqtt;
    private final List<Route> routes;
    private final JobAnnouncer announcer;
    private final List<LeaderChore> chores;
    private final Settings settings;
    private final BooleanSupplier stopping;
    private final Runnable alongside;
    private final MessageRunner runner;
    private final BlockingQueue<InboundMessage> inbox = new LinkedBlockingQueue<>();

    /**
     * @param routes    the subscriptions and their handlers
     * @param chores    periodic work, run with the announcer's upkeep
     * @param stopping  true once the service is stopping
     * @param processed counts the messages this service handled
     * @param alongside started once, on this thread, when the term is subscribed and its inbox empty (at the latest
     *                  {@link #ALONGSIDE_AT_THE_LATEST} into the term): work that runs beside the inbox on threads of its own and must not delay it (planning);
     *                  an exception from it ends the term as one from a handler would
     */
    public LeaderTerm(LeaderLock lock, MqttSession mqtt, List<Route> routes, JobAnnouncer announcer,
                      List<LeaderChore> chores, DispatchMetrics metrics, Settings settings, BooleanSupplier stopping,
                      AtomicLong processed, Runnable alongside) {
        this.lock = Objects.requireNonNull(lock, "lock");
        this.connection = lock.connection();
        this.mqtt = Objects.requireNonNull(mqtt, "mqtt");
        this.routes = List.copyOf(routes);
        this.announcer = Objects.requireNonNull(announcer, "announcer");
        this.chores = List.copyOf(chores);
        this.settings = Objects.requireNonNull(settings, "settings");
        this.stopping = Objects.requireNonNull(stopping, "stopping");
        this.alongside = Objects.requireNonNull(alongside, "alongside");
        this.runner = new MessageRunner(connection, mqtt, routes, metrics, stopping, processed);
    }

    /** Messages received and not taken up yet. */
    public int inboxDepth() {
        return inbox.size();
    }

    /** Consumes until stopped or until leadership is lost; the calling thread does all the work. */
    public End run() {
        for (Route route : routes) {
            mqtt.subscribe(route.filter(), QOS, inbox::add);
        }
        mqtt.start();
        long checkEvery = settings.checkEvery().toNanos();
        long lastCheck = System.nanoTime() - checkEvery;
        List<InboundMessage> batch = new ArrayList<>(settings.batchSize());
        boolean alongsideStarted = false;
        long alongsideAtTheLatest = System.nanoTime() + ALONGSIDE_AT_THE_LATEST.toNanos();
        try {
            while (!stopping.getAsBoolean()) {
                if (!alongsideStarted && (mqtt.isSubscribed() && inbox.isEmpty()
                        || System.nanoTime() - alongsideAtTheLatest >= 0)) {
                    // subscribed and nothing waiting (what the broker handed over is handled): start the rest
                    alongside.run();
                    alongsideStarted = true;
                }
                InboundMessage first = inbox.poll(POLL_MILLIS, TimeUnit.MILLISECONDS);
                if (first != null) {
                    batch.clear();
                    batch.add(first);
                    inbox.drainTo(batch, settings.batchSize() - 1);
                    if (!runner.handleAll(batch) || !flush()) {
                        return End.LEADERSHIP_LOST;
                    }
                }
                if (System.nanoTime() - lastCheck >= checkEvery) {
                    if (!lock.stillHeld() || !upkeep()) {
                        return End.LEADERSHIP_LOST;
                    }
                    lastCheck = System.nanoTime();
                }
            }
            flush();
            return End.STOPPED;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return End.STOPPED;
        }
    }

    /**
     * Records publications the broker acknowledged, publishes what is still pending and runs the chores; false when
     * the session is gone.
     */
    private boolean upkeep() {
        try {
            announcer.flush(connection);
            announcer.publishPending(connection);
        } catch (SQLException | RuntimeException e) {
            rollbackQuietly();
            Failure failure = Failures.classify(e, connection);
            if (failure != Failure.LEADERSHIP_LOST) {
                LOG.warn("Publishing pending jobs failed ({}); trying again later", e.getMessage());
            }
            return failure != Failure.LEADERSHIP_LOST && chores();
        }
        return chores();
    }

    /** Runs each chore; false when the session is gone. */
    private boolean chores() {
        for (LeaderChore chore : chores) {
            try {
                chore.run(connection);
            } catch (SQLException | RuntimeException e) {
                rollbackQuietly();
                if (Failures.classify(e, connection) == Failure.LEADERSHIP_LOST) {
                    return false;
                }
                LOG.warn("Leader chore {} failed ({}); trying again later", chore.getClass().getSimpleName(),
                        e.getMessage(), e);
            }
        }
        return true;
    }

    /** Records the broker's acknowledgements of published jobs; false when the session is gone. */
    private boolean flush() {
        try {
            announcer.flush(connection);
            return true;
        } catch (SQLException | RuntimeException e) {
            rollbackQuietly();
            return Failures.classify(e, connection) != Failure.LEADERSHIP_LOST;
        }
    }

    private void rollbackQuietly() {
        try {
            connection.rollback();
        } catch (SQLException e) {
            LOG.debug("Rollback on the leader connection: {}", e.getMessage());
        }
    }
}
