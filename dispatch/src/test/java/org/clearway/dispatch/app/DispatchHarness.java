package org.clearway.dispatch.app;

import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;

import org.clearway.core.config.Env;
import org.clearway.core.config.MqttConfig;
import org.clearway.core.metrics.MetricsRegistry;
import org.clearway.core.mqtt.InboundMessage;
import org.clearway.core.mqtt.MqttClientSettings;
import org.clearway.core.mqtt.PahoMqttSession;
import org.clearway.dispatch.DispatchTestDb;
import org.clearway.testsupport.FakeClock;
import org.clearway.testsupport.TestInfrastructure;
import org.clearway.testsupport.TestSchema;

/**
 * Dispatch instances on the test database (a schema of their own) and the test broker (a topic prefix and client
 * id of their own), a publisher playing the sensors, and a listener on the published jobs.
 */
final class DispatchHarness implements AutoCloseable {
    static final Duration WAIT = Duration.ofSeconds(30);

    final TestSchema schema;
    final String prefix;
    final String clientId;
    final FakeClock clock;
    final List<DispatchService> services = new CopyOnWriteArrayList<>();
    final List<PrometheusMeterRegistry> registries = new CopyOnWriteArrayList<>();
    private final Vertx vertx = Vertx.vertx();
    final List<InboundMessage> jobMessages = new CopyOnWriteArrayList<>();
    final List<InboundMessage> truckReplies = new CopyOnWriteArrayList<>();
    private final Map<String, String> extraEnv;
    private final PahoMqttSession publisher;
    private final PahoMqttSession listener;

    DispatchHarness(String name, FakeClock clock, Map<String, String> extraEnv) throws Exception {
        this.schema = DispatchTestDb.migratedSchema(name);
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        this.prefix = "t-" + name + "-" + suffix + "/";
        this.clientId = "dispatch-" + name + "-" + suffix;
        this.clock = clock;
        this.extraEnv = extraEnv;
        MqttConfig broker = new MqttConfig(TestInfrastructure.broker().serverUri(), "", "", prefix);
        this.publisher = new PahoMqttSession(MqttClientSettings.publisher(broker, "pub-" + clientId, 100));
        this.listener = new PahoMqttSession(MqttClientSettings.publisher(broker, "jobs-" + clientId, 100));
        listener.subscribe(prefix + "dispatch/jobs/+", 1, jobMessages::add);
        listener.subscribe(prefix + "trucks/+/replies", 1, truckReplies::add);
        publisher.start();
        listener.start();
        DispatchTestDb.await("the test clients to connect", WAIT, () -> publisher.isConnected() && listener.isSubscribed());
    }

    DispatchConfig config(String instance) {
        Map<String, String> env = DispatchTestDb.serviceEnv(schema, prefix, clientId, instance);
        // Tests here dispatch jobs to trucks by hand while the service runs: a plan that stopped early (milliseconds
        // for a few jobs) could move such a job to another truck before the test's updates come. The solver uses its
        // whole budget, so no plan of the service is stored while a test runs, unless the test sets otherwise.
        env.put("CLEARWAY_DISPATCH_PLAN_EARLY_STOP", "false");
        env.putAll(extraEnv);
        return DispatchConfig.from(new Env(env));
    }

    /** Starts one more instance on the same schema, broker session and lock. */
    DispatchService startService() throws Exception {
        PrometheusMeterRegistry registry = MetricsRegistry.prometheus("dispatch");
        DispatchService service = new DispatchService(config("instance-" + (services.size() + 1)), clock, registry, vertx)
                .start();
        services.add(service);
        registries.add(registry);
        return service;
    }

    /** Waits until exactly one instance leads and is subscribed, and returns it. */
    DispatchService awaitConsumer() throws Exception {
        DispatchTestDb.await("a leader to subscribe", WAIT, () -> services.stream().anyMatch(DispatchService::isConsuming));
        List<DispatchService> leaders = services.stream().filter(DispatchService::isLeader).toList();
        if (leaders.size() != 1) {
            throw new AssertionError(leaders.size() + " leaders at once");
        }
        return leaders.get(0);
    }

    double counter(DispatchService service, String name, String tag, String value) {
        var registry = registries.get(services.indexOf(service));
        var found = registry.find(name);
        if (tag != null) {
            found = found.tag(tag, value);
        }
        return found.counters().stream().mapToDouble(c -> c.count()).sum();
    }

    /** GET on the instance's ops endpoint: "status body". */
    String http(DispatchService service, String path) throws Exception {
        var response = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create("http://127.0.0.1:" + service.httpPort() + path)).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        return response.statusCode() + " " + response.body();
    }

    DataSource db() {
        return schema.dataSource();
    }

    void registerBin(String id, int depthMm, int offsetMm) throws SQLException {
        DispatchTestDb.registerBin(db(), id, "residual", depthMm, offsetMm);
    }

    String topic(String binId) {
        return prefix + "bins/" + binId + "/telemetry";
    }

    void publish(String binId, String payload) throws Exception {
        publishRaw(topic(binId), payload.getBytes(StandardCharsets.UTF_8));
    }

    void publishRaw(String topic, byte[] payload) throws Exception {
        publishRaw(topic, payload, 1, false);
    }

    void publishRaw(String topic, byte[] payload, int qos, boolean retained) throws Exception {
        publisher.publish(topic, payload, qos, retained).get(10, TimeUnit.SECONDS);
    }

    /** Publishes one reading per fill level, 15 minutes apart, the last at {@code last}. */
    void publishFills(String binId, Instant last, double... fills) throws Exception {
        for (int i = 0; i < fills.length; i++) {
            publish(binId, reading(last.minus(Duration.ofMinutes(15L * (fills.length - 1 - i))), fills[i]));
        }
    }

    static String reading(Instant ts, double fill, String... alarms) {
        List<String> quoted = new ArrayList<>();
        for (String alarm : alarms) {
            quoted.add("\"" + alarm + "\"");
        }
        return "{\"ts\":\"" + ts + "\",\"fill\":" + fill
                + (alarms.length == 0 ? "" : ",\"alarms\":[" + String.join(",", quoted) + "]") + "}";
    }

    /** Waits until the bin's decision state has taken in its reading of {@code ts}. */
    void awaitDecided(String binId, Instant ts) throws Exception {
        DispatchTestDb.await("bin " + binId + " decided up to " + ts, WAIT, () -> DispatchTestDb.count(db(),
                "SELECT count(*) FROM bin_decisions WHERE bin_id = ? AND last_reading_at >= ?::timestamptz",
                binId, ts.toString()) == 1);
    }

    long jobs(String binId, String reason) throws SQLException {
        return DispatchTestDb.count(db(), "SELECT count(*) FROM jobs WHERE bin_id = ? AND reason = ?", binId, reason);
    }

    @Override
    public void close() {
        services.forEach(DispatchService::close);
        vertx.close().await();
        publisher.close();
        listener.close();
        schema.close();
    }
}
