package org.clearway.dispatch.inbox;

import org.clearway.dispatch.metrics.DispatchMetrics;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;

import org.clearway.core.mqtt.InboundMessage;
import org.clearway.core.mqtt.MqttSession;
import org.clearway.core.mqtt.TopicFilters;
import org.clearway.dispatch.metrics.DispatchMetrics.Outcome;
import org.clearway.dispatch.inbox.Failures.Failure;
import org.clearway.dispatch.inbox.MessageHandler.Route;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How the leader handles what it took from its inbox, in arrival order, on its own database session. Consecutive
 * messages of routes that join batches (telemetry) share one transaction, each inside a savepoint: one that cannot be
 * handled ({@link Failure#SKIP_MESSAGE}) is rolled back alone, logged, counted and acknowledged with the others; one
 * that may succeed later ({@link Failure#RETRY}) ends the transaction (those before it are committed) and is handled
 * alone with retries, and the rest go on in a new transaction. Messages of other routes run one transaction each, as
 * their handlers commit themselves. After each commit the handlers' publications run, then the messages are
 * acknowledged, all in arrival order; messages of one bin are so applied in the order they came.
 */
public final class MessageRunner {
    private static final Logger LOG = LoggerFactory.getLogger(MessageRunner.class);
    private static final Duration RETRY_MIN = Duration.ofMillis(100);
    private static final Duration RETRY_MAX = Duration.ofSeconds(10);
    /**
     * One savepoint, set again before each message: releasing the last and setting the next in one round trip keeps
     * the nesting at one level, so only messages that write use a subtransaction id (PostgreSQL keeps 64 per session
     * in shared memory before other sessions' snapshots get slower).
     */
    static final String SAVEPOINT = "SAVEPOINT dispatch_message";
    static final String NEXT_SAVEPOINT = "RELEASE SAVEPOINT dispatch_message; SAVEPOINT dispatch_message";
    static final String ROLLBACK_TO_SAVEPOINT = "ROLLBACK TO SAVEPOINT dispatch_message";

    private final Connection connection;
    private final MqttSession mqtt;
    private final List<Route> routes;
    private final DispatchMetrics metrics;
    private final BooleanSupplier stopping;
    private final AtomicLong processed;

    /** A message and the route its topic matched (null: none). */
    private record Routed(InboundMessage message, Route route) {
    }

    /**
     * @param connection the leader's session (auto-commit off)
     * @param stopping   true once the service is stopping: a message that keeps failing is left unacknowledged
     * @param processed  counts the messages handled and acknowledged
     */
    public MessageRunner(Connection connection, MqttSession mqtt, List<Route> routes, DispatchMetrics metrics,
                  BooleanSupplier stopping, AtomicLong processed) {
        this.connection = Objects.requireNonNull(connection, "connection");
        this.mqtt = Objects.requireNonNull(mqtt, "mqtt");
        this.routes = List.copyOf(routes);
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.stopping = Objects.requireNonNull(stopping, "stopping");
        this.processed = Objects.requireNonNull(processed, "processed");
    }

    /**
     * The messages taken from the inbox, in order: runs of batch-joining messages in one transaction each, the others
     * one by one; false when leadership is lost. Once the service is stopping, no further transaction starts: the
     * messages left are not acknowledged, and the broker hands them to the next leader.
     */
    public boolean handleAll(List<InboundMessage> messages) throws InterruptedException {
        List<Routed> run = new ArrayList<>();
        for (InboundMessage message : messages) {
            Routed routed = new Routed(message, routeOf(message));
            if (routed.route() != null && routed.route().joinsBatch()) {
                run.add(routed);
                continue;
            }
            if (!handleRun(run)) {
                return false;
            }
            if (stopping.getAsBoolean()) {
                return true;
            }
            if (!handleOne(routed)) {
                return false;
            }
            run.clear();
        }
        return handleRun(run);
    }

    private Route routeOf(InboundMessage message) {
        return routes.stream().filter(r -> TopicFilters.matches(r.filter(), message.topic())).findFirst().orElse(null);
    }

    /** Consecutive messages of batch-joining routes, in as few transactions as their failures allow. */
    private boolean handleRun(List<Routed> run) throws InterruptedException {
        int next = 0;
        while (next < run.size() && !stopping.getAsBoolean()) {
            next = transaction(run, next);
            if (next < 0) {
                return false;
            }
        }
        return true;
    }

    /**
     * Handles {@code run} from {@code from} in one transaction, each message in a savepoint: one that cannot be
     * handled is rolled back alone and skipped; one that may succeed later ends the transaction (the ones before it
     * are committed) and is handled alone, with retries. Commits, publishes and acknowledges in order.
     *
     * @return where the next transaction starts, or -1 when leadership is lost
     */
    private int transaction(List<Routed> run, int from) throws InterruptedException {
        prepare(run, from);
        List<Runnable> afterCommit = new ArrayList<>();
        List<InboundMessage> handled = new ArrayList<>();
        int next = from;
        Routed retry = null;
        boolean savepointSet = false;
        for (; next < run.size() && retry == null; next++) {
            Routed routed = run.get(next);
            boolean inSavepoint = false;
            try {
                execute(savepointSet ? NEXT_SAVEPOINT : SAVEPOINT);
                savepointSet = true;
                inSavepoint = true;
                afterCommit.add(routed.route().handler().handle(connection, routed.message()));
                handled.add(routed.message());
            } catch (SQLException | RuntimeException e) {
                if (!inSavepoint || !rollbackToSavepoint()) {
                    // The transaction is lost with the savepoint: its messages again, one by one.
                    rollbackQuietly();
                    return oneByOne(run.subList(from, next + 1), e) ? next + 1 : -1;
                }
                Failure failure = Failures.classify(e, connection);
                if (failure == Failure.LEADERSHIP_LOST) {
                    rollbackQuietly();
                    LOG.warn("Leader's database session lost while handling a message of {} ({}): stepping down",
                            routed.message().topic(), e.getMessage());
                    return -1;
                }
                if (failure == Failure.SKIP_MESSAGE) {
                    skipped(routed.message(), e);
                    afterCommit.add(() -> metrics.message(Outcome.FAILED));
                    handled.add(routed.message());
                } else {
                    retry = routed;
                }
            }
        }
        if (!commit(run, from, next - (retry == null ? 0 : 1), afterCommit, handled)) {
            return -1;
        }
        if (retry != null && !handleOne(retry)) {
            return -1;
        }
        return next;
    }

    /** The routes of these messages, in the order of {@link #routes}. */
    /**
     * The handlers of the routes {@code messages} matched, each once: several routes may share one handler (the
     * telemetry handler reads both {@code bins/+/telemetry} and {@code bins/+/decoded}), which then prepares and
     * flushes once per transaction, over all its messages.
     */
    private List<MessageHandler> handlersOf(List<Routed> messages) {
        return routes.stream().filter(route -> messages.stream().anyMatch(r -> r.route() == route))
                .map(Route::handler).distinct().toList();
    }

    /** Lets the handlers of a run read ahead; a failure costs only the read-ahead. */
    private void prepare(List<Routed> run, int from) {
        List<Routed> rest = run.subList(from, run.size());
        for (MessageHandler handler : handlersOf(rest)) {
            List<InboundMessage> mine = rest.stream().filter(r -> r.route().handler() == handler)
                    .map(Routed::message).toList();
            try {
                handler.prepare(connection, mine);
            } catch (SQLException | RuntimeException e) {
                rollbackQuietly();
                LOG.debug("Reading ahead for {} messages failed: {}", mine.size(), e.getMessage());
            }
        }
    }

    /**
     * Commits the transaction of {@code run[from, to)}, then publishes and acknowledges; when the commit fails (and the
     * session is still there) handles those messages again one by one. False when leadership is lost.
     */
    private boolean commit(List<Routed> run, int from, int to, List<Runnable> afterCommit, List<InboundMessage> handled)
            throws InterruptedException {
        if (from == to) {
            return true;
        }
        try {
            for (MessageHandler handler : handlersOf(run.subList(from, to))) {
                handler.beforeCommit(connection);
            }
            connection.commit();
        } catch (SQLException | RuntimeException e) {
            rollbackQuietly();
            return oneByOne(run.subList(from, to), e);
        }
        for (Runnable after : afterCommit) {
            runAfterCommit(after);
        }
        handled.forEach(this::done);
        return true;
    }

    /** After a failed batch transaction (rolled back): its messages in a transaction each; false when leadership is lost. */
    private boolean oneByOne(List<Routed> messages, Exception cause) throws InterruptedException {
        if (Failures.classify(cause, connection) == Failure.LEADERSHIP_LOST) {
            LOG.warn("Leader's database session lost in a batch of {} messages ({}): stepping down", messages.size(),
                    cause.getMessage());
            return false;
        }
        LOG.warn("A batch of {} messages failed ({}); handling them one by one", messages.size(), cause.getMessage());
        for (Routed routed : messages) {
            if (!handleOne(routed)) {
                return false;
            }
        }
        return true;
    }

    /** One message in a transaction of its own until it is committed and acknowledged, or skipped; false when
     * leadership is lost. */
    private boolean handleOne(Routed routed) throws InterruptedException {
        InboundMessage message = routed.message();
        if (routed.route() == null) {
            LOG.warn("No handler for a message on {}; acknowledged and skipped", message.topic());
            done(message);
            return true;
        }
        Duration pause = RETRY_MIN;
        while (true) {
            Runnable afterCommit;
            try {
                MessageHandler handler = routed.route().handler();
                if (routed.route().joinsBatch()) {
                    handler.prepare(connection, List.of(message));
                }
                afterCommit = handler.handle(connection, message);
                if (routed.route().joinsBatch()) {
                    handler.beforeCommit(connection);
                    connection.commit();
                }
            } catch (SQLException | RuntimeException e) {
                rollbackQuietly();
                Failure failure = Failures.classify(e, connection);
                if (failure == Failure.LEADERSHIP_LOST) {
                    LOG.warn("Leader's database session lost while handling a message of {} ({}): stepping down",
                            message.topic(), e.getMessage());
                    return false;
                }
                if (failure == Failure.SKIP_MESSAGE) {
                    skipped(message, e);
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
            runAfterCommit(afterCommit);
            done(message);
            return true;
        }
    }

    private static void skipped(InboundMessage message, Exception e) {
        LOG.error("Skipping the message of {} ({} bytes): it cannot be handled", message.topic(),
                message.payload().length, e);
    }

    private static void runAfterCommit(Runnable afterCommit) {
        try {
            afterCommit.run();
        } catch (RuntimeException e) {
            LOG.warn("After a commit: {}", e.getMessage(), e);
        }
    }

    private void execute(String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    /** Rolls the transaction back to the message's savepoint; false when that failed (the session may be gone). */
    private boolean rollbackToSavepoint() {
        try {
            execute(ROLLBACK_TO_SAVEPOINT);
            return true;
        } catch (SQLException e) {
            LOG.debug("Rollback to a savepoint on the leader connection: {}", e.getMessage());
            return false;
        }
    }

    private void done(InboundMessage message) {
        mqtt.acknowledge(message);
        processed.incrementAndGet();
    }

    private void rollbackQuietly() {
        try {
            connection.rollback();
        } catch (SQLException e) {
            LOG.debug("Rollback on the leader connection: {}", e.getMessage());
        }
    }
}
