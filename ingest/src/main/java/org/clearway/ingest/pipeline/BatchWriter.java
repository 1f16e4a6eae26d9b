package org.clearway.ingest.pipeline;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;
import org.clearway.core.contract.DecodedMessage;
import org.clearway.core.contract.Reading;
import org.clearway.core.contract.RejectReason;
import org.clearway.core.contract.Rejection;
import org.clearway.core.mqtt.MqttSession;
import org.clearway.ingest.store.StoreResult;
import org.clearway.ingest.store.TelemetryStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.clearway.ingest.message.Envelope;
import org.clearway.ingest.relay.DecodedRelay;

/**
 * The writers: take batches, commit each, and only then acknowledge its messages to the broker (in
 * arrival order, through {@link AckSequencer}). Several writers commit at once, each on its own
 * connection, so that one batch fills while others commit.
 * While the database is down it keeps the batch, retries with backoff and acknowledges nothing, so
 * the broker stops sending once Receive Maximum messages are in flight: the backlog stays bounded
 * and nothing is lost. A batch that the database refuses for its data is stored message by message,
 * and a message that still fails is kept as rejected ({@code unstorable}).
 * Between the commit and the acknowledgements, the readings of sources other than the contract's topic are relayed
 * to dispatch ({@link DecodedRelay}); while that fails (the broker is away) the batch stays unacknowledged and the
 * relay is retried with backoff, and a stop that gives up on it leaves the messages for the source to send again.
 */
public final class BatchWriter {
    private static final Logger LOG = LoggerFactory.getLogger(BatchWriter.class);
    private static final Duration IDLE_WAIT = Duration.ofMillis(200);
    private static final long MIN_BACKOFF_MS = 100;
    private static final long MAX_BACKOFF_MS = 10_000;

    /** Runs partition upkeep when a reading falls outside every partition. */
    @FunctionalInterface
    public interface Maintenance {
        void run() throws SQLException;
    }

    private final BatchQueue queue;
    private final DataSource dataSource;
    private final TelemetryStore store;
    private final IngestMetrics metrics;
    private final Clock clock;
    private final Maintenance maintenance;
    private final AckSequencer acks;
    private final DecodedRelay relay;
    private final int writers;
    private final List<Thread> threads = new java.util.ArrayList<>();
    private final AtomicBoolean stopping = new AtomicBoolean();
    private final CountDownLatch stopped;
    private volatile boolean databaseUp = true;
    private volatile long giveUpAtNanos = Long.MAX_VALUE;

    public BatchWriter(BatchQueue queue, DataSource dataSource, TelemetryStore store, MqttSession mqtt,
                       IngestMetrics metrics, Clock clock, Maintenance maintenance, int writers, DecodedRelay relay) {
        this.queue = queue;
        this.dataSource = dataSource;
        this.store = store;
        this.metrics = metrics;
        this.clock = clock;
        this.maintenance = maintenance;
        this.acks = new AckSequencer(mqtt);
        this.relay = relay;
        this.writers = writers;
        this.stopped = new CountDownLatch(writers);
    }

    /** Starts the writer threads. */
    public void start() {
        for (int i = 1; i <= writers; i++) {
            threads.add(Thread.ofPlatform().name("ingest-writer-" + i).start(this::run));
        }
    }

    /** Stops the writers at once, as a crash would: nothing more is committed or acknowledged. */
    public void interrupt() {
        stopping.set(true);
        giveUpAtNanos = System.nanoTime();
        threads.forEach(Thread::interrupt);
    }

    private void run() {
        try {
            while (true) {
                Batch batch = stopping.get() ? queue.drainNow() : queue.nextBatch(IDLE_WAIT);
                if (batch.isEmpty()) {
                    if (stopping.get()) {
                        break;
                    }
                    continue;
                }
                List<Reading> committed = commit(batch.envelopes());
                if (committed == null || !relay(committed)) {
                    break;
                }
                acks.committed(batch);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            stopped.countDown();
        }
    }

    /** Flushes what is queued (waiting at most {@code grace} for the database), then returns. */
    public void stop(Duration grace) throws InterruptedException {
        giveUpAtNanos = System.nanoTime() + grace.toNanos();
        stopping.set(true);
        stopped.await();
    }

    public boolean isDatabaseUp() {
        return databaseUp;
    }

    /**
     * Publishes the committed batch's readings to relay, retrying with backoff while the broker does not acknowledge
     * them; false when stopping gave up on it (the batch is not acknowledged: its sources send it again).
     */
    private boolean relay(List<Reading> readings) throws InterruptedException {
        long backoff = MIN_BACKOFF_MS;
        while (!relay.publish(readings)) {
            if (System.nanoTime() - giveUpAtNanos > 0) {
                LOG.warn("Stopping with {} committed readings not relayed to dispatch: their messages stay "
                        + "unacknowledged and their sources send them again", readings.size());
                return false;
            }
            Thread.sleep(backoff);
            backoff = Math.min(MAX_BACKOFF_MS, backoff * 2);
        }
        return true;
    }

    /**
     * Commits the batch, retrying while the database is unavailable; returns the readings to relay, or null when
     * stopping gave up on it.
     */
    private List<Reading> commit(List<Envelope> batch) throws InterruptedException {
        long backoff = MIN_BACKOFF_MS;
        boolean maintained = false;
        while (true) {
            try {
                long start = System.nanoTime();
                StoreResult result = storeOnce(batch);
                report(batch, result, Duration.ofNanos(System.nanoTime() - start));
                return result.relay();
            } catch (SQLException e) {
                if (SqlErrors.isMissingPartition(e) && !maintained) {
                    maintained = true;
                    runMaintenance();
                    continue;
                }
                if (!SqlErrors.isTransient(e) && batch.size() > 1) {
                    LOG.warn("The database refused a batch of {} messages ({}); storing them one by one", batch.size(),
                            e.getMessage());
                    List<Reading> relayed = commitOneByOne(batch);
                    if (relayed != null) {
                        return relayed;
                    }
                }
                metrics.storeFailed();
                if (databaseUp) {
                    LOG.error("Cannot store a batch of {} messages: {} [SQLState {}]. Holding it unacknowledged and "
                            + "retrying with backoff; check that PostgreSQL is reachable at CLEARWAY_DB_URL.",
                            batch.size(), e.getMessage(), e.getSQLState());
                }
                databaseUp = false;
                if (System.nanoTime() - giveUpAtNanos > 0) {
                    LOG.warn("Stopping with {} messages uncommitted and unacknowledged: the broker redelivers them.",
                            batch.size() + queue.size());
                    return null;
                }
                Thread.sleep(backoff);
                backoff = Math.min(MAX_BACKOFF_MS, backoff * 2);
            }
        }
    }

    private StoreResult storeOnce(List<Envelope> batch) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            StoreResult result = store.store(c, batch);
            if (!databaseUp) {
                LOG.info("The database is reachable again; storing resumed");
            }
            databaseUp = true;
            return result;
        }
    }

    /** The readings to relay, or null when storing one by one failed too. */
    private List<Reading> commitOneByOne(List<Envelope> batch) {
        List<Reading> relayed = new java.util.ArrayList<>();
        try {
            for (Envelope e : batch) {
                List<Envelope> one = List.of(e);
                try {
                    long start = System.nanoTime();
                    StoreResult result = storeOnce(one);
                    report(one, result, Duration.ofNanos(System.nanoTime() - start));
                    relayed.addAll(result.relay());
                } catch (SQLException refused) {
                    if (SqlErrors.isTransient(refused)) {
                        throw refused;
                    }
                    Envelope kept = e.withDecoded(DecodedMessage.rejected(e.decoded().binId(),
                            Rejection.ofMessage(RejectReason.UNSTORABLE, "the database refused it: "
                                    + refused.getMessage() + " [SQLState " + refused.getSQLState() + "]",
                                    e.message().payload())));
                    report(List.of(kept), storeOnce(List.of(kept)), Duration.ZERO);
                }
            }
            return relayed;
        } catch (SQLException e) {
            LOG.warn("Storing one by one failed too: {}", e.getMessage());
            return null;
        }
    }

    private void runMaintenance() {
        try {
            maintenance.run();
        } catch (SQLException e) {
            LOG.warn("Partition maintenance failed: {}", e.getMessage());
        }
    }

    private void report(List<Envelope> batch, StoreResult result, Duration commitTime) {
        Instant committedAt = clock.instant();
        metrics.stored(result.stored(), result.duplicates());
        for (Rejection r : result.rejections()) {
            metrics.rejected(r.reason());
        }
        for (int i = 0; i < batch.size() && i < result.outcomes().size(); i++) {
            if (!Envelope.RELAY.equals(batch.get(i).source())) {
                metrics.message(batch.get(i).source(), result.outcomes().get(i));
            }
        }
        for (Envelope e : batch) {
            Duration pipeline = Duration.between(e.message().receivedAt(), committedAt);
            for (Reading r : e.decoded().readings()) {
                metrics.lag(Duration.between(r.measuredAt(), committedAt), pipeline);
            }
        }
        metrics.committed(batch.size(), commitTime);
    }
}
