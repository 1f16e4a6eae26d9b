package org.clearway.dispatch.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.clearway.core.config.MqttConfig;
import org.clearway.core.mqtt.InboundMessage;
import org.clearway.core.mqtt.MqttClientSettings;
import org.clearway.core.mqtt.PahoMqttSession;
import org.clearway.dispatch.DispatchTestDb;
import org.clearway.core.job.JobState;
import org.clearway.dispatch.store.JobStore;
import org.clearway.testsupport.FakeClock;
import org.clearway.testsupport.TestInfrastructure;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Fault 8 (issue 5): a truck goes offline mid-route and comes back. Its unit holds a persistent session on the real
 * broker; while it is away a new route revision is published (retained) and the driver goes on working, the unit
 * queueing its updates. Back online, the unit has the newest route, and its updates, sent in the order they were
 * made, are all applied in that order.
 */
class TruckOfflineIT {

    private static final Instant NOW = Instant.parse("2026-11-28T08:00:00Z");
    private static final FakeClock CLOCK = FakeClock.at(NOW);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TRUCK = "truck-n1";
    private static DispatchHarness harness;
    private static MqttConfig broker;

    @BeforeAll
    static void start() throws Exception {
        harness = new DispatchHarness("dispatch_offline", CLOCK, Map.of("CLEARWAY_DISPATCH_FLEET_FILE",
                Path.of("src/main/resources/demo-fleet.json").toAbsolutePath().toString()));
        harness.registerBin("offline", 1000, 0);
        harness.startService();
        harness.awaitConsumer();
        broker = new MqttConfig(TestInfrastructure.broker().serverUri(), "", "", harness.prefix);
    }

    @AfterAll
    static void stop() throws Exception {
        harness.publishRaw(route(), new byte[0], 1, true);
        harness.close();
    }

    @Test
    void aTruckBackFromOfflineGetsItsNewestRouteAndItsQueuedUpdatesAreAppliedInOrder() throws Exception {
        long job = dispatchedJob("offline");
        String unitId = "unit-" + TRUCK + "-" + UUID.randomUUID().toString().substring(0, 8);
        publishRoute(1, job);

        Unit unit = new Unit(unitId);
        DispatchTestDb.await("route revision 1 on the unit", DispatchHarness.WAIT, () -> unit.newestRevision() == 1);
        unit.session.close();

        publishRoute(2, job);
        List<String> queued = List.of(update("o1", job, "accepted", NOW.plus(Duration.ofMinutes(10))),
                update("o2", job, "arrived", NOW.plus(Duration.ofMinutes(20))),
                update("o3", job, "collected", NOW.plus(Duration.ofMinutes(25))));
        CLOCK.set(NOW.plus(Duration.ofMinutes(30)));

        Unit back = new Unit(unitId);
        DispatchTestDb.await("route revision 2 on the unit back online", DispatchHarness.WAIT,
                () -> back.newestRevision() == 2);
        for (String update : queued) {
            back.session.publish(harness.prefix + "trucks/" + TRUCK + "/updates", update.getBytes(StandardCharsets.UTF_8),
                    1, false).get(10, TimeUnit.SECONDS);
        }
        DispatchTestDb.await("three replies", DispatchHarness.WAIT, () -> back.replies.size() >= 3);
        back.session.close();

        assertThat(back.replies.stream().map(TruckOfflineIT::summary).toList())
                .containsExactly("o1 applied accepted", "o2 applied arrived", "o3 applied collected");
        assertThat(DispatchTestDb.column(harness.db(), "SELECT from_state || '>' || to_state || ' ' || actor || ' ' || at "
                + "FROM job_events WHERE job_id = ? AND actor = ? ORDER BY id", job, TRUCK)).containsExactly(
                "dispatched>accepted truck-n1 2026-11-28 08:10:00+00", "accepted>arrived truck-n1 2026-11-28 08:20:00+00",
                "arrived>collected truck-n1 2026-11-28 08:25:00+00");
    }

    /** A truck's on-board unit: persistent session, subscribed to its route and replies. */
    private static final class Unit {
        final PahoMqttSession session;
        final List<InboundMessage> routes = new CopyOnWriteArrayList<>();
        final List<InboundMessage> replies = new CopyOnWriteArrayList<>();

        Unit(String clientId) throws Exception {
            session = new PahoMqttSession(new MqttClientSettings(broker, clientId, false, Duration.ofHours(1), 100, false,
                    100, Duration.ofSeconds(30), Duration.ofSeconds(1), Duration.ofSeconds(5)));
            session.subscribe(route(), 1, routes::add);
            session.subscribe(harness.prefix + "trucks/" + TRUCK + "/replies", 1, replies::add);
            session.start();
            DispatchTestDb.await("the unit to subscribe", DispatchHarness.WAIT, session::isSubscribed);
        }

        /** The highest revision received (a unit ignores lower ones), 0 for none. */
        int newestRevision() throws Exception {
            int newest = 0;
            for (InboundMessage m : routes) {
                if (m.payload().length > 0) {
                    newest = Math.max(newest, JSON.readTree(m.payload()).get("revision").asInt());
                }
            }
            return newest;
        }
    }

    private static String route() {
        return harness.prefix + "trucks/" + TRUCK + "/route";
    }

    /** Publishes the truck's route, retained, as dispatch does (docs/trucks.md, Route). */
    private static void publishRoute(int revision, long job) throws Exception {
        String json = "{\"version\":1,\"truckId\":\"" + TRUCK + "\",\"shiftDate\":\"2026-11-28\",\"revision\":" + revision
                + ",\"publishedAt\":\"" + CLOCK.instant() + "\",\"stops\":[{\"seq\":1,\"kind\":\"bin\",\"jobId\":" + job
                + ",\"binId\":\"offline\",\"lat\":31.23,\"lon\":121.47,\"stream\":\"residual\",\"priority\":\"normal\","
                + "\"plannedArrival\":\"" + NOW.plus(Duration.ofMinutes(20)) + "\",\"dueAt\":\"" + NOW.plus(Duration.ofDays(1))
                + "\"},{\"seq\":2,\"kind\":\"depot\",\"facilityId\":\"depot-north\",\"lat\":31.271,\"lon\":121.462,"
                + "\"plannedArrival\":\"" + NOW.plus(Duration.ofHours(5)) + "\"}]}";
        harness.publishRaw(route(), json.getBytes(StandardCharsets.UTF_8), 1, true);
    }

    private static String update(String updateId, long job, String event, Instant ts) {
        return "{\"version\":1,\"updateId\":\"" + updateId + "\",\"jobId\":" + job + ",\"event\":\"" + event
                + "\",\"ts\":\"" + ts + "\"}";
    }

    private static String summary(InboundMessage reply) {
        try {
            JsonNode node = JSON.readTree(reply.payload());
            return node.get("updateId").asText() + " " + node.get("status").asText() + " " + node.get("state").asText();
        } catch (java.io.IOException e) {
            throw new AssertionError("a reply that is not JSON", e);
        }
    }

    /** A threshold job for the bin, planned and dispatched to the truck as the planner would. */
    private static long dispatchedJob(String bin) throws Exception {
        harness.publishFills(bin, NOW, 50, 85, 90);
        DispatchTestDb.await("the job of " + bin, DispatchHarness.WAIT, () -> harness.jobs(bin, "threshold") == 1);
        long job = Long.parseLong(DispatchTestDb.column(harness.db(), "SELECT id FROM jobs WHERE bin_id = ?", bin).get(0));
        try (Connection c = harness.db().getConnection()) {
            c.setAutoCommit(false);
            JobStore jobs = new JobStore(CLOCK);
            jobs.transition(c, job, JobState.PLANNED, NOW, "planner", null);
            jobs.assignTruck(c, job, TRUCK);
            jobs.transition(c, job, JobState.DISPATCHED, NOW, "planner", null);
            c.commit();
        }
        return job;
    }
}
