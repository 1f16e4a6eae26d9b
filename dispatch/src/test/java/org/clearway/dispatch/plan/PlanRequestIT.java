package org.clearway.dispatch.plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.clearway.dispatch.DispatchTestDb;
import org.clearway.dispatch.app.DispatchService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * "Plan again now" (issue 15): with the plan interval at an hour, a new job waits for the next plan; a request written
 * to {@code plan_requests}, as the API's {@code POST /plan-requests} writes it, makes the leader plan at its next poll
 * and marks the request handled.
 */
@Timeout(180)
class PlanRequestIT {
    private static PlanHarness harness;
    private static DispatchService leader;

    @BeforeAll
    static void start() throws Exception {
        harness = new PlanHarness("dispatch_plan_request", Map.of("CLEARWAY_DISPATCH_PLAN_INTERVAL", "1h",
                "CLEARWAY_DISPATCH_PLAN_BUDGET", "5s"));
        harness.registerBin("q1", "residual", 31.2500, 121.4700);
        harness.startService();
        leader = harness.awaitLeader();
        DispatchTestDb.await("the term's first plan", PlanHarness.WAIT,
                () -> harness.counter(leader, "clearway.dispatch.plan.runs", null, null) >= 1);
    }

    @AfterAll
    static void stop() throws Exception {
        harness.close();
    }

    @Test
    void aRequestInTheDatabaseMakesTheLeaderPlanAtOnce() throws Exception {
        long job = harness.createJob("q1", Duration.ofHours(4));
        double runs = harness.counter(leader, "clearway.dispatch.plan.runs", null, null);
        Thread.sleep(2000);
        assertThat(harness.assignment(job)).as("no plan before the hour is up").isEqualTo("open -");
        assertThat(harness.counter(leader, "clearway.dispatch.plan.runs", null, null)).isEqualTo(runs);

        try (var c = harness.db().getConnection(); var ps = c.prepareStatement(
                "INSERT INTO plan_requests (requested_at, requested_by, zone_id) VALUES (now(), 'token:0123456789ab', 's1')")) {
            ps.execute();
        }
        DispatchTestDb.await("a plan run after the request", PlanHarness.WAIT,
                () -> harness.counter(leader, "clearway.dispatch.plan.runs", null, null) > runs);
        harness.awaitAssignment(job, "dispatched t-res");
        assertThat(DispatchTestDb.count(harness.db(), "SELECT count(*) FROM plan_requests WHERE handled_at IS NULL"))
                .isZero();
        assertThat(DispatchTestDb.column(harness.db(), "SELECT handled_by FROM plan_requests")).containsExactly("dispatch");
    }
}
