package org.clearway.dispatch.plan;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;

import org.clearway.core.config.Env;
import org.clearway.core.config.MqttConfig;
import org.clearway.core.metrics.MetricsRegistry;
import org.clearway.core.mqtt.MqttClientSettings;
import org.clearway.core.mqtt.PahoMqttSession;
import org.clearway.dispatch.DispatchTestDb;
import org.clearway.dispatch.app.DispatchConfig;
import org.clearway.dispatch.app.DispatchService;
import org.clearway.decisions.Decision;
import org.clearway.core.job.JobReason;
import org.clearway.core.job.Priority;
import org.clearway.dispatch.store.JobStore;
import org.clearway.testsupport.FakeClock;
import org.clearway.testsupport.TestInfrastructure;
import org.clearway.testsupport.TestSchema;

/**
 * Dispatch instances with a small fleet of their own on the test database (a schema of their own) and the test
 * broker (a topic prefix and client id of their own), a publisher playing the sensors, and a truck unit's view of
 * the route topics (every message received on {@code trucks/+/route}, with when it arrived).
 */
final class PlanHarness implements AutoCloseable {
    static final Duration WAIT = Duration.ofSeconds(40);
    static final Instant NOW = Instant.parse("2026-11-28T08:00:00Z");
    static final ObjectMapper JSON = new ObjectMapper();

    /**
     * A depot, a transfer station open all day for residual, kitchen and recyclable waste, and one truck per stream
     * on the 06:00-14:00 shift, each carrying two bins of 240 l a load; the hazardous truck is in maintenance.
     */
    static final String FLEET = """
            {"version": 1,
             "facilities": [
               {"id": "depot-a", "kind": "depot", "name": "Depot A", "lat": 31.2700, "lon": 121.4600},
               {"id": "transfer-x", "kind": "transfer_station", "name": "Transfer X", "lat": 31.2300, "lon": 121.5000,
                "acceptedStreams": ["residual", "kitchen", "recyclable"]}],
             "trucks": [
               {"id": "t-res", "depot": "depot-a", "streams": ["residual"], "capacityVolumeL": 500,
                "capacityWeightKg": 9000, "shiftStart": "06:00", "shiftEnd": "14:00"},
               {"id": "t-kit", "depot": "depot-a", "streams": ["kitchen"], "capacityVolumeL": 500,
                "capacityWeightKg": 9000, "shiftStart": "06:00", "shiftEnd": "14:00"},
               {"id": "t-rec", "depot": "depot-a", "streams": ["recyclable"], "capacityVolumeL": 500,
                "capacityWeightKg": 9000, "shiftStart": "06:00", "shiftEnd": "14:00"},
               {"id": "t-haz", "depot": "depot-a", "streams": ["hazardous"], "capacityVolumeL": 500,
                "capacityWeightKg": 9000, "shiftStart": "06:00", "shiftEnd": "14:00", "status": "maintenance"}]}
            """;

    /** A route message as a truck unit received it. */
    record Received(String truckId, int revision, JsonNode message, long atNanos) {
        List<Long> jobIds() {
            List<Long> ids = new ArrayList<>();
            message.get("stops").forEach(s -> {
                if (s.get("kind").asText().equals("bin")) {
                    ids.add(s.get("jobId").asLong());
                }
            });
            return ids;
        }
    }

    final TestSchema schema;
    final String prefix;
    final String clientId;
    final FakeClock clock = FakeClock.at(NOW);
    final List<DispatchService> services = new CopyOnWriteArrayList<>();
    final List<PrometheusMeterRegistry> registries = new CopyOnWriteArrayList<>();
    final List<Received> routes = new CopyOnWriteArrayList<>();
    private final Vertx vertx = Vertx.vertx();
    private final Map<String, String> extraEnv;
    private final Path fleetFile;
    private final MqttConfig broker;
    private final PahoMqttSession publisher;
    private final PahoMqttSession unit;

    PlanHarness(String name, Map<String, String> extraEnv) throws Exception {
        this.schema = DispatchTestDb.migratedSchema(name);
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        this.prefix = "t-" + name + "-" + suffix + "/";
        this.clientId = "dispatch-" + name + "-" + suffix;
        this.extraEnv = extraEnv;
        this.fleetFile = Files.createTempFile("fleet-" + name, ".json");
        Files.writeString(fleetFile, FLEET);
        this.broker = new MqttConfig(TestInfrastructure.broker().serverUri(), "", "", prefix);
        this.publisher = new PahoMqttSession(MqttClientSettings.publisher(broker, "pub-" + clientId, 100));
        this.unit = subscriber("unit-" + clientId, routes);
        publisher.start();
        DispatchTestDb.await("the test clients to connect", WAIT, () -> publisher.isConnected() && unit.isSubscribed());
    }

    /** A truck unit's client on every route topic, collecting what it receives into {@code into}. */
    PahoMqttSession subscriber(String id, List<Received> into) {
        PahoMqttSession session = new PahoMqttSession(MqttClientSettings.publisher(broker, id, 10));
        session.subscribe(prefix + "trucks/+/route", 1, m -> {
            try {
                JsonNode message = JSON.readTree(m.payload());
                into.add(new Received(message.get("truckId").asText(), message.get("revision").asInt(), message,
                        System.nanoTime()));
            } catch (java.io.IOException e) {
                throw new IllegalStateException("a route message that is not JSON on " + m.topic(), e);
            }
        });
        session.start();
        return session;
    }

    DispatchService startService() throws Exception {
        return startService(Map.of());
    }

    /** An instance with {@code more} variables on top of the harness's own. */
    DispatchService startService(Map<String, String> more) throws Exception {
        Map<String, String> env = DispatchTestDb.serviceEnv(schema, prefix, clientId, "instance-" + (services.size() + 1));
        env.put("CLEARWAY_DISPATCH_FLEET_FILE", fleetFile.toString());
        env.put("CLEARWAY_DISPATCH_PLAN_BUDGET", "1s");
        env.putAll(extraEnv);
        env.putAll(more);
        PrometheusMeterRegistry registry = MetricsRegistry.prometheus("dispatch");
        DispatchService service = new DispatchService(DispatchConfig.from(new Env(env)), clock, registry, vertx).start();
        services.add(service);
        registries.add(registry);
        return service;
    }

    DispatchService awaitLeader() throws Exception {
        DispatchTestDb.await("a leader to subscribe", WAIT, () -> services.stream().anyMatch(DispatchService::isConsuming));
        return services.stream().filter(DispatchService::isLeader).findFirst().orElseThrow();
    }

    double counter(DispatchService service, String name, String tag, String value) {
        var found = registries.get(services.indexOf(service)).find(name);
        if (tag != null) {
            found = found.tag(tag, value);
        }
        return found.counters().stream().mapToDouble(c -> c.count()).sum();
    }

    DataSource db() {
        return schema.dataSource();
    }

    /** Registers a bin of the stream at its own place (the zones d1 > s1 > c1 as the registry would). */
    void registerBin(String id, String stream, double lat, double lon) throws SQLException {
        DispatchTestDb.registerBin(db(), id, stream, 1000, 0, lat, lon);
    }

    /** Three readings, 15 minutes apart, ending at 90 %: the third asks for a threshold job. */
    void fillUp(String binId) throws Exception {
        Instant last = NOW.minus(Duration.ofMinutes(10));
        double[] fills = {50, 85, 90};
        for (int i = 0; i < fills.length; i++) {
            publish(binId, reading(last.minus(Duration.ofMinutes(15L * (fills.length - 1 - i))), fills[i]));
        }
    }

    void publish(String binId, String payload) throws Exception {
        publisher.publish(prefix + "bins/" + binId + "/telemetry", payload.getBytes(StandardCharsets.UTF_8), 1, false)
                .get(10, TimeUnit.SECONDS);
    }

    /** A truck unit's update on {@code trucks/{truckId}/updates} (docs/trucks.md). */
    void publishUpdate(String truckId, String payload) throws Exception {
        publisher.publish(prefix + "trucks/" + truckId + "/updates", payload.getBytes(StandardCharsets.UTF_8), 1, false)
                .get(10, TimeUnit.SECONDS);
    }

    static String reading(Instant ts, double fill, String... alarms) {
        String list = alarms.length == 0 ? "" : ",\"alarms\":[\"" + String.join("\",\"", alarms) + "\"]";
        return "{\"ts\":\"" + ts + "\",\"fill\":" + fill + list + "}";
    }

    long jobOf(String binId, String reason) throws Exception {
        DispatchTestDb.await("the " + reason + " job of " + binId, WAIT, () -> DispatchTestDb.count(db(),
                "SELECT count(*) FROM jobs WHERE bin_id = ? AND reason = ?", binId, reason) == 1);
        return Long.parseLong(DispatchTestDb.column(db(), "SELECT id FROM jobs WHERE bin_id = ? AND reason = ?", binId,
                reason).get(0));
    }

    /** An open threshold job for the bin, as the engine would create it, due in {@code dueIn}. */
    long createJob(String binId, Duration dueIn) throws SQLException {
        return createJob(binId, dueIn, null);
    }

    /**
     * An open threshold job for the bin, due in {@code dueIn}; with a truck, given to it as the API's reassign does
     * (open, with a truck), in the same transaction.
     */
    long createJob(String binId, Duration dueIn, String truckId) throws SQLException {
        try (Connection c = db().getConnection()) {
            c.setAutoCommit(false);
            JobStore jobs = new JobStore(clock);
            long id = jobs.create(c, new Decision.CreateJob(binId, JobReason.THRESHOLD, Priority.NORMAL, NOW.plus(dueIn),
                    NOW, "fill 90.0 % reached the threshold of 80 %"), "engine").orElseThrow().id();
            if (truckId != null) {
                jobs.assignTruck(c, id, truckId);
            }
            c.commit();
            return id;
        }
    }

    /** "state truck" of the job. */
    String assignment(long jobId) throws SQLException {
        return DispatchTestDb.column(db(), "SELECT state || ' ' || coalesce(truck_id, '-') FROM jobs WHERE id = ?", jobId)
                .get(0);
    }

    void awaitAssignment(long jobId, String expected) throws Exception {
        DispatchTestDb.await("job " + jobId + " to be " + expected, WAIT, () -> assignment(jobId).equals(expected));
    }

    /** The newest revision of each truck in {@code routes}. */
    Map<String, Integer> storedRevisions() throws SQLException {
        Map<String, Integer> out = new HashMap<>();
        for (String row : DispatchTestDb.column(db(), "SELECT truck_id || ' ' || max(revision) FROM routes GROUP BY truck_id")) {
            String[] parts = row.split(" ");
            out.put(parts[0], Integer.parseInt(parts[1]));
        }
        return out;
    }

    /** The newest message received for the truck, by revision. */
    Received latest(String truckId) {
        return routes.stream().filter(r -> r.truckId().equals(truckId)).max(Comparator.comparingInt(Received::revision))
                .orElse(null);
    }

    /** Waits until the unit received the truck's newest stored revision. */
    Received awaitLatestReceived(String truckId) throws Exception {
        DispatchTestDb.await("the newest route of " + truckId, WAIT, () -> {
            Integer stored = storedRevisions().get(truckId);
            Received got = latest(truckId);
            return stored != null && got != null && got.revision() == stored;
        });
        return latest(truckId);
    }

    /** The jobs the database has dispatched to (or the truck has taken on) the truck, by id. */
    List<Long> jobsOnTruck(String truckId) throws SQLException {
        return DispatchTestDb.column(db(), "SELECT id FROM jobs WHERE truck_id = ? AND state IN ('dispatched', 'accepted', "
                + "'arrived') ORDER BY id", truckId).stream().map(Long::parseLong).toList();
    }

    @Override
    public void close() throws Exception {
        services.forEach(DispatchService::close);
        vertx.close().await();
        publisher.close();
        unit.close();
        schema.close();
        Files.deleteIfExists(fleetFile);
    }
}
