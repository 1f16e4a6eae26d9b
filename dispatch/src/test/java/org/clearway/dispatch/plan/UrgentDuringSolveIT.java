package org.clearway.dispatch.plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;

import org.clearway.dispatch.DispatchTestDb;
import org.clearway.dispatch.app.DispatchService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A full plan takes its whole budget (6 s here); a fire alarm during it is inserted at once all the same, and the
 * plan, stale by then, is thrown away and made again.
 */
class UrgentDuringSolveIT {

    private static PlanHarness harness;
    private static DispatchService leader;

    @BeforeAll
    static void start() throws Exception {
        harness = new PlanHarness("dispatch_urgent_solve", Map.of("CLEARWAY_DISPATCH_PLAN_INTERVAL", "2s",
                "CLEARWAY_DISPATCH_PLAN_BUDGET", "6s",
                // the solve must still run 3 s in: a plan of three jobs would otherwise end in milliseconds
                "CLEARWAY_DISPATCH_PLAN_EARLY_STOP", "false"));
        harness.registerBin("r1", "residual", 31.2500, 121.4700);
        harness.registerBin("k1", "kitchen", 31.2450, 121.4900);
        harness.registerBin("f1", "residual", 31.2450, 121.4750);
        long r1 = harness.createJob("r1", Duration.ofHours(20));
        harness.startService();
        leader = harness.awaitLeader();
        harness.awaitAssignment(r1, "dispatched t-res");
    }

    @AfterAll
    static void stop() throws Exception {
        harness.close();
    }

    @Test
    void aFireAlarmDuringASolveIsInsertedAtOnceAndTheStalePlanIsMadeAgain() throws Exception {
        harness.fillUp("k1");
        long k1 = harness.jobOf("k1", "threshold");
        // the next plan starts within 2 s of the job and solves for 6 s: 3 s after the job, it is solving
        Thread.sleep(3_000);
        long published = System.nanoTime();
        harness.publish("f1", PlanHarness.reading(PlanHarness.NOW.minusSeconds(5), 30, "fire"));
        long fire = harness.jobOf("f1", "fire_alarm");
        DispatchTestDb.await("the fire job on a route", PlanHarness.WAIT,
                () -> harness.routes.stream().anyMatch(r -> r.jobIds().contains(fire)));
        long received = harness.routes.stream().filter(r -> r.jobIds().contains(fire)).findFirst().orElseThrow().atNanos();
        String kitchenThen = harness.assignment(k1);
        System.out.printf("Urgent insertion during a solve: reading published -> route received in %.1f ms%n",
                (received - published) / 1e6);

        assertThat(kitchenThen).as("the plan that would place k1 was still being solved").isEqualTo("open -");
        assertThat(harness.assignment(fire)).isEqualTo("dispatched t-res");
        harness.awaitAssignment(k1, "dispatched t-kit");
        assertThat(harness.counter(leader, "clearway.dispatch.plan.runs", "outcome", "superseded")).isEqualTo(1);
        assertThat(harness.assignment(fire)).as("the plan made again keeps the fire job").isEqualTo("dispatched t-res");
        assertThat(harness.awaitLatestReceived("t-res").jobIds()).contains(fire);
    }
}
