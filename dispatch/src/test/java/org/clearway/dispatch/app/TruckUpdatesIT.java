package org.clearway.dispatch.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.clearway.core.mqtt.InboundMessage;
import org.clearway.dispatch.DispatchTestDb;
import org.clearway.core.job.JobState;
import org.clearway.dispatch.plan.PlanSnapshot;
import org.clearway.dispatch.plan.PlanStore;
import org.clearway.dispatch.plan.RouteMessage;
import org.clearway.dispatch.store.JobStore;
import org.clearway.dispatch.store.Json;
import org.clearway.testsupport.FakeClock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Trucks report on their jobs over MQTT; the service moves the jobs by the state machine, with events, records what
 * was collected, and answers every update.
 */
class TruckUpdatesIT {

    private static final Instant NOW = Instant.parse("2026-11-28T08:00:00Z");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static DispatchHarness harness;
    private static final FakeClock CLOCK = FakeClock.at(NOW);

    @BeforeAll
    static void start() throws Exception {
        harness = new DispatchHarness("dispatch_trucks", CLOCK, Map.of("CLEARWAY_DISPATCH_FLEET_FILE",
                Path.of("src/main/resources/demo-fleet.json").toAbsolutePath().toString()));
        for (String bin : List.of("collected", "skipped", "declined", "rejections", "load-1", "load-2")) {
            harness.registerBin(bin, 1000, 0);
        }
        harness.startService();
        harness.awaitConsumer();
    }

    @AfterAll
    static void stop() {
        harness.close();
    }

    @Test
    void aJobIsAcceptedReachedAndCollectedAndTheCollectionIsRecorded() throws Exception {
        long job = dispatchedJob("collected", "truck-n1");

        assertThat(update("truck-n1", "u1", job, "accepted", NOW.plusSeconds(10), "")).isEqualTo("applied accepted");
        assertThat(update("truck-n1", "u1", job, "accepted", NOW.plusSeconds(10), "")).isEqualTo("duplicate accepted");
        assertThat(update("truck-n1", "u2", job, "arrived", NOW.plusSeconds(120), "")).isEqualTo("applied arrived");
        assertThat(update("truck-n1", "u3", job, "collected", NOW.plusSeconds(180), ",\"weightKg\":38.5,\"volumeL\":220"))
                .isEqualTo("applied collected");

        assertThat(DispatchTestDb.column(harness.db(), "SELECT coalesce(from_state, '-') || '>' || to_state || ' ' || actor "
                + "FROM job_events WHERE job_id = ? ORDER BY id", job)).containsExactly("->open engine",
                "open>planned planner", "planned>dispatched planner", "dispatched>accepted truck-n1",
                "accepted>arrived truck-n1", "arrived>collected truck-n1");
        assertThat(DispatchTestDb.column(harness.db(), "SELECT collected_weight_kg || ' ' || collected_volume_l FROM jobs "
                + "WHERE id = ?", job)).containsExactly("38.5 220");
        assertThat(DispatchTestDb.column(harness.db(), "SELECT bin_id || ' ' || stream || ' ' || zone_id || ' ' || weight_kg "
                + "|| ' ' || (collected_at = ?::timestamptz) FROM collections WHERE job_id = ?",
                NOW.plusSeconds(180).toString(), job)).containsExactly("collected residual c1 38.5 true");
    }

    @Test
    void aSkippedCollectionReArmsTheBinSoThatItAsksAgain() throws Exception {
        long job = dispatchedJob("skipped", "truck-n1");
        assertThat(update("truck-n1", "s1", job, "accepted", NOW.plusSeconds(10), "")).isEqualTo("applied accepted");
        assertThat(update("truck-n1", "s2", job, "skipped", NOW.plusSeconds(20), ",\"reason\":\"a parked car blocks the bin\""))
                .isEqualTo("applied skipped");

        harness.publish("skipped", DispatchHarness.reading(NOW.plusSeconds(60), 93));
        DispatchTestDb.await("a new threshold job", DispatchHarness.WAIT, () -> harness.jobs("skipped", "threshold") == 2);
        assertThat(DispatchTestDb.column(harness.db(), "SELECT reason FROM job_events WHERE job_id = ? AND to_state = 'skipped'",
                job)).containsExactly("a parked car blocks the bin");
    }

    @Test
    void aDeclinedJobIsOpenAndUnassignedAgain() throws Exception {
        long job = dispatchedJob("declined", "truck-s1");
        assertThat(update("truck-s1", "d1", job, "declined", NOW.plusSeconds(10), ",\"reason\":\"truck full\""))
                .isEqualTo("applied open");

        assertThat(DispatchTestDb.column(harness.db(), "SELECT state || ' ' || coalesce(truck_id, 'none') FROM jobs WHERE id = ?",
                job)).containsExactly("open none");
    }

    @Test
    void updatesTheStateMachineOrTheFleetDoNotAllowAreRejectedAndChangeNothing() throws Exception {
        long job = dispatchedJob("rejections", "truck-n2");

        assertThat(update("truck-s2", "r1", job, "accepted", NOW.plusSeconds(10), ""))
                .isEqualTo("rejected dispatched job " + job + " is not assigned to truck truck-s2");
        assertThat(update("no-such-truck", "r2", job, "accepted", NOW.plusSeconds(10), ""))
                .isEqualTo("rejected null there is no truck no-such-truck");
        assertThat(update("truck-n2", "r3", job, "arrived", NOW.plusSeconds(10), ""))
                .startsWith("rejected dispatched job " + job + " is DISPATCHED and cannot move to ARRIVED");
        assertThat(update("truck-n2", "r4", job, "skipped", NOW.plusSeconds(10), ""))
                .isEqualTo("rejected null a skipped update needs a reason");
        assertThat(update("truck-n2", "r5", job, "verified", NOW.plusSeconds(10), ""))
                .startsWith("rejected null event must be one of");
        assertThat(update("truck-n2", "r6", job, "accepted", NOW.plus(Duration.ofHours(1)), ""))
                .contains("ahead of the server's clock");
        assertThat(update("truck-n2", "r7", job + 1000, "accepted", NOW.plusSeconds(10), ""))
                .isEqualTo("rejected null there is no job " + (job + 1000));
        assertThat(send("truck-n2", "r8", "{\"version\":1,\"updateId\":\"r8\",\"jobId\":\"x\"}"))
                .isEqualTo("rejected null jobId must be a positive whole number");

        assertThat(DispatchTestDb.count(harness.db(), "SELECT count(*) FROM job_events WHERE job_id = ?", job)).isEqualTo(3);
        assertThat(harness.counter(harness.services.get(0), "clearway.dispatch.truck.updates", "status", "rejected"))
                .isGreaterThanOrEqualTo(8);
    }

    /** A threshold job for the bin, planned and dispatched to the truck as the planner would. */
    @Test
    void theLoadOnBoardIsAtMostWhatTheTruckLastReportedPlusWhatItCollectedSince() throws Exception {
        long first = dispatchedJob("load-1", "truck-s1");
        long second = dispatchedJob("load-2", "truck-s1");
        assertThat(update("truck-s1", "l1", first, "accepted", NOW.plusSeconds(10), "")).isEqualTo("applied accepted");
        assertThat(update("truck-s1", "l2", second, "accepted", NOW.plusSeconds(10), "")).isEqualTo("applied accepted");
        assertThat(update("truck-s1", "l5", first, "arrived", NOW.plusSeconds(20), "")).isEqualTo("applied arrived");
        assertThat(update("truck-s1", "l3", first, "collected", NOW.plusSeconds(60), ",\"weightKg\":1350,\"volumeL\":9000"))
                .isEqualTo("applied collected");
        // the truck unloads; its position with the empty body (loadPct 0) is lost (QoS 0)
        assertThat(update("truck-s1", "l6", second, "arrived", NOW.plusSeconds(180), "")).isEqualTo("applied arrived");
        assertThat(update("truck-s1", "l4", second, "collected", NOW.plusSeconds(200), ",\"weightKg\":270,\"volumeL\":1800"))
                .isEqualTo("applied collected");
        String position = "{\"version\":1,\"ts\":\"" + NOW.plusSeconds(250) + "\",\"lat\":31.2301,\"lon\":121.4702,"
                + "\"loadPct\":10}";
        harness.publishRaw(harness.prefix + "trucks/truck-s1/position", position.getBytes(StandardCharsets.UTF_8), 0, false);
        DispatchTestDb.await("the position of truck-s1", DispatchHarness.WAIT, () -> DispatchTestDb.count(harness.db(),
                "SELECT count(*) FROM truck_positions WHERE truck_id = 'truck-s1'") == 1);

        PlanSnapshot.OnBoard summed;
        try (Connection c = harness.db().getConnection()) {
            summed = new PlanStore(new RouteMessage(Json.mapper())).onBoard(c, NOW.truncatedTo(ChronoUnit.DAYS))
                    .get("truck-s1");
        }
        assertThat(summed.volumeL()).as("both collections: no empty body reported between them").isEqualTo(10_800);
        assertThat(summed.reportedPct()).isEqualTo(10.0);
        PlanSnapshot.OnBoard onBoard = summed.capped(18_000, 9_000);
        assertThat(onBoard.volumeL()).as("10 % of 18,000 l, nothing collected after the position").isEqualTo(1_800);
        assertThat(onBoard.weightKg()).as("10 % of 9,000 kg bounds the 1,620 kg summed").isEqualTo(900);
    }

    private static long dispatchedJob(String bin, String truck) throws Exception {
        harness.publishFills(bin, NOW.minus(Duration.ofMinutes(30)), 50, 85, 90);
        DispatchTestDb.await("the job of " + bin, DispatchHarness.WAIT, () -> harness.jobs(bin, "threshold") == 1);
        long job = Long.parseLong(DispatchTestDb.column(harness.db(), "SELECT id FROM jobs WHERE bin_id = ?", bin).get(0));
        JobStore jobs = new JobStore(CLOCK);
        try (Connection c = harness.db().getConnection()) {
            c.setAutoCommit(false);
            jobs.transition(c, job, JobState.PLANNED, NOW, "planner", null);
            jobs.assignTruck(c, job, truck);
            jobs.transition(c, job, JobState.DISPATCHED, NOW, "planner", null);
            c.commit();
        }
        return job;
    }

    /** Sends an update and returns the reply as "status state" or "status state detail". */
    private static String update(String truck, String updateId, long job, String event, Instant ts, String extra)
            throws Exception {
        return send(truck, updateId, "{\"version\":1,\"updateId\":\"" + updateId + "\",\"jobId\":" + job
                + ",\"event\":\"" + event + "\",\"ts\":\"" + ts + "\"" + extra + "}");
    }

    private static String send(String truck, String updateId, String payload) throws Exception {
        int before = repliesTo(updateId).size();
        harness.publishRaw(harness.prefix + "trucks/" + truck + "/updates", payload.getBytes(StandardCharsets.UTF_8));
        DispatchTestDb.await("the reply to " + updateId, DispatchHarness.WAIT, () -> repliesTo(updateId).size() > before);
        List<InboundMessage> replies = repliesTo(updateId);
        JsonNode reply = JSON.readTree(replies.get(replies.size() - 1).payload());
        String text = reply.get("status").asText() + " " + reply.get("state").asText();
        return reply.get("detail").isNull() ? text : text + " " + reply.get("detail").asText();
    }

    private static List<InboundMessage> repliesTo(String updateId) {
        return harness.truckReplies.stream().filter(m -> updateIdOf(m).equals(updateId)).toList();
    }

    private static String updateIdOf(InboundMessage message) {
        try {
            return JSON.readTree(message.payload()).path("updateId").asText("");
        } catch (java.io.IOException e) {
            return "";
        }
    }
}
