package org.clearway.dispatch.plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.clearway.dispatch.DispatchTestDb;
import org.clearway.dispatch.app.DispatchService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Issue 11: a standby that takes over is back at full speed on telemetry at once, and its first route plan (a real
 * plan with a long solver budget) starts alongside, once the readings the dead leader left in the broker session are
 * handled: the first reading within 2 s of the lock, while that plan is still being solved, and the plan includes
 * the job those waiting readings asked for.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class TakeoverDuringPlanIT {
    /** The new leader's first plan solves this long: far longer than the takeover may take. */
    private static final String SLOW_BUDGET = "8s";
    private static final Duration TO_FULL_SPEED = Duration.ofSeconds(2);
    private static final int WAITING_BINS = 150;

    private PlanHarness harness;

    @AfterEach
    void close() throws Exception {
        if (harness != null) {
            harness.close();
        }
    }

    @Test
    void theNewLeaderHandlesTelemetryFirstAndItsFirstPlanIncludesWhatWasWaiting() throws Exception {
        harness = new PlanHarness("dispatch_takeover_plan", Map.of("CLEARWAY_DISPATCH_PLAN_INTERVAL", "1h"));
        harness.registerBin("r1", "residual", 31.2500, 121.4700);
        harness.registerBin("s1", "residual", 31.2350, 121.4750);
        for (int i = 0; i < WAITING_BINS; i++) {
            harness.registerBin("w" + i, "residual", 31.2300 + i / 10_000.0, 121.4700);
        }
        long r1 = harness.createJob("r1", Duration.ofHours(20));
        DispatchService first = harness.startService(Map.of("CLEARWAY_DISPATCH_PLAN_BUDGET", "3s"));
        harness.awaitLeader();
        harness.awaitAssignment(r1, "dispatched t-res");
        DispatchService second = harness.startService(Map.of("CLEARWAY_DISPATCH_PLAN_BUDGET", SLOW_BUDGET));
        Thread.sleep(1_500);
        assertThat(second.isLeader()).as("the second instance waits as a standby").isFalse();

        first.kill();
        // Readings that reach the broker while no leader is connected wait in the dispatcher's session: low fills of
        // many bins, then the three readings that ask for a job at s1.
        Instant t = PlanHarness.NOW.minus(Duration.ofMinutes(50));
        for (int i = 0; i < WAITING_BINS; i++) {
            for (int r = 0; r < 3; r++) {
                harness.publish("w" + i, PlanHarness.reading(t.plus(Duration.ofMinutes(15L * r)), 20 + r));
            }
        }
        harness.fillUp("s1");
        DispatchTestDb.await("the standby to take the lock", PlanHarness.WAIT, second::isLeader);
        long tookOverAt = System.nanoTime();
        DispatchTestDb.await("the new leader to handle a reading", PlanHarness.WAIT,
                () -> second.processedMessages() >= 1);
        long handledAt = System.nanoTime();
        double plansAtFirstReading = harness.counter(second, "clearway.dispatch.plan.runs", null, null);
        long s1 = harness.jobOf("s1", "threshold");
        harness.awaitAssignment(s1, "dispatched t-res");
        System.out.printf("Takeover during a %s plan: first reading handled %.2f s after the lock; the job of the "
                + "waiting readings dispatched %.2f s after the lock%n", SLOW_BUDGET, (handledAt - tookOverAt) / 1e9,
                (System.nanoTime() - tookOverAt) / 1e9);

        assertThat(Duration.ofNanos(handledAt - tookOverAt)).as("lock taken -> first reading handled")
                .isLessThan(TO_FULL_SPEED);
        assertThat(plansAtFirstReading).as("no plan of the new term was finished at its first reading").isZero();
        assertThat(harness.counter(second, "clearway.dispatch.plan.runs", null, null))
                .as("the job was placed by the term's first plan (the next is an hour away)").isEqualTo(1);
        assertThat(second.processedMessages()).as("every waiting reading handled once, by the new leader")
                .isEqualTo(3L * WAITING_BINS + 3);
        assertThat(DispatchTestDb.count(harness.db(), "SELECT count(*) FROM jobs WHERE bin_id = 's1'")).isEqualTo(1);
    }
}
