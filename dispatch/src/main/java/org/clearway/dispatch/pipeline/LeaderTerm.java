package org.clearway.dispatch.pipeline;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;

import org.clearway.core.mqtt.InboundMessage;
import org.clearway.core.mqtt.MqttSession;
import org.clearway.core.mqtt.TopicFilters;
import org.clearway.dispatch.leader.LeaderLock;
import org.clearway.dispatch.pipeline.MessageHandler.Route;
import org.clearway.dispatch.pipeline.DispatchMetrics.Outcome;
import org.clearway.dispatch.pipeline.Failures.Failure;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One leader's time in office: subscribes to its routes, then handles the messages one at a time, in arrival
 * order, each by the handler of the route its topic matches, on the leader's own database session (the one holding
 * the lock), acknowledging each after its commit. Returns when
 * asked to stop or when the session, and with it the lock, is lost; the caller then closes the MQTT session and
 * the lock. Unacknowledged messages stay with the broker's session for the next leader.
 */
public final class LeaderTerm {
    private static final Logger LOG = LoggerFactory.getLogger(LeaderTerm.class);
    private static final int QOS = 1;
    private static final long POLL_MILLIS = 200;
    private static final Duration RETRY_MIN = Duration.ofMillis(100);
    private static final Duration RETRY_MAX = Duration.ofSeconds(10);

    /** How the term ended. */
    public enum End {
        /** asked to stop: close gracefully */
        STOPPED,
        /** the database session is gone, and the lock with it: stop at once */
        LEADERSHIP_LOST
    }

    private final LeaderLock lock;
    private final Connection connection;
    private final MqttSession mqtt;
    private final List<Route> routes;
    private final JobAnnouncer announcer;
    private final List<LeaderChore> chores;
    private final DispatchMetrics metrics;
    private final Duration checkEvery;
    private final BooleanSupplier stopping;
    private final AtomicLong processed;
    private final BlockingQueue<InboundMessage> inbox = new LinkedBlockingQueue<>();

    /**
     * @param routes     the subscriptions and their handlers
     * @param chores     periodic work, run with the announcer's upkeep
     * @param checkEvery an idle leader asks the database this often whether it still holds the lock
     * @param stopping   true once the service is stopping
     * @param processed  counts the messages this service handled
     */
    public LeaderTerm(LeaderLock lock, MqttSession mqtt, List<Route> routes, JobAnnouncer announcer,
                      List<LeaderChore> chores, DispatchMetrics metrics, Duration checkEvery, BooleanSupplier stopping,
                      AtomicLong processed) {
        this.lock = Objects.requireNonNull(lock, "lock");
        this.connection = lock.connection();
        this.mqtt = Objects.requireNonNull(mqtt, "mqtt");
        this.routes = List.copyOf(routes);
        this.announcer = Objects.requireNonNull(announcer, "announcer");
        this.chores = List.copyOf(chores);
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.checkEvery = Objects.requireNonNull(checkEvery, "checkEvery");
        this.stopping = Objects.requireNonNull(stopping, "stopping");
        this.processed = Objects.requireNonNull(processed, "processed");
    }

    /** Consumes until stopped or until leadership is lost; the calling thread does all the work. */
    public End run() {
        for (Route route : routes) {
            mqtt.subscribe(route.filter(), QOS, inbox::add);
        }
        mqtt.start();
        long lastCheck = System.nanoTime() - checkEvery.toNanos();
        try {
            while (!stopping.getAsBoolean()) {
                InboundMessage message = inbox.poll(POLL_MILLIS, TimeUnit.MILLISECONDS);
                if (message != null && (!handle(message) || !flush())) {
                    return End.LEADERSHIP_LOST;
                }
                if (System.nanoTime() - lastCheck >= checkEvery.toNanos()) {
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

    /** One message until it is committed and acknowledged, or skipped; false when leadership is lost. */
    private boolean handle(InboundMessage message) throws InterruptedException {
        MessageHandler handler = routes.stream().filter(r -> TopicFilters.matches(r.filter(), message.topic()))
                .map(Route::handler).findFirst().orElse(null);
        if (handler == null) {
            LOG.warn("No handler for a message on {}; acknowledged and skipped", message.topic());
            done(message);
            return true;
        }
        Duration pause = RETRY_MIN;
        while (true) {
            Runnable afterCommit;
            try {
                afterCommit = handler.handle(connection, message);
            } catch (SQLException | RuntimeException e) {
                rollbackQuietly();
                Failure failure = Failures.classify(e, connection);
                if (failure == Failure.LEADERSHIP_LOST) {
                    LOG.warn("Leader's database session lost while handling a message of {} ({}): stepping down",
                            message.topic(), e.getMessage());
                    return false;
                }
                if (failure == Failure.SKIP_MESSAGE) {
                    LOG.error("Skipping the message of {} ({} bytes): it cannot be handled", message.topic(),
                            message.payload().length, e);
                    metrics.message(Outcome.FAILED);
                    done(message);
                    return true;
                }
                LOG.warn("Handling the message of {} failed ({}); retrying in {} ms", message.topic(), e.getMessage(),
                        pause.toMillis());
                metrics.retried();
                if (stopping.getAsBoolean()) {
                    return true;
                }
                Thread.sleep(pause.toMillis());
                pause = pause.multipliedBy(2).compareTo(RETRY_MAX) > 0 ? RETRY_MAX : pause.multipliedBy(2);
                continue;
            }
            try {
                afterCommit.run();
            } catch (RuntimeException e) {
                LOG.warn("After handling the message of {}: {}", message.topic(), e.getMessage(), e);
            }
            done(message);
            return true;
        }
    }

    private void done(InboundMessage message) {
        mqtt.acknowledge(message);
        processed.incrementAndGet();
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
