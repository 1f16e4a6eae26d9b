package org.clearway.dispatch.plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;

import org.clearway.dispatch.DispatchTestDb;
import org.clearway.dispatch.app.DispatchService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;

/**
 * Issue 15: a break the driver reported is respected by urgent insertion too, not only by the next full plan. At 10:00
 * (default break, 30 minutes) t-res, the only residual truck, runs a route planned before its driver reported a break
 * started at 09:55. A fire alarm on a residual bin is not inserted into that route during the break: a full plan runs
 * at once and places the job after the break's end, 10:25. Once the break is reported ended, the next fire alarm is
 * inserted at once as usual (cause {@code urgent}). Real PostgreSQL and broker.
 */
@Timeout(value = 4, unit = TimeUnit.MINUTES)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class UrgentDuringBreakIT {
    private static final Instant TEN = PlanHarness.NOW.plusSeconds(2 * 3600);
    private static final Instant BREAK_END = TEN.minusSeconds(300).plus(Duration.ofMinutes(30));

    private static PlanHarness harness;
    private static DispatchService leader;
    private static long routine;

    @BeforeAll
    static void start() throws Exception {
        harness = new PlanHarness("dispatch_urgent_break", Map.of("CLEARWAY_DISPATCH_PLAN_INTERVAL", "1h",
                "CLEARWAY_DISPATCH_PLAN_BUDGET", "5s"));
        harness.clock.set(TEN);
        harness.registerBin("q1", "residual", 31.2500, 121.4700);
        harness.registerBin("f1", "residual", 31.2450, 121.4750);
        harness.registerBin("f2", "residual", 31.2420, 121.4720);
        routine = harness.createJob("q1", Duration.ofHours(20));
        harness.startService();
        leader = harness.awaitLeader();
        harness.awaitAssignment(routine, "dispatched t-res");
        assertThat(harness.awaitLatestReceived("t-res").revision()).isEqualTo(1);
    }

    @AfterAll
    static void stop() throws Exception {
        harness.close();
    }

    private static String update(String id, String event, Instant ts) {
        return "{\"version\":2,\"updateId\":\"" + id + "\",\"event\":\"" + event + "\",\"ts\":\"" + ts + "\"}";
    }

    @Test
    @Order(1)
    void anUrgentJobIsNotInsertedIntoTheRouteOfATruckOnABreakButPlacedAfterIt() throws Exception {
        harness.publishUpdate("t-res", update("res-b1", "break_started", TEN.minusSeconds(300)));
        DispatchTestDb.await("the break stored", PlanHarness.WAIT, () -> DispatchTestDb.count(harness.db(),
                "SELECT count(*) FROM truck_breaks WHERE truck_id = 't-res' AND ended_at IS NULL") == 1);
        assertThat(harness.counter(leader, "clearway.dispatch.plan.runs", null, null)).as("the running plan knows no break")
                .isEqualTo(1);

        harness.publish("f1", PlanHarness.reading(TEN.minusSeconds(5), 30, "fire"));
        long fire = harness.jobOf("f1", "fire_alarm");
        harness.awaitAssignment(fire, "dispatched t-res");

        assertThat(harness.counter(leader, "clearway.dispatch.plan.urgent.insertions", "outcome", "on_break")).isEqualTo(1);
        assertThat(harness.counter(leader, "clearway.dispatch.plan.urgent.insertions", "outcome", "inserted")).isZero();
        assertThat(DispatchTestDb.column(harness.db(), "SELECT cause FROM routes WHERE truck_id = 't-res' ORDER BY revision"))
                .as("a full plan, no urgent revision during the break").containsExactly("plan", "plan");
        JsonNode route = harness.awaitLatestReceived("t-res").message();
        for (JsonNode stop : route.get("stops")) {
            if (stop.has("plannedArrival")) {
                assertThat(Instant.parse(stop.get("plannedArrival").asText())).as("stop %s after the break", stop)
                        .isAfterOrEqualTo(BREAK_END);
            }
        }
    }

    @Test
    @Order(2)
    void onceTheBreakHasEndedAnUrgentJobIsInsertedAtOnce() throws Exception {
        harness.publishUpdate("t-res", update("res-b2", "break_ended", TEN));
        DispatchTestDb.await("the break ended", PlanHarness.WAIT, () -> DispatchTestDb.count(harness.db(),
                "SELECT count(*) FROM truck_breaks WHERE truck_id = 't-res' AND ended_at IS NULL") == 0);
        harness.publish("f2", PlanHarness.reading(TEN.minusSeconds(4), 30, "fire"));
        long fire = harness.jobOf("f2", "fire_alarm");
        harness.awaitAssignment(fire, "dispatched t-res");
        DispatchTestDb.await("the insertion counted", PlanHarness.WAIT, () -> harness.counter(leader,
                "clearway.dispatch.plan.urgent.insertions", "outcome", "inserted") == 1);
        assertThat(DispatchTestDb.column(harness.db(), "SELECT cause FROM routes WHERE truck_id = 't-res' ORDER BY revision"))
                .containsExactly("plan", "plan", "urgent");
    }
}
