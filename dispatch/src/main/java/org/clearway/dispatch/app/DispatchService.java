package org.clearway.dispatch.app;

import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.zaxxer.hikari.HikariDataSource;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;

import org.clearway.core.contract.TelemetryDecoder;
import org.clearway.core.contract.TelemetryTopic;
import org.clearway.core.db.Databases;
import org.clearway.core.db.Migrations;
import org.clearway.core.mqtt.MqttClientSettings;
import org.clearway.core.mqtt.PahoMqttSession;
import org.clearway.core.mqtt.TopicFilters;
import org.clearway.core.time.DbClock;
import org.clearway.dispatch.alarms.BinAlarms;
import org.clearway.dispatch.alarms.StuckNeighbours;
import org.clearway.decisions.BinDecisionEngine;
import org.clearway.decisions.PolicyConfig;
import org.clearway.dispatch.fleet.Fleet;
import org.clearway.dispatch.fleet.FleetFile;
import org.clearway.dispatch.leader.LeaderLock;
import org.clearway.core.ops.OpsServer;
import org.clearway.dispatch.metrics.DispatchMetrics;
import org.clearway.dispatch.jobs.JobAnnouncer;
import org.clearway.dispatch.leader.LeaderTerm;
import org.clearway.dispatch.inbox.MessageHandler.Route;
import org.clearway.dispatch.leader.PacedChore;
import org.clearway.dispatch.telemetry.TelemetryProcessor;
import org.clearway.dispatch.plan.ShiftPlanner;
import org.clearway.dispatch.rounds.RoundsChore;
import org.clearway.dispatch.store.AlarmStore;
import org.clearway.dispatch.store.BinProfileCache;
import org.clearway.dispatch.store.BinStore;
import org.clearway.dispatch.store.CollectionStore;
import org.clearway.dispatch.store.DecisionStateStore;
import org.clearway.dispatch.store.EmptyingStore;
import org.clearway.dispatch.store.FleetStore;
import org.clearway.dispatch.store.JobStore;
import org.clearway.dispatch.store.Json;
import org.clearway.dispatch.trucks.PositionStore;
import org.clearway.dispatch.store.ReadingStore;
import org.clearway.dispatch.trucks.PositionRetention;
import org.clearway.dispatch.trucks.TruckPositions;
import org.clearway.dispatch.trucks.TruckTopics;
import org.clearway.dispatch.trucks.TruckUpdates;
import org.clearway.dispatch.verify.FailedPickups;
import org.clearway.dispatch.verify.PickupChecks;
import org.clearway.dispatch.verify.VerificationSweep;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The dispatch service, start to stop. At start: migrate the schema, store the fleet file if one is configured,
 * then run for election: every {@code CLEARWAY_DISPATCH_LEADER_RETRY} try the advisory lock ({@link LeaderLock}).
 * The instance that holds it is the leader, the only one connected to the broker: it subscribes to
 * {@code {prefix}bins/+/telemetry} and ingest's relay {@code {prefix}bins/+/decoded} (one handler, one batch),
 * {@code {prefix}trucks/+/updates} (QoS 1, manual acknowledgements, persistent session, shared group), handles the
 * telemetry in batches of up to {@code CLEARWAY_DISPATCH_BATCH_SIZE} messages per
 * transaction ({@link TelemetryProcessor}) and truck updates one per transaction ({@link TruckUpdates}), on its lock's
 * session, and acknowledges after the commit, and publishes new jobs ({@link JobAnnouncer}); the route planner
 * ({@link ShiftPlanner}) starts alongside once the new leader has handled what was waiting for it. When that session is lost the leader stops consuming at once, drops its broker connection
 * without acknowledging anything more, and runs for election again; a standby takes over within a retry interval.
 * Under the rounds policy ({@code CLEARWAY_DISPATCH_POLICY}) the leader's chores include the {@link RoundsChore}, and
 * with {@code CLEARWAY_DISPATCH_REPORTING=adaptive} the reporting chore ({@link LeaderChores}).
 */
public final class DispatchService implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DispatchService.class);
    private static final Duration JOIN_WAIT = Duration.ofSeconds(15);
    private static final String APPLICATION_NAME = "clearway-dispatch leader ";
    /** The leader's publishing connection has the client id {@code CLEARWAY_DISPATCH_CLIENT_ID} plus this. */
    static final String PUBLISHER_SUFFIX = "-out";
    /** How many of the leader's QoS 1 publications may await their PUBACK at once. */
    private static final int PUBLISH_WINDOW = 1_000;

    private final DispatchConfig config;
    private final Clock clock;
    private final PrometheusMeterRegistry registry;
    private final Vertx vertx;
    private final DispatchMetrics metrics;
    private final ObjectMapper json = Json.mapper();
    private final AtomicLong processed = new AtomicLong();
    private final TelemetryProcessor processor;
    private final TruckUpdates truckUpdates;
    private final TruckPositions truckPositions;
    private final PacedChore verificationSweep;
    private final PacedChore positionRetention;
    private final List<PacedChore> chores;
    private final BinStore bins = new BinStore();
    private final JobStore jobs;
    private volatile boolean stopping;
    private volatile Office office;
    /** Whether the last contact with the database (an election attempt, or the leader's own work) succeeded. */
    private volatile boolean databaseUp;
    private Thread leadership;
    private OpsServer ops;
    private int httpPort;

    /**
     * The leader's lock and broker sessions, while this instance leads: {@code mqtt} receives (and holds at most its
     * Receive Maximum unacknowledged: when that is reached, its client reads nothing more, not even the PUBACKs of
     * publications), so jobs, routes and replies go out on {@code publisher}, a connection of their own.
     */
    private record Office(LeaderLock lock, PahoMqttSession mqtt, PahoMqttSession publisher) {
        void close() {
            mqtt.close();
            publisher.close();
        }

        void abort() {
            mqtt.abort();
            publisher.abort();
        }
    }

    public DispatchService(DispatchConfig config, Clock clock, PrometheusMeterRegistry registry, Vertx vertx) {
        this.config = Objects.requireNonNull(config, "config");
        this.clock = DbClock.of(clock);
        this.registry = Objects.requireNonNull(registry, "registry");
        this.vertx = Objects.requireNonNull(vertx, "vertx");
        this.metrics = new DispatchMetrics(registry);
        this.jobs = new JobStore(this.clock);
        PolicyConfig policy = config.policy();
        BinDecisionEngine engine = new BinDecisionEngine(policy, metrics);
        DecisionStateStore states = new DecisionStateStore(json, this.clock);
        ReadingStore readings = new ReadingStore();
        PickupChecks pickups = new PickupChecks(policy, jobs, readings, metrics);
        TelemetryTopic telemetryTopic = new TelemetryTopic(config.mqtt().topicPrefix()).withDecoded();
        this.processor = new TelemetryProcessor(telemetryTopic,
                new TelemetryDecoder(telemetryTopic, this.clock, config.maxReadingAge()),
                engine, policy.pickupVerifier(), policy.verification().window(), new BinProfileCache(bins), jobs, states,
                new EmptyingStore(),
                metrics, new TelemetryProcessor.Operations(new BinAlarms(new AlarmStore(), jobs, metrics),
                        new StuckNeighbours(policy.quality().stuckAfter(), policy.stuckSensorDetector(), readings), pickups),
                config.collectionPolicy());
        this.truckPositions = new TruckPositions(new TruckTopics(config.mqtt().topicPrefix()), new FleetStore(),
                new PositionStore(), config.timeZone(), this.clock, metrics);
        this.verificationSweep = new PacedChore(VerificationSweep.EVERY, this.clock, new VerificationSweep(pickups,
                new FailedPickups(jobs, states, engine, policy.verification().window())));
        this.positionRetention = new PacedChore(PositionRetention.EVERY, this.clock,
                new PositionRetention(config.positionRetention()));
        this.chores = LeaderChores.of(config, this.clock, registry, json, jobs, List.of(verificationSweep,
                positionRetention), () -> Optional.ofNullable(office).map(Office::publisher).orElse(null));
        this.truckUpdates = new TruckUpdates(new TruckTopics(config.mqtt().topicPrefix()), jobs,
                new TruckUpdates.Stores(new FleetStore(), bins, states, new CollectionStore()), engine, json, this.clock,
                metrics);
    }

    /**
     * Migrates, stores the fleet file (all of it or, when the database refuses a part, nothing: the start fails),
     * starts running for leader and serves /health and /metrics; returns without waiting for the election.
     */
    public DispatchService start() throws InterruptedException, IOException, SQLException {
        Fleet fleet = config.fleetFile() == null ? null : FleetFile.read(config.fleetFile());
        try (HikariDataSource pool = Databases.pool(config.database(), "dispatch-setup")) {
            migrate(pool);
            if (fleet != null) {
                try (Connection c = pool.getConnection()) {
                    c.setAutoCommit(false);
                    try {
                        new FleetStore().upsert(c, fleet);
                        c.commit();
                    } catch (SQLException | RuntimeException e) {
                        c.rollback();
                        throw e;
                    }
                }
                LOG.info("Fleet file {} stored: {} facilities, {} trucks", config.fleetFile(), fleet.facilities().size(),
                        fleet.trucks().size());
            }
        }
        databaseUp = true;
        registry.gauge("clearway.dispatch.leader", this, s -> s.isLeader() ? 1 : 0);
        registry.gauge("clearway.dispatch.broker.connected", this, s -> s.isConsuming() ? 1 : 0);
        registry.gauge("clearway.dispatch.unacknowledged", this, DispatchService::unacknowledged);
        leadership = Thread.ofPlatform().name("dispatch-leadership-" + config.instance()).start(this::runForLeader);
        ops = new OpsServer(vertx, registry, this::health);
        httpPort = ops.start(config.httpHost(), config.httpPort()).await();
        LOG.info("Dispatch {} running for leader; health and metrics on http://{}:{}/", config.instance(),
                config.httpHost(), httpPort);
        return this;
    }

    /** The port of /health and /metrics. */
    public int httpPort() {
        return httpPort;
    }

    /**
     * What /health reports: up when it can do its part (a standby: reach the database; the leader: also be
     * subscribed), with the instance's role.
     */
    public OpsServer.Health health() {
        Office current = office;
        boolean leader = current != null;
        boolean database = leader || databaseUp;
        boolean broker = leader && current.mqtt().isSubscribed();
        Map<String, String> details = new LinkedHashMap<>();
        details.put("role", leader ? "leader" : "standby");
        details.put("database", OpsServer.Health.state(database));
        details.put("broker", leader ? OpsServer.Health.state(broker) : "NOT_CONNECTED");
        return new OpsServer.Health(database && (!leader || broker), details);
    }

    /** Whether this instance holds the leader lock. */
    public boolean isLeader() {
        return office != null;
    }

    /** Leader, connected and subscribed: readings reach this instance. */
    public boolean isConsuming() {
        Office current = office;
        return current != null && current.mqtt().isSubscribed();
    }

    /** Messages the leader's broker session has handed on and not acknowledged yet (0 when not leading). */
    public int unacknowledged() {
        Office current = office;
        return current == null ? 0 : current.mqtt().unacknowledged();
    }

    /** Telemetry messages this instance has handled (committed or skipped, and acknowledged). */
    public long processedMessages() {
        return processed.get();
    }

    private void runForLeader() {
        boolean reportedDown = false;
        while (!stopping) {
            Optional<LeaderLock> lock;
            try {
                lock = LeaderLock.tryAcquire(config.database(), config.leaderLock(),
                        APPLICATION_NAME + config.instance());
                reportedDown = false;
                databaseUp = true;
            } catch (SQLException e) {
                databaseUp = false;
                if (!reportedDown) {
                    LOG.warn("Dispatch {} cannot reach the database at {} to run for leader ({}); retrying every {} ms",
                            config.instance(), config.database().url(), e.getMessage(), config.leaderRetry().toMillis());
                    reportedDown = true;
                }
                lock = Optional.empty();
            }
            if (lock.isEmpty()) {
                if (!pause()) {
                    return;
                }
                continue;
            }
            if (!lead(lock.get()) && !pause()) {
                return;
            }
        }
    }

    /** Leads until stopped (true) or until leadership is lost (false: the caller waits a retry interval, so that a
     * standby gets its chance before this instance runs again). */
    private boolean lead(LeaderLock lock) {
        metrics.leadershipAcquired();
        String prefix = config.mqtt().topicPrefix();
        String telemetry = TopicFilters.shared(config.shareGroup(), new TelemetryTopic(prefix).filterAllTelemetry());
        String decoded = TopicFilters.shared(config.shareGroup(), new TelemetryTopic(prefix).filterAllDecoded());
        String updates = TopicFilters.shared(config.shareGroup(), new TruckTopics(prefix).allUpdates());
        String positions = TopicFilters.shared(config.shareGroup(), new TruckTopics(prefix).allPositions());
        LOG.info("Dispatch {} is the leader: subscribing to {}, {}, {} and {} on {} as {}", config.instance(),
                telemetry, decoded, updates, positions, config.mqtt().serverUris(), config.clientId());
        PahoMqttSession mqtt = new PahoMqttSession(MqttClientSettings.durableSubscriber(config.mqtt(), config.clientId(),
                config.inflight(), config.sessionExpiry()));
        PahoMqttSession publisher = new PahoMqttSession(MqttClientSettings.publisher(config.mqtt(),
                config.clientId() + PUBLISHER_SUFFIX, PUBLISH_WINDOW));
        Office term = new Office(lock, mqtt, publisher);
        office = term;
        publisher.start();
        // Consume only once replies can go out: a reply published before this connection is up would be lost.
        publisher.awaitConnected(Duration.ofSeconds(10));
        LeaderTerm.End end = LeaderTerm.End.LEADERSHIP_LOST;
        AtomicReference<ShiftPlanner> planner = new AtomicReference<>();
        // The planner starts alongside, once the term has subscribed and handled what was waiting: its first plan (a
        // solve of CLEARWAY_DISPATCH_PLAN_BUDGET) never stands between a new leader and its telemetry.
        Runnable startPlanner = () -> planner.set(ShiftPlanner.startForTerm(config.database(), lock.connection(),
                config.leaderLock(), publisher, config.mqtt().topicPrefix(), config.planSettings(), clock, registry,
                config.instance()));
        try {
            JobAnnouncer announcer = new JobAnnouncer(publisher, config.mqtt().topicPrefix(), json, jobs, bins, clock,
                    metrics);
            var readings = processor.handler(announcer); // the contract's topic and ingest's relay: one batch
            List<Route> routes = List.of(new Route(telemetry, readings, true), new Route(decoded, readings, true),
                    new Route(updates, truckUpdates.handler(publisher)), new Route(positions, truckPositions.handler()));
            end = new LeaderTerm(lock, mqtt, routes, announcer, List.copyOf(chores), metrics,
                    new LeaderTerm.Settings(config.batchSize(), config.leaderRetry()), () -> stopping, processed,
                    startPlanner).run();
        } catch (RuntimeException e) {
            LOG.error("Dispatch {}: the leader stopped on an unexpected error; stepping down", config.instance(), e);
        } finally {
            if (planner.get() != null) {
                planner.get().close();
            }
            office = null;
            if (end == LeaderTerm.End.STOPPED) {
                term.close();
                lock.close();
                LOG.info("Dispatch {} stepped down", config.instance());
            } else {
                term.abort();
                lock.abort();
                metrics.leadershipLost();
                LOG.warn("Dispatch {} lost leadership: stopped consuming; running for leader again", config.instance());
            }
        }
        return end == LeaderTerm.End.STOPPED;
    }

    /** Sleeps one retry interval; false when interrupted or stopping. */
    private boolean pause() {
        try {
            Thread.sleep(config.leaderRetry().toMillis());
            return !stopping;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private void migrate(HikariDataSource pool) throws InterruptedException {
        long backoff = 1_000;
        while (true) {
            try {
                String schema;
                try (Connection c = pool.getConnection()) {
                    schema = c.getSchema() == null ? "public" : c.getSchema();
                }
                Migrations.apply(pool, schema, config.database().readingsRetention());
                return;
            } catch (SQLException | RuntimeException e) {
                LOG.warn("Cannot migrate the database at {} yet ({}); retrying in {} ms", config.database().url(),
                        e.getMessage(), backoff);
                Thread.sleep(backoff);
                backoff = Math.min(30_000, backoff * 2);
            }
        }
    }

    /** Graceful stop: finish the message in hand, step down (releasing the lock), disconnect. */
    @Override
    public void close() {
        stopping = true;
        join();
        if (ops != null) {
            ops.stop().await();
        }
        LOG.info("Dispatch {} stopped", config.instance());
    }

    /** Stops as a crash would: no DISCONNECT, no further acknowledgement, the database session dropped. */
    public void kill() {
        stopping = true;
        Office current = office;
        if (current != null) {
            current.abort();
            current.lock().abort();
        }
        if (leadership != null) {
            leadership.interrupt();
        }
        join();
        if (ops != null) {
            ops.stop();
        }
    }

    private void join() {
        if (leadership == null) {
            return;
        }
        try {
            leadership.join(JOIN_WAIT);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (leadership.isAlive()) {
            LOG.warn("Dispatch {} did not stop within {} s", config.instance(), JOIN_WAIT.toSeconds());
        }
    }
}
