package org.clearway.dispatch.plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.clearway.dispatch.DispatchTestDb;
import org.clearway.dispatch.app.DispatchService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * A fire alarm while the routes are running: the urgent job is put on the best running route at once (a new
 * revision, cause {@code urgent}), without waiting for the next plan (an hour away here). Prints the latency from
 * the reading's publication to the route message's arrival.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class UrgentInsertionIT {

    private static PlanHarness harness;
    private static DispatchService leader;
    private static long r1;
    private static long r2;

    @BeforeAll
    static void start() throws Exception {
        harness = new PlanHarness("dispatch_urgent", Map.of("CLEARWAY_DISPATCH_PLAN_INTERVAL", "1h"));
        harness.registerBin("r1", "residual", 31.2500, 121.4700);
        harness.registerBin("r2", "residual", 31.2400, 121.4800);
        harness.registerBin("f1", "residual", 31.2450, 121.4750);
        harness.registerBin("f2", "recyclable", 31.2550, 121.4650);
        harness.registerBin("f3", "residual", 31.2420, 121.4720);
        r1 = harness.createJob("r1", Duration.ofHours(20));
        r2 = harness.createJob("r2", Duration.ofHours(20));
        harness.startService();
        leader = harness.awaitLeader();
        harness.awaitAssignment(r1, "dispatched t-res");
        harness.awaitAssignment(r2, "dispatched t-res");
        assertThat(harness.awaitLatestReceived("t-res").revision()).isEqualTo(1);
    }

    @AfterAll
    static void stop() throws Exception {
        harness.close();
    }

    @Test
    @Order(1)
    void aFireAlarmJobIsInsertedIntoTheRunningRouteAtOnce() throws Exception {
        long published = System.nanoTime();
        harness.publish("f1", PlanHarness.reading(PlanHarness.NOW.minusSeconds(5), 30, "fire"));
        long fire = harness.jobOf("f1", "fire_alarm");
        harness.awaitAssignment(fire, "dispatched t-res");
        PlanHarness.Received route = harness.awaitLatestReceived("t-res");
        System.out.printf("Urgent insertion: fire reading published -> route revision %d received in %.1f ms%n",
                route.revision(), (route.atNanos() - published) / 1e6);

        assertThat(route.revision()).isEqualTo(2);
        assertThat(route.jobIds()).containsExactlyInAnyOrder(r1, r2, fire);
        assertThat(DispatchTestDb.column(harness.db(), "SELECT cause FROM routes WHERE truck_id = 't-res' ORDER BY revision"))
                .containsExactly("plan", "urgent");
        assertThat(route.message().get("stops").findValues("priority").stream().map(p -> p.asText()).toList())
                .contains("urgent");
        assertThat(DispatchTestDb.column(harness.db(), "SELECT coalesce(from_state, '-') || '>' || to_state || ' ' || actor "
                + "FROM job_events WHERE job_id = ? ORDER BY id", fire))
                .containsExactly("->open engine", "open>planned planner", "planned>dispatched planner");
        assertThat(harness.counter(leader, "clearway.dispatch.plan.urgent.insertions", "outcome", "inserted")).isEqualTo(1);
        assertThat(harness.counter(leader, "clearway.dispatch.plan.runs", null, null)).as("no full plan ran meanwhile")
                .isEqualTo(1);
    }

    @Test
    @Order(2)
    void anUrgentJobOfAStreamNoRouteCarriesGoesToAnIdleTruck() throws Exception {
        harness.publish("f2", PlanHarness.reading(PlanHarness.NOW.minusSeconds(5), 30, "fire"));
        long fire = harness.jobOf("f2", "fire_alarm");
        harness.awaitAssignment(fire, "dispatched t-rec");
        assertThat(harness.awaitLatestReceived("t-rec").jobIds()).containsExactly(fire);
    }

    @Test
    @Order(3)
    void repeatedFireAlarmsGiveLatencyFigures() throws Exception {
        List<Double> millis = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            String bin = "fx" + i;
            harness.registerBin(bin, "residual", 31.2400 + i * 0.002, 121.4600 + i * 0.003);
            int before = harness.storedRevisions().get("t-res");
            double inserted = harness.counter(leader, "clearway.dispatch.plan.urgent.insertions", "outcome", "inserted");
            long published = System.nanoTime();
            harness.publish(bin, PlanHarness.reading(PlanHarness.NOW.minusSeconds(5), 30, "fire"));
            long fire = harness.jobOf(bin, "fire_alarm");
            DispatchTestDb.await("fire job " + fire + " on a route", PlanHarness.WAIT,
                    () -> harness.routes.stream().anyMatch(r -> r.jobIds().contains(fire)));
            PlanHarness.Received route = harness.routes.stream().filter(r -> r.jobIds().contains(fire)).findFirst()
                    .orElseThrow();
            millis.add((route.atNanos() - published) / 1e6);
            assertThat(route.revision()).isEqualTo(before + 1);
            assertThat(harness.assignment(fire)).isEqualTo("dispatched t-res");
            DispatchTestDb.await("the insertion counted", PlanHarness.WAIT, () -> harness.counter(leader,
                    "clearway.dispatch.plan.urgent.insertions", "outcome", "inserted") == inserted + 1);
        }
        System.out.println("Urgent insertion latencies, reading published -> route received (ms): " + millis);
        assertThat(harness.counter(leader, "clearway.dispatch.plan.runs", null, null)).as("no full plan ran meanwhile")
                .isEqualTo(1);
    }
}
