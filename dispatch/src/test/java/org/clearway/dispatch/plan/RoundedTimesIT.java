package org.clearway.dispatch.plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.clearway.dispatch.DispatchTestDb;
import org.clearway.dispatch.app.DispatchService;
import org.clearway.decisions.Decision;
import org.clearway.core.job.JobReason;
import org.clearway.core.job.Priority;
import org.clearway.dispatch.store.JobStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Issue 11, job 262: the service's clock and a sensor's {@code ts} read ...00.414930758Z, a time PostgreSQL ROUNDS
 * UP to ...00.414931Z. A fire alarm's job opened at the reading's time and then planned and dispatched by the clock in
 * the same microsecond came out "before its last change": the job stayed open with no truck and whole plans failed.
 * With one clock truncated to microseconds, the first plan and the urgent insertion both go through.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class RoundedTimesIT {

    /** Rounds up to the next microsecond in PostgreSQL. */
    private static final Instant ROUNDS_UP = PlanHarness.NOW.plusNanos(414_930_758);

    private static PlanHarness harness;
    private static DispatchService leader;
    private static long regular;

    @BeforeAll
    static void start() throws Exception {
        harness = new PlanHarness("dispatch_rounded", Map.of("CLEARWAY_DISPATCH_PLAN_INTERVAL", "1h",
                "CLEARWAY_DISPATCH_PLAN_BUDGET", "10s"));
        harness.clock.set(ROUNDS_UP);
        harness.registerBin("q1", "residual", 31.2500, 121.4700);
        harness.registerBin("q3", "residual", 31.2420, 121.4720);
        regular = createJobAt("q1", ROUNDS_UP);
        harness.startService();
        leader = harness.awaitLeader();
    }

    /** A threshold job the engine opened at {@code at} (in the same microsecond window as the plan's clock). */
    private static long createJobAt(String binId, Instant at) throws Exception {
        try (Connection c = harness.db().getConnection()) {
            c.setAutoCommit(false);
            long id = new JobStore(harness.clock).create(c, new Decision.CreateJob(binId, JobReason.THRESHOLD,
                    Priority.NORMAL, at.plus(Duration.ofHours(20)), at, "fill 90.0 % reached the threshold of 80 %"),
                    "engine").orElseThrow().id();
            c.commit();
            return id;
        }
    }

    @AfterAll
    static void stop() throws Exception {
        harness.close();
    }

    @Test
    void aJobOpenedAndPlannedInTheSameMicrosecondAndAFireAlarmJobArePlaced() throws Exception {
        harness.awaitAssignment(regular, "dispatched t-res");
        harness.publish("q3", PlanHarness.reading(ROUNDS_UP, 30, "fire"));
        long fire = harness.jobOf("q3", "fire_alarm");

        harness.awaitAssignment(fire, "dispatched t-res");
        assertThat(DispatchTestDb.column(harness.db(), "SELECT coalesce(from_state, '-') || '>' || to_state || ' ' "
                + "|| to_char(at AT TIME ZONE 'UTC', 'SS.US') FROM job_events WHERE job_id = ? ORDER BY id", fire))
                .containsExactly("->open 00.414930", "open>planned 00.414930", "planned>dispatched 00.414930");
        assertThat(harness.counter(leader, "clearway.dispatch.plan.runs", "outcome", "failed"))
                .as("no plan failed on a time rounded up").isZero();
    }
}
