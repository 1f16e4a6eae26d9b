package org.clearway.dispatch.plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import com.fasterxml.jackson.databind.JsonNode;

import org.clearway.core.mqtt.PahoMqttSession;
import org.clearway.dispatch.DispatchTestDb;
import org.clearway.dispatch.app.DispatchService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Readings become jobs, the leader plans them onto the trucks every two seconds, and the trucks' units receive
 * their routes retained on {@code trucks/{id}/route}, matching the jobs table. The tests build on each other.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RoutePlanningIT {

    private static PlanHarness harness;
    private static DispatchService leader;

    @BeforeAll
    static void start() throws Exception {
        harness = new PlanHarness("dispatch_plan", Map.of("CLEARWAY_DISPATCH_PLAN_INTERVAL", "2s",
                "CLEARWAY_DISPATCH_BREAK", "10m", "CLEARWAY_DISPATCH_BREAK_WINDOW", "08:00-08:15"));
        harness.registerBin("r1", "residual", 31.2500, 121.4700);
        harness.registerBin("r2", "residual", 31.2400, 121.4800);
        harness.registerBin("r3", "residual", 31.2350, 121.4650);
        harness.registerBin("k1", "kitchen", 31.2450, 121.4900);
        harness.registerBin("k2", "kitchen", 31.2550, 121.4750);
        harness.registerBin("y1", "recyclable", 31.2600, 121.4850);
        harness.registerBin("h1", "hazardous", 31.2500, 121.4950);
        harness.registerBin("r4", "residual", 31.2650, 121.4550);
        harness.registerBin("r5", "residual", 31.2300, 121.4400);
        harness.startService();
        leader = harness.awaitLeader();
    }

    @AfterAll
    static void stop() throws Exception {
        harness.close();
    }

    @Test
    @Order(1)
    void jobsCreatedByReadingsArePlannedOntoTrucksAndTheirRoutesPublishedRetained() throws Exception {
        for (String bin : List.of("r1", "r2", "r3", "k1", "y1", "h1")) {
            harness.fillUp(bin);
        }
        long r1 = harness.jobOf("r1", "threshold");
        long r2 = harness.jobOf("r2", "threshold");
        long r3 = harness.jobOf("r3", "threshold");
        long k1 = harness.jobOf("k1", "threshold");
        long y1 = harness.jobOf("y1", "threshold");
        long h1 = harness.jobOf("h1", "threshold");
        for (long job : List.of(r1, r2, r3)) {
            harness.awaitAssignment(job, "dispatched t-res");
        }
        harness.awaitAssignment(k1, "dispatched t-kit");
        harness.awaitAssignment(y1, "dispatched t-rec");

        for (String truck : List.of("t-res", "t-kit", "t-rec")) {
            PlanHarness.Received route = harness.awaitLatestReceived(truck);
            assertThat(route.jobIds()).as("the route of " + truck + " lists exactly its dispatched jobs")
                    .containsExactlyInAnyOrderElementsOf(harness.jobsOnTruck(truck));
            JsonNode message = route.message();
            assertThat(message.get("version").asInt()).isEqualTo(1);
            assertThat(message.get("shiftDate").asText()).isEqualTo("2026-11-28");
            JsonNode stops = message.get("stops");
            assertThat(stops.get(stops.size() - 1).get("kind").asText()).isEqualTo("depot");
            assertThat(stops.get(stops.size() - 1).get("facilityId").asText()).isEqualTo("depot-a");
            int seq = 1;
            int onBoard = 0;
            for (JsonNode stop : stops) {
                assertThat(stop.get("seq").asInt()).isEqualTo(seq++);
                onBoard = stop.get("kind").asText().equals("bin") ? onBoard + 1 : 0;
                assertThat(onBoard).as("500 l a load, 240 l a bin").isLessThanOrEqualTo(2);
            }
        }
        assertThat(harness.latest("t-res").message().toString()).contains("\"kind\":\"unload\"", "\"facilityId\":\"transfer-x\"");
        for (JsonNode stop : harness.latest("t-res").message().get("stops")) {
            if (stop.get("kind").asText().equals("break")) {
                assertThat(Instant.parse(stop.get("plannedStart").asText())).as("the driver's break, inside its window")
                        .isBetween(Instant.parse("2026-11-28T08:00:00Z"), Instant.parse("2026-11-28T08:15:00Z"));
                assertThat(stop.get("minutes").asInt()).isEqualTo(10);
            }
        }
        assertThat(harness.latest("t-res").message().toString()).as("one break on the route").containsOnlyOnce("\"kind\":\"break\"");
        assertThat(harness.assignment(h1)).as("no active truck takes hazardous waste").isEqualTo("open -");
        assertThat(DispatchTestDb.column(harness.db(), "SELECT coalesce(from_state, '-') || '>' || to_state || ' ' || actor "
                + "FROM job_events WHERE job_id = ? ORDER BY id", r1))
                .containsExactly("->open engine", "open>planned planner", "planned>dispatched planner");
        DispatchTestDb.await("every newest route acknowledged by the broker", PlanHarness.WAIT, () -> DispatchTestDb.count(
                harness.db(), "SELECT count(*) FROM routes r WHERE announced_at IS NULL AND revision = "
                        + "(SELECT max(revision) FROM routes n WHERE n.truck_id = r.truck_id)") == 0);
        assertThat(DispatchTestDb.column(harness.db(), "SELECT DISTINCT cause FROM routes")).containsExactly("plan");
        assertThat(harness.counter(leader, "clearway.dispatch.plan.runs", "outcome", "ok")).isGreaterThanOrEqualTo(1);
        assertThat(harness.counter(leader, "clearway.dispatch.plan.jobs.planned", null, null)).isGreaterThanOrEqualTo(5);
    }

    @Test
    @Order(2)
    void aReconnectingUnitGetsTheNewestRevisionRetained() throws Exception {
        Map<String, Integer> stored = harness.storedRevisions();
        List<PlanHarness.Received> got = new CopyOnWriteArrayList<>();
        PahoMqttSession late = harness.subscriber("late-unit-" + harness.clientId, got);
        try {
            DispatchTestDb.await("the retained routes", PlanHarness.WAIT,
                    () -> got.stream().map(PlanHarness.Received::truckId).distinct().count() == stored.size());
            for (PlanHarness.Received route : got) {
                assertThat(route.revision()).as("retained revision of " + route.truckId())
                        .isEqualTo(stored.get(route.truckId()));
                assertThat(route.jobIds()).containsExactlyInAnyOrderElementsOf(harness.jobsOnTruck(route.truckId()));
            }
        } finally {
            late.close();
        }
    }

    @Test
    @Order(3)
    void aReplanBumpsTheRevisionOfTheChangedTruckOnly() throws Exception {
        Map<String, Integer> before = harness.storedRevisions();
        harness.fillUp("k2");
        long k2 = harness.jobOf("k2", "threshold");
        harness.awaitAssignment(k2, "dispatched t-kit");
        double runs = harness.counter(leader, "clearway.dispatch.plan.runs", null, null);
        DispatchTestDb.await("two more plan runs", PlanHarness.WAIT,
                () -> harness.counter(leader, "clearway.dispatch.plan.runs", null, null) >= runs + 2);

        Map<String, Integer> after = harness.storedRevisions();
        assertThat(after.get("t-kit")).isEqualTo(before.get("t-kit") + 1);
        assertThat(after.get("t-res")).isEqualTo(before.get("t-res"));
        assertThat(after.get("t-rec")).isEqualTo(before.get("t-rec"));
        assertThat(harness.awaitLatestReceived("t-kit").jobIds()).containsExactlyInAnyOrderElementsOf(
                harness.jobsOnTruck("t-kit"));
        assertThat(harness.counter(leader, "clearway.dispatch.plan.runs", "outcome", "unchanged")).isPositive();
    }

    @Test
    @Order(4)
    void aJobTheTruckDeclinedGoesBackOntoARouteAndOffTheOldOneWhenItCannotReturn() throws Exception {
        // the kitchen truck is taken out of service: its jobs go back to open and its route is withdrawn
        List<Long> kitchen = new ArrayList<>(harness.jobsOnTruck("t-kit"));
        int revision = harness.storedRevisions().get("t-kit");
        DispatchTestDb.count(harness.db(), "WITH u AS (UPDATE trucks SET status = 'maintenance' WHERE id = 't-kit' "
                + "RETURNING 1) SELECT count(*) FROM u");
        for (long job : kitchen) {
            harness.awaitAssignment(job, "open -");
        }
        PlanHarness.Received withdrawn = harness.awaitLatestReceived("t-kit");
        assertThat(withdrawn.revision()).isEqualTo(revision + 1);
        assertThat(withdrawn.message().get("stops")).isEmpty();
        assertThat(DispatchTestDb.column(harness.db(), "SELECT reason FROM job_events WHERE job_id = ? AND to_state = 'open' "
                + "AND actor = 'planner'", kitchen.get(0))).containsExactly("left out of the plan of truck t-kit");
    }

    @Test
    @Order(5)
    void aJobTheTruckAcceptedStaysOnItFirstOnItsRouteWhenTheRouteIsPlannedAgain() throws Exception {
        List<Long> residual = harness.jobsOnTruck("t-res");
        long accepted = residual.get(residual.size() - 1);
        harness.publishUpdate("t-res", "{\"version\":1,\"updateId\":\"acc-1\",\"jobId\":" + accepted
                + ",\"event\":\"accepted\",\"ts\":\"" + PlanHarness.NOW.plusSeconds(10) + "\"}");
        harness.awaitAssignment(accepted, "accepted t-res");
        harness.fillUp("r4");
        long r4 = harness.jobOf("r4", "threshold");
        harness.awaitAssignment(r4, "dispatched t-res");

        PlanHarness.Received route = harness.awaitLatestReceived("t-res");
        assertThat(route.jobIds().get(0)).as("the accepted job comes first").isEqualTo(accepted);
        assertThat(route.jobIds()).containsExactlyInAnyOrderElementsOf(harness.jobsOnTruck("t-res")).contains(r4);
        assertThat(DispatchTestDb.count(harness.db(), "SELECT count(*) FROM job_events WHERE job_id = ? AND actor = 'planner' "
                + "AND at > (SELECT at FROM job_events WHERE job_id = ? AND to_state = 'accepted')", accepted, accepted))
                .as("the planner never moves an accepted job").isZero();
    }

    @Test
    @Order(6)
    void anOpenJobADispatcherGaveToATruckIsDispatchedToThatTruckAfterTheJobsItTook() throws Exception {
        long accepted = harness.jobsOnTruck("t-res").stream().filter(id -> {
            try {
                return harness.assignment(id).startsWith("accepted");
            } catch (java.sql.SQLException e) {
                throw new IllegalStateException(e);
            }
        }).findFirst().orElseThrow();
        long given = harness.createJob("r5", Duration.ofHours(20), "t-res");
        harness.awaitAssignment(given, "dispatched t-res");

        PlanHarness.Received route = harness.awaitLatestReceived("t-res");
        assertThat(route.jobIds().subList(0, 2)).containsExactly(accepted, given);
    }
}
