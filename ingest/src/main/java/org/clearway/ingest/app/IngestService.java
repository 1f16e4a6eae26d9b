package org.clearway.ingest.app;

import com.zaxxer.hikari.HikariDataSource;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.clearway.core.contract.TelemetryDecoder;
import org.clearway.core.mqtt.InboundHandler;
import org.clearway.ingest.http.SourceMetrics;
import org.clearway.ingest.http.UplinkHttpServer;
import org.clearway.ingest.sources.ChirpStackUplinks;
import org.clearway.ingest.store.DeviceTokens;
import org.clearway.ingest.sources.TtsUplinks;
import org.clearway.ingest.sources.UplinkReceiver;
import org.clearway.ingest.store.DeviceDirectory;
import org.clearway.core.contract.TelemetryTopic;
import org.clearway.core.contract.devices.FrameReadings;
import org.clearway.core.db.Databases;
import org.clearway.core.db.Migrations;
import org.clearway.core.db.ReadingsPolicies;
import org.clearway.core.db.PartitionMaintenance;
import org.clearway.core.mqtt.MqttClientSettings;
import org.clearway.core.mqtt.MqttSession;
import org.clearway.core.mqtt.PahoMqttSession;
import org.clearway.core.mqtt.TopicFilters;
import org.clearway.core.time.DbClock;
import org.clearway.ingest.ops.MicrometerIngestMetrics;
import org.clearway.core.ops.OpsServer;
import org.clearway.ingest.pipeline.BatchQueue;
import org.clearway.ingest.pipeline.BatchWriter;
import org.clearway.ingest.relay.DecodedRelay;
import org.clearway.ingest.ops.MicrometerRelayMetrics;
import org.clearway.ingest.pipeline.IngestMetrics;
import org.clearway.ingest.pipeline.SensorRateLimiter;
import org.clearway.ingest.pipeline.TelemetryReceiver;
import org.clearway.ingest.store.BinDirectory;
import org.clearway.ingest.store.FloodAlarms;
import org.clearway.ingest.store.RollupFlusher;
import org.clearway.ingest.store.TelemetryStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.clearway.ingest.message.Flood;

/**
 * The ingest service, start to stop: migrate the schema, keep the partitions, start the writer,
 * subscribe, serve /health and /metrics; on stop flush, commit, acknowledge and disconnect.
 */
public final class IngestService implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(IngestService.class);
    private static final Duration SHUTDOWN_GRACE = Duration.ofSeconds(10);
    private static final int QOS = 1;
    private static final Duration SUBSCRIBE_WAIT = Duration.ofSeconds(10);
    private static final Duration KNOWN_BIN_TTL = Duration.ofSeconds(60);
    private static final Duration UNKNOWN_BIN_TTL = Duration.ofSeconds(5);
    private static final Duration FLOOD_ALARM_INTERVAL = Duration.ofSeconds(2);
    private static final Duration RELAY_TIMEOUT = Duration.ofSeconds(10);
    /**
     * The relay publishes on a session of its own: the receiving session's callback waits while its window is full of
     * unacknowledged messages, and so would never read the PUBACKs the relay waits for before acknowledging them.
     */
    static final String RELAY_SUFFIX = "-relay";
    private static final int RELAY_WINDOW = 1_000;
    /** Pending readings added to the roll-ups in one transaction at most. */
    private static final int ROLLUP_FLUSH_LIMIT = 20_000;

    private final IngestConfig config;
    private final Clock clock;
    private final PrometheusMeterRegistry registry;
    private final Vertx vertx;
    private HikariDataSource dataSource;
    private ScheduledExecutorService upkeep;
    private PahoMqttSession mqtt;
    private PahoMqttSession relaySession;
    private BatchWriter writer;
    private RollupFlusher rollups;
    private OpsServer ops;
    private int httpPort;
    private UplinkHttpServer uplinks;
    private int uplinkPort = -1;

    public IngestService(IngestConfig config, Clock clock, PrometheusMeterRegistry registry, Vertx vertx) {
        this.config = config;
        this.clock = DbClock.of(clock);
        this.registry = registry;
        this.vertx = vertx;
    }

    /** Starts every part; returns once the service is subscribing and serving. */
    public IngestService start() throws SQLException, InterruptedException {
        PartitionMaintenance maintenance = prepareStore();
        IngestMetrics metrics = new MicrometerIngestMetrics(registry);
        BatchQueue queue = new BatchQueue(config.batchSize(), config.batchDelay());
        mqtt = new PahoMqttSession(MqttClientSettings.durableSubscriber(config.mqtt(), config.clientId(),
                config.inflight(), config.sessionExpiry()), clock);
        startWriters(queue, metrics, maintenance);
        SensorRateLimiter limiter = new SensorRateLimiter(config.sensorLimits(), metrics);
        scheduleFloodAlarms(limiter);
        String filter = subscribe(queue, limiter, metrics);
        startHttpSources(queue, limiter);
        startOps(queue);
        LOG.info("Ingest {} subscribed to {} on {}; batches of {} messages or {} ms; health and metrics on http://{}:{}/",
                config.clientId(), filter, config.mqtt().serverUris(), config.batchSize(),
                config.batchDelay().toMillis(), config.httpHost(), httpPort);
        return this;
    }

    /** Pool, schema migrations, partitions ahead and their upkeep. */
    private PartitionMaintenance prepareStore() throws SQLException, InterruptedException {
        int wanted = config.writers() + IngestConfig.POOL_BESIDE_WRITERS;
        if (config.database().poolSize() < wanted) {
            LOG.warn("CLEARWAY_DB_POOL_SIZE is {} for {} writers: writers, the roll-up flusher, upkeep and /health will "
                    + "wait for connections; leave it unset (ingest then takes {}) or set at least that",
                    config.database().poolSize(), config.writers(), wanted);
        }
        dataSource = Databases.pool(config.database(), "ingest");
        migrate();
        PartitionMaintenance maintenance = new PartitionMaintenance(dataSource, clock, config.maxReadingAge(),
                config.database().readingsRetention(), config.database().rejectedRetention());
        maintenance.run();
        scheduleUpkeep(maintenance);
        return maintenance;
    }

    private void startWriters(BatchQueue queue, IngestMetrics metrics, PartitionMaintenance maintenance) {
        TelemetryStore store = new TelemetryStore(new BinDirectory(KNOWN_BIN_TTL, UNKNOWN_BIN_TTL),
                new DeviceDirectory(new FrameReadings(clock, config.maxReadingAge()), config.lowBattery()),
                config.deferRollups());
        if (config.deferRollups()) {
            rollups = new RollupFlusher(dataSource, config.rollupInterval(), ROLLUP_FLUSH_LIMIT,
                    config.rollupMaxDelay(), () -> queue.size() > 0).start();
        }
        // With the contract's topic alone there is nothing to relay (the relay is handed no readings): no session.
        MqttSession relayOn = mqtt;
        if (config.sources().relayed()) {
            relaySession = new PahoMqttSession(MqttClientSettings.publisher(config.mqtt(),
                    config.clientId() + RELAY_SUFFIX, RELAY_WINDOW), clock);
            relaySession.start();
            relayOn = relaySession;
        }
        DecodedRelay relay = new DecodedRelay(relayOn, new TelemetryTopic(config.mqtt().topicPrefix()), RELAY_TIMEOUT,
                new MicrometerRelayMetrics(registry));
        writer = new BatchWriter(queue, dataSource, store, mqtt, metrics, clock, maintenance::run, config.writers(),
                relay);
        writer.start();
    }

    /**
     * Subscribes to each configured source (the contract: every topic under {prefix}bins/, bad topics
     * kept as rejected; network servers: their uplink topics), and waits for the broker's answer.
     */
    private String subscribe(BatchQueue queue, SensorRateLimiter limiter, IngestMetrics metrics)
            throws InterruptedException {
        TelemetryTopic topics = new TelemetryTopic(config.mqtt().topicPrefix());
        List<String> filters = new java.util.ArrayList<>();
        for (Map.Entry<String, String> source : config.sources().topics().entrySet()) {
            InboundHandler handler = switch (source.getKey()) {
                case UplinkSources.CHIRPSTACK -> new UplinkReceiver(UplinkSources.CHIRPSTACK, new ChirpStackUplinks(),
                        limiter, queue, metrics);
                case UplinkSources.TTS -> new UplinkReceiver(UplinkSources.TTS, new TtsUplinks(), limiter, queue, metrics);
                default -> new TelemetryReceiver(topics, new TelemetryDecoder(topics, clock, config.maxReadingAge()),
                        limiter, queue, metrics);
            };
            String filter = TopicFilters.shared(config.shareGroup(), source.getValue());
            mqtt.subscribe(filter, QOS, handler);
            filters.add(source.getKey() + " " + filter);
            if (source.getKey().equals(UplinkSources.CHIRPSTACK) && config.sources().chirpstackStatusTopic() != null) {
                String status = TopicFilters.shared(config.shareGroup(), config.sources().chirpstackStatusTopic());
                mqtt.subscribe(status, QOS, handler);
                filters.add(source.getKey() + " " + status);
            }
        }
        mqtt.start();
        awaitSubscription();
        return String.join(", ", filters);
    }

    /** The HTTP sources, when any is configured: their own port, the same queue, batch and commit. */
    private void startHttpSources(BatchQueue queue, SensorRateLimiter limiter) {
        HttpSourcesConfig http = config.httpSources();
        if (!http.any()) {
            return;
        }
        TelemetryTopic topics = new TelemetryTopic(config.mqtt().topicPrefix());
        uplinks = new UplinkHttpServer(vertx, new UplinkHttpServer.Settings(
                http.chirpstack() ? http.chirpstackSecret() : null, http.tts() ? http.ttsSecret() : null,
                http.devices() ? new DeviceTokens(dataSource, clock, http.tokenCache()) : null,
                http.maxWaiting(), http.timeout()),
                queue, limiter, new TelemetryDecoder(topics, clock, config.maxReadingAge()), topics, clock,
                new SourceMetrics(registry));
        uplinkPort = uplinks.start(http.host(), http.port()).await();
        LOG.info("Ingest HTTP sources {} on http://{}:{}/", config.sources().http(), http.host(), uplinkPort);
    }

    private void startOps(BatchQueue queue) {
        registry.gauge("clearway.ingest.backlog", queue, BatchQueue::size);
        registry.gauge("clearway.ingest.broker.connected", mqtt, m -> m.isConnected() ? 1 : 0);
        registry.gauge("clearway.ingest.unacknowledged", mqtt, m -> m.unacknowledged());
        registry.gauge("clearway.ingest.database.up", writer, w -> w.isDatabaseUp() ? 1 : 0);
        ops = new OpsServer(vertx, registry, this::health);
        httpPort = ops.start(config.httpHost(), config.httpPort()).await();
    }

    /** What /health reports: up when subscribed to the broker and the database answers. */
    private OpsServer.Health health() {
        boolean broker = mqtt.isSubscribed();
        boolean database = databaseReachable();
        Map<String, String> parts = new java.util.LinkedHashMap<>();
        parts.put("broker", OpsServer.Health.state(broker));
        parts.put("database", OpsServer.Health.state(database));
        // Each MQTT source is one subscription on the broker session: up when subscribed; an HTTP source is up
        // while its server listens and the database answers (it answers only after a commit).
        config.sources().topics().keySet().forEach(name -> parts.put("source." + name, OpsServer.Health.state(broker)));
        config.sources().http().forEach(name -> parts.put("source." + name,
                OpsServer.Health.state(uplinkPort >= 0 && database)));
        return new OpsServer.Health(broker && database, parts);
    }

    /** Connected and subscribed: from now on no message for us is missed. */
    public boolean isSubscribed() {
        return mqtt != null && mqtt.isSubscribed();
    }

    public int httpPort() {
        return httpPort;
    }

    /** The HTTP sources' port; -1 when none is configured. */
    public int uplinkPort() {
        return uplinkPort;
    }

    /** On a fresh broker, what is published before our subscription exists is not kept for us: wait for it a while. */
    private void awaitSubscription() throws InterruptedException {
        long deadline = System.nanoTime() + SUBSCRIBE_WAIT.toNanos();
        while (!mqtt.isSubscribed() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        if (!mqtt.isSubscribed()) {
            LOG.warn("Not subscribed yet after {} s: the broker at {} is unreachable or slow; ingest keeps trying",
                    SUBSCRIBE_WAIT.toSeconds(), config.mqtt().serverUris());
        }
    }

    private void migrate() throws InterruptedException {
        long backoff = 1_000;
        while (true) {
            try {
                String schema = currentSchema();
                Migrations.apply(dataSource, schema, config.database().readingsRetention());
                new ReadingsPolicies(dataSource).reconcile(config.database().readingsRetention(),
                        config.database().readingsCompressAfter());
                return;
            } catch (SQLException | RuntimeException e) {
                LOG.warn("Cannot migrate the database at {} yet ({}); retrying in {} ms", config.database().url(),
                        e.getMessage(), backoff);
                Thread.sleep(backoff);
                backoff = Math.min(30_000, backoff * 2);
            }
        }
    }

    private String currentSchema() throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            String schema = c.getSchema();
            return schema == null ? "public" : schema;
        }
    }

    private void scheduleUpkeep(PartitionMaintenance maintenance) {
        upkeep = Executors.newSingleThreadScheduledExecutor(r -> Thread.ofPlatform().daemon().name("ingest-upkeep").unstarted(r));
        long every = config.maintenanceInterval().toMillis();
        upkeep.scheduleWithFixedDelay(() -> {
            try {
                maintenance.run();
            } catch (SQLException | RuntimeException e) {
                LOG.warn("Partition and retention upkeep failed ({}); trying again in {} ms", e.getMessage(), every);
            }
        }, every, every, TimeUnit.MILLISECONDS);
    }

    /** Flooding bins get their {@code flooding} alarm raised every few seconds, off the MQTT thread. */
    private void scheduleFloodAlarms(SensorRateLimiter limiter) {
        FloodAlarms alarms = new FloodAlarms(dataSource);
        long every = FLOOD_ALARM_INTERVAL.toMillis();
        upkeep.scheduleWithFixedDelay(() -> {
            List<Flood> floods = limiter.drainFloods();
            try {
                alarms.raise(floods);
                for (Flood f : floods) {
                    LOG.warn("Bin {} is flooding: {} messages over its limit of {} per window, {} of them parked beyond "
                            + "the ceiling (rate_limited; replay with ParkedReplayCommand); flooding alarm raised",
                            f.binId(), f.overLimit(), f.limit(), f.parked());
                }
            } catch (SQLException | RuntimeException e) {
                LOG.warn("Cannot raise flooding alarms for {} bins ({}); they are raised again at their next flood",
                        floods.size(), e.getMessage());
            }
        }, every, every, TimeUnit.MILLISECONDS);
    }

    private boolean databaseReachable() {
        try (Connection c = dataSource.getConnection()) {
            return c.isValid(2);
        } catch (SQLException e) {
            return false;
        }
    }

    /** Graceful stop: flush and commit what was received, acknowledge it, then disconnect. */
    @Override
    public void close() {
        if (uplinks != null) {
            // New requests are refused; those waiting are answered by the writers' last commits, or at the grace.
            uplinks.stop(SHUTDOWN_GRACE).await();
        }
        try {
            if (writer != null) {
                writer.stop(SHUTDOWN_GRACE);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (rollups != null) {
            rollups.close();
        }
        if (mqtt != null) {
            mqtt.close();
        }
        if (relaySession != null) {
            relaySession.close();
        }
        if (ops != null) {
            ops.stop().await();
        }
        if (upkeep != null) {
            upkeep.shutdownNow();
        }
        if (dataSource != null) {
            dataSource.close();
        }
        LOG.info("Ingest {} stopped", config.clientId());
    }

    /** Stops as a crash would: no flush, no acknowledgements, no DISCONNECT (for tests of redelivery). */
    public void kill() {
        if (mqtt != null) {
            mqtt.abort();
        }
        if (relaySession != null) {
            relaySession.abort();
        }
        if (writer != null) {
            writer.interrupt();
        }
        if (uplinks != null) {
            uplinks.stop(Duration.ZERO);
        }
        if (ops != null) {
            ops.stop();
        }
        if (upkeep != null) {
            upkeep.shutdownNow();
        }
        if (dataSource != null) {
            dataSource.close();
        }
    }
}
