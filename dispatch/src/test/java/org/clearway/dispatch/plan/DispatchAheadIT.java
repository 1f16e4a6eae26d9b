package org.clearway.dispatch.plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.clearway.dispatch.DispatchTestDb;
import org.junit.jupiter.api.Test;

/**
 * {@code CLEARWAY_DISPATCH_PLAN_DISPATCH_AHEAD}: plans made before a truck's shift put its jobs on it as planned and
 * publish nothing, so that they stay free to change; the first plan from that long before the shift dispatches them
 * and publishes the route.
 */
class DispatchAheadIT {

    @Test
    void aTruckGetsItsRouteOnlyFromDispatchAheadBeforeItsShiftAndItsJobsArePlannedUntilThen() throws Exception {
        try (PlanHarness harness = new PlanHarness("dispatch_ahead", Map.of("CLEARWAY_DISPATCH_PLAN_INTERVAL", "1s",
                "CLEARWAY_DISPATCH_PLAN_DISPATCH_AHEAD", "30m", "CLEARWAY_DISPATCH_BREAK", "off"))) {
            harness.clock.set(Instant.parse("2026-11-28T04:00:00Z"));  // the shift is 06:00-14:00 UTC
            harness.registerBin("r1", "residual", 31.2500, 121.4700);
            harness.registerBin("r2", "residual", 31.2400, 121.4800);
            harness.startService();
            harness.awaitLeader();
            long r1 = harness.createJob("r1", Duration.ofHours(20));
            harness.awaitAssignment(r1, "planned t-res");
            long r2 = harness.createJob("r2", Duration.ofHours(20));
            harness.awaitAssignment(r2, "planned t-res");
            Thread.sleep(1500);  // another plan or two at 04:00

            assertThat(harness.assignment(r1)).isEqualTo("planned t-res");
            assertThat(DispatchTestDb.count(harness.db(), "SELECT count(*) FROM routes")).as("no route before 05:30")
                    .isZero();
            assertThat(harness.routes).isEmpty();

            harness.clock.set(Instant.parse("2026-11-28T05:30:00Z"));
            harness.awaitAssignment(r1, "dispatched t-res");
            harness.awaitAssignment(r2, "dispatched t-res");
            PlanHarness.Received route = harness.awaitLatestReceived("t-res");
            assertThat(route.revision()).as("the first route of the day").isEqualTo(1);
            assertThat(route.jobIds()).containsExactlyInAnyOrder(r1, r2);
            assertThat(DispatchTestDb.column(harness.db(), "SELECT coalesce(from_state, '-') || '>' || to_state || ' ' "
                    + "|| actor FROM job_events WHERE job_id = ? ORDER BY id", r1))
                    .containsExactly("->open engine", "open>planned planner", "planned>dispatched planner");
        }
    }
}
