package org.clearway.dispatch.telemetry;

import org.clearway.dispatch.inbox.MessageHandler;
import org.clearway.dispatch.jobs.JobAnnouncer;
import org.clearway.dispatch.leader.LeaderTerm;
import org.clearway.dispatch.metrics.DispatchMetrics;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import org.clearway.core.config.DatabaseConfig;
import org.clearway.core.config.MqttConfig;
import org.clearway.core.mqtt.MqttClientSettings;
import org.clearway.core.mqtt.PahoMqttSession;
import org.clearway.dispatch.DispatchTestDb;
import org.clearway.dispatch.leader.LeaderLock;
import org.clearway.dispatch.inbox.MessageHandler.Route;
import org.clearway.dispatch.store.BinStore;
import org.clearway.dispatch.store.JobStore;
import org.clearway.dispatch.store.Json;
import org.clearway.testsupport.TestInfrastructure;
import org.clearway.testsupport.TestSchema;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The leader's batches through the real broker and database, with a handler of our own on a route that joins
 * batches: each message becomes a row {@code (seq, bin)} with the id of its transaction; a {@code poison} message
 * breaks a CHECK constraint inside its savepoint. The leader's session holds at most its Receive Maximum, whatever the
 * broker sends (Mosquitto 2.0.11 sends past it once acknowledgements flow).
 */
class LeaderBatchIT {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final int BINS = 7;
    private static final String CREATE = "CREATE TABLE handled (seq int PRIMARY KEY, bin int NOT NULL, "
            + "n int NOT NULL CHECK (n >= 0), tx bigint NOT NULL DEFAULT txid_current())";
    private static final String INSERT = "INSERT INTO handled (seq, bin, n) VALUES (?, ?, ?)";

    private TestSchema schema;
    private String prefix;
    private String clientId;
    private MqttConfig broker;
    private PahoMqttSession publisher;
    private final List<PahoMqttSession> sessions = new ArrayList<>();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    /** (bin, seq) of every message, in the order their transactions committed. */
    private final List<int[]> committed = new CopyOnWriteArrayList<>();
    private final AtomicInteger calls = new AtomicInteger();

    @BeforeEach
    void setUp() throws Exception {
        schema = DispatchTestDb.migratedSchema("leader_batch");
        try (Connection c = schema.dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute(CREATE);
        }
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        prefix = "t-batch-" + suffix + "/";
        clientId = "leader-batch-" + suffix;
        broker = new MqttConfig(TestInfrastructure.broker().serverUri(), "", "", prefix);
        publisher = new PahoMqttSession(MqttClientSettings.publisher(broker, "pub-" + clientId, 200));
        publisher.start();
        DispatchTestDb.await("the publisher to connect", WAIT, publisher::isConnected);
    }

    @AfterEach
    void tearDown() {
        sessions.forEach(PahoMqttSession::close);
        publisher.close();
        schema.close();
    }

    @Test
    void aFailingMessageIsRolledBackAloneTheOthersOfItsBatchCommitAndAllAreAcknowledged() throws Exception {
        int total = 300;
        int poison = 150;
        try (Term term = new Term(100, 50, Duration.ofMillis(800))) {
            publish(total, poison);
            DispatchTestDb.await("every message handled", WAIT, () -> term.processed.get() == total);
            assertThat(term.mqtt.unacknowledged()).as("messages not acknowledged").isZero();
        }
        assertThat(rows("SELECT count(*) FROM handled")).isEqualTo(total - 1);
        assertThat(rows("SELECT count(*) FROM handled WHERE seq = " + poison)).as("the poison message").isZero();
        assertThat(rows("SELECT count(*) FROM handled h WHERE seq IN (" + (poison - 1) + ", " + (poison + 1) + ") "
                + "AND (SELECT count(*) FROM handled o WHERE o.tx = h.tx) > 1"))
                .as("its neighbours committed in batches").isPositive();
        assertThat(rows("SELECT count(DISTINCT tx) FROM handled")).as("transactions").isLessThan(total / 5);
        assertThat(registry.get("clearway.dispatch.messages").tag("outcome", "failed").counter().count()).isEqualTo(1);
        assertThat(redelivered()).as("messages the broker delivers again to the session").isZero();
        assertInOrderPerBin(total - 1);
    }

    @Test
    void theInboxNeverHoldsMoreThanTheReceiveMaximumAndEveryMessageIsHandledOnce() throws Exception {
        int total = 2_000;
        int receiveMaximum = 20;
        AtomicLong maxUnacknowledged = new AtomicLong();
        AtomicLong maxInbox = new AtomicLong();
        try (Term term = new Term(receiveMaximum, 10, Duration.ZERO)) {
            AtomicBoolean sampling = new AtomicBoolean(true);
            Thread sampler = Thread.ofPlatform().start(() -> {
                while (sampling.get()) {
                    maxUnacknowledged.accumulateAndGet(term.mqtt.unacknowledged(), Math::max);
                    maxInbox.accumulateAndGet(term.term.inboxDepth(), Math::max);
                    Thread.onSpinWait();
                }
            });
            publish(total, -1);
            DispatchTestDb.await("every message handled", WAIT, () -> term.processed.get() == total);
            sampling.set(false);
            sampler.join();
        }
        assertThat(maxUnacknowledged.get()).as("unacknowledged").isPositive().isLessThanOrEqualTo(receiveMaximum);
        assertThat(maxInbox.get()).as("inbox depth").isLessThanOrEqualTo(receiveMaximum);
        assertThat(rows("SELECT count(*) FROM handled")).isEqualTo(total);
        assertThat(calls.get()).as("handler calls: each message once").isEqualTo(total);
        assertInOrderPerBin(total);
    }

    /** Publishes {@code seq} 0 .. total-1 as {@code bin:seq}, bins in turn; {@code poison} as {@code poison:seq}. */
    private void publish(int total, int poison) throws Exception {
        List<CompletableFuture<Void>> acks = new ArrayList<>();
        for (int seq = 0; seq < total; seq++) {
            String body = (seq == poison ? "poison" : Integer.toString(seq % BINS)) + ":" + seq;
            acks.add(publisher.publish(prefix + "items/" + (seq % BINS), body.getBytes(StandardCharsets.UTF_8), 1, false));
        }
        CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
    }

    /** Messages of one bin committed in the order they were published. */
    private void assertInOrderPerBin(int expected) {
        Map<Integer, Integer> last = new HashMap<>();
        for (int[] entry : committed) {
            Integer before = last.put(entry[0], entry[1]);
            assertThat(before == null || before < entry[1]).as("bin %d: %s then %d", entry[0], before, entry[1]).isTrue();
        }
        assertThat(committed).hasSize(expected);
    }

    /** What a new connection of the same persistent session gets within a second and a half. */
    private int redelivered() throws Exception {
        AtomicInteger got = new AtomicInteger();
        try (PahoMqttSession again = new PahoMqttSession(MqttClientSettings.durableSubscriber(broker, clientId, 100,
                Duration.ofMinutes(10)))) {
            again.subscribe(filter(), 1, m -> got.incrementAndGet());
            again.start();
            DispatchTestDb.await("the session again", WAIT, again::isSubscribed);
            Thread.sleep(1_500);
        }
        return got.get();
    }

    private long rows(String sql) throws SQLException {
        return DispatchTestDb.count(schema.dataSource(), sql);
    }

    /** The filter of the test's route. */
    private String filter() {
        return prefix + "items/+";
    }

    private static void sleep(Duration pause) {
        try {
            Thread.sleep(pause.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A leader's term with the test's route, on its own thread, stopped gracefully on close. */
    private final class Term implements AutoCloseable {
        final PahoMqttSession mqtt;
        final LeaderTerm term;
        final AtomicLong processed = new AtomicLong();
        private final PahoMqttSession out;
        private final LeaderLock lock;
        private final AtomicBoolean stopping = new AtomicBoolean();
        private final Thread thread;

        /** @param firstPause the handler's pause on the first message, so that the rest pile up behind it */
        Term(int receiveMaximum, int batchSize, Duration firstPause) throws Exception {
            var db = schema.endpoint();
            lock = LeaderLock.tryAcquire(new DatabaseConfig(schema.jdbcUrl(), db.user(), db.password(), 1,
                    Duration.ofDays(400), Duration.ofDays(30)), "leader-batch-" + clientId, "leader-batch-it").orElseThrow();
            mqtt = new PahoMqttSession(MqttClientSettings.durableSubscriber(broker, clientId, receiveMaximum,
                    Duration.ofMinutes(10)));
            out = new PahoMqttSession(MqttClientSettings.publisher(broker, "out-" + clientId, 100));
            sessions.add(mqtt);
            sessions.add(out);
            DispatchMetrics metrics = new DispatchMetrics(registry);
            JobAnnouncer announcer = new JobAnnouncer(out, prefix, Json.mapper(), new JobStore(Clock.systemUTC()),
                    new BinStore(), Clock.systemUTC(), metrics);
            term = new LeaderTerm(lock, mqtt, List.of(new Route(filter(), handler(firstPause), true)), announcer,
                    List.of(), metrics, new LeaderTerm.Settings(batchSize, Duration.ofSeconds(1)), stopping::get,
                    processed, () -> { });
            thread = Thread.ofPlatform().name("leader-batch-it").start(term::run);
            DispatchTestDb.await("the term to subscribe", WAIT, mqtt::isSubscribed);
        }

        private MessageHandler handler(Duration firstPause) {
            return (c, message) -> {
                String[] parts = new String(message.payload(), StandardCharsets.UTF_8).split(":");
                int seq = Integer.parseInt(parts[1]);
                int bin = seq % BINS;
                calls.incrementAndGet();
                if (seq == 0 && !firstPause.isZero()) {
                    sleep(firstPause);
                }
                try (PreparedStatement ps = c.prepareStatement(INSERT)) {
                    ps.setInt(1, seq);
                    ps.setInt(2, bin);
                    ps.setInt(3, parts[0].equals("poison") ? -1 : seq);
                    ps.executeUpdate();
                }
                return () -> committed.add(new int[] {bin, seq});
            };
        }

        @Override
        public void close() throws InterruptedException {
            stopping.set(true);
            thread.join(WAIT.toMillis());
            mqtt.close();
            out.close();
            lock.close();
        }
    }
}
