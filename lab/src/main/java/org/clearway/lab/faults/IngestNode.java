package org.clearway.lab.faults;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.clearway.core.config.Env;
import org.clearway.core.metrics.MetricsRegistry;
import org.clearway.core.time.DbClock;
import org.clearway.ingest.app.IngestConfig;
import org.clearway.ingest.app.IngestService;

/**
 * One ingest replica in this JVM, configured as in production through its environment variables;
 * it can be stopped gracefully, killed as a crash would and started again with the same client id.
 * Counters survive restarts: each start gets a new registry, and the totals add the old ones.
 */
final class IngestNode implements AutoCloseable {
    private final Map<String, String> env;
    private final Vertx vertx = Vertx.vertx();
    private PrometheusMeterRegistry registry;
    private IngestService service;
    private double pastStored;
    private double pastDuplicates;
    private double pastReceived;
    private double pastCommitted;

    IngestNode(String dbUrl, String dbUser, String dbPassword, String mqttUrl, String prefix, String clientId,
               String shareGroup, Map<String, String> extra) {
        env = new HashMap<>(Map.of("CLEARWAY_DB_URL", dbUrl, "CLEARWAY_DB_USER", dbUser, "CLEARWAY_DB_PASSWORD", dbPassword,
                "CLEARWAY_MQTT_URL", mqttUrl, "CLEARWAY_TOPIC_PREFIX", prefix, "CLEARWAY_INGEST_CLIENT_ID", clientId,
                "CLEARWAY_INGEST_SHARE_GROUP", shareGroup, "CLEARWAY_INGEST_SESSION_EXPIRY", "10m",
                "CLEARWAY_HTTP_HOST", "127.0.0.1", "CLEARWAY_HTTP_PORT", "0"));
        env.putAll(extra);
    }

    IngestConfig config() {
        return IngestConfig.from(new Env(env));
    }

    IngestNode start() throws Exception {
        registry = MetricsRegistry.prometheus("ingest");
        service = new IngestService(config(), DbClock.wall(), registry, vertx).start();
        FaultRun.await("ingest " + config().clientId() + " to subscribe", Duration.ofSeconds(30), service::isSubscribed);
        return this;
    }

    /** Stops as a crash would: nothing flushed, nothing acknowledged, no DISCONNECT. */
    void kill() {
        remember();
        service.kill();
        service = null;
    }

    /** Graceful stop: flush, commit, acknowledge, disconnect. */
    void stop() {
        remember();
        service.close();
        service = null;
    }

    private void remember() {
        pastStored = stored();
        pastDuplicates = duplicates();
        pastReceived = received();
        pastCommitted = committedMessages();
    }

    boolean subscribed() {
        return service != null && service.isSubscribed();
    }

    boolean running() {
        return service != null;
    }

    double stored() {
        return pastStored + (service == null ? 0 : counter("clearway.ingest.readings.stored"));
    }

    double duplicates() {
        return pastDuplicates + (service == null ? 0 : counter("clearway.ingest.readings.duplicate"));
    }

    double received() {
        return pastReceived + (service == null ? 0 : counter("clearway.ingest.messages.received"));
    }

    double committedMessages() {
        return pastCommitted + (service == null ? 0 : registry.get("clearway.ingest.batch.size").summary().totalAmount());
    }

    /** Messages this instance received and has not committed (so not acknowledged): its in-flight window. */
    double uncommitted() {
        if (service == null) {
            return 0;
        }
        return counter("clearway.ingest.messages.received") - registry.get("clearway.ingest.batch.size").summary().totalAmount();
    }

    double gauge(String name) {
        return service == null ? 0 : registry.get(name).gauge().value();
    }

    /** The longest commit of this instance, in seconds. */
    double commitMaxSeconds() {
        return service == null ? 0 : registry.get("clearway.ingest.commit").timer().max(java.util.concurrent.TimeUnit.SECONDS);
    }

    double storeFailures() {
        return service == null ? 0 : counter("clearway.ingest.store.failures");
    }

    /** Rejections of this instance with the given reason code (not kept across restarts). */
    double rejected(String reason) {
        if (service == null) {
            return 0;
        }
        var c = registry.find("clearway.ingest.rejected").tag("reason", reason).counter();
        return c == null ? 0 : c.count();
    }

    private double counter(String name) {
        return registry.find(name).counters().stream().mapToDouble(c -> c.count()).sum();
    }

    @Override
    public void close() {
        if (service != null) {
            service.close();
        }
        vertx.close().await();
    }
}
