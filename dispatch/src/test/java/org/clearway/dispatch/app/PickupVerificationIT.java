package org.clearway.dispatch.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.clearway.dispatch.DispatchTestDb;
import org.clearway.core.job.JobReason;
import org.clearway.core.job.JobState;
import org.clearway.core.job.Priority;
import org.clearway.decisions.Decision.CreateJob;
import org.clearway.dispatch.store.JobStore;
import org.clearway.testsupport.FakeClock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Collected jobs checked against the bin's later readings through the running service: a drop after the arrival
 * verifies the pickup; no drop within the window flags it and the leader's sweep fails it, after which the bin, still
 * full, gets a new job; the sweep flags a window no reading came in, and the bin's next reading gives a late verdict.
 * A round's pickup of a bin found too low to prove a drop is {@code emptied_low} (VERIFIED) when the bin reads empty
 * after the visit, and still {@code no_drop} (FAILED) when it does not.
 * The tests share one clock that only moves forward, hence their order.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PickupVerificationIT {

    private static final Instant NOW = Instant.parse("2026-11-28T08:00:00Z");
    private static final Instant ARRIVED = NOW.plus(Duration.ofMinutes(20));
    private static final Instant COLLECTED = NOW.plus(Duration.ofMinutes(25));
    /** The round pickups' time, after the earlier tests' clock. */
    private static final Instant LOW = NOW.plus(Duration.ofHours(4));
    private static final FakeClock CLOCK = FakeClock.at(NOW);
    private static DispatchHarness harness;
    private static DispatchService service;

    @BeforeAll
    static void start() throws Exception {
        harness = new DispatchHarness("dispatch_verify", CLOCK, Map.of("CLEARWAY_DISPATCH_FLEET_FILE",
                Path.of("src/main/resources/demo-fleet.json").toAbsolutePath().toString()));
        for (String bin : new String[] {"dropped", "nodrop", "silent", "unplanned", "lowempty", "lowfull"}) {
            harness.registerBin(bin, 1000, 0);
        }
        service = harness.startService();
        harness.awaitConsumer();
    }

    @AfterAll
    static void stop() {
        harness.close();
    }

    @Test
    @Order(1)
    void aDropAfterTheArrivalVerifiesThePickupAndExplainsTheEmptying() throws Exception {
        long job = collectedJob("dropped");
        CLOCK.set(NOW.plus(Duration.ofHours(1)));

        harness.publish("dropped", DispatchHarness.reading(NOW.plus(Duration.ofMinutes(40)), 5));
        DispatchTestDb.await("the verified job", DispatchHarness.WAIT, () -> state(job).equals("verified verified"));
        harness.publish("dropped", DispatchHarness.reading(NOW.plus(Duration.ofMinutes(55)), 4));
        harness.awaitDecided("dropped", NOW.plus(Duration.ofMinutes(55)));

        assertThat(DispatchTestDb.column(harness.db(), "SELECT actor || ' ' || (at = ?::timestamptz) || ' ' || reason "
                + "FROM job_events WHERE job_id = ? AND to_state = 'verified'", NOW.plus(Duration.ofMinutes(40)).toString(), job))
                .containsExactly("verifier true fill dropped from 85.0 % to 5.0 % at " + NOW.plus(Duration.ofMinutes(40)));
        assertThat(DispatchTestDb.count(harness.db(), "SELECT count(*) FROM unplanned_emptyings WHERE bin_id = 'dropped'"))
                .as("the emptying is the verified pickup's").isZero();
        assertThat(harness.counter(service, "clearway.dispatch.pickups", "verdict", "verified")).isEqualTo(1);
    }

    @Test
    @Order(2)
    void noDropWithinTheWindowFailsTheJobAndTheBinStillFullGetsANewOne() throws Exception {
        long job = collectedJob("nodrop");
        CLOCK.set(NOW.plus(Duration.ofMinutes(150)));

        harness.publish("nodrop", DispatchHarness.reading(NOW.plus(Duration.ofMinutes(60)), 88));
        harness.awaitDecided("nodrop", NOW.plus(Duration.ofMinutes(60)));
        assertThat(state(job)).as("the window is still open").isEqualTo("collected none");

        harness.publish("nodrop", DispatchHarness.reading(NOW.plus(Duration.ofMinutes(146)), 89));
        DispatchTestDb.await("the flag", DispatchHarness.WAIT, () -> state(job).equals("collected no_drop"));
        assertThat(harness.counter(service, "clearway.dispatch.pickups", "verdict", "no_drop")).isEqualTo(1);

        CLOCK.set(NOW.plus(Duration.ofMinutes(152)));
        DispatchTestDb.await("the sweep closing the flagged job", DispatchHarness.WAIT,
                () -> state(job).equals("failed no_drop"));
        assertThat(DispatchTestDb.column(harness.db(), "SELECT actor || ' ' || (at = ?::timestamptz) || ' ' || reason "
                + "FROM job_events WHERE job_id = ? AND from_state = 'collected' AND to_state = 'failed'",
                COLLECTED.plus(Duration.ofHours(2)).toString(), job))
                .containsExactly("verifier true pickup not verified (no_drop): the fill did not drop within 120 minutes "
                        + "of the collection at " + COLLECTED + " (level 89.0 % at " + NOW.plus(Duration.ofMinutes(146))
                        + "); the bin is asked for again if it stays full");

        harness.publish("nodrop", DispatchHarness.reading(NOW.plus(Duration.ofMinutes(151)), 90));
        DispatchTestDb.await("a new job for the bin still full", DispatchHarness.WAIT,
                () -> harness.jobs("nodrop", "threshold") == 2);
        assertThat(DispatchTestDb.column(harness.db(), "SELECT state || ' ' || coalesce(verification, 'none') FROM jobs "
                + "WHERE bin_id = 'nodrop' ORDER BY id")).as("the failed job keeps its flag for the dispatcher")
                .containsExactly("failed no_drop", "open none");
    }

    @Test
    @Order(3)
    void theSweepClosesAWindowInWhichTheBinSentNothing() throws Exception {
        long job = collectedJob("silent");
        CLOCK.set(COLLECTED.plus(Duration.ofHours(2)).plus(Duration.ofMinutes(29)));
        Thread.sleep(2_500);
        assertThat(state(job)).as("the sweep waits 30 minutes past the window").isEqualTo("collected none");

        CLOCK.set(COLLECTED.plus(Duration.ofHours(2)).plus(Duration.ofMinutes(31)));
        DispatchTestDb.await("the sweep's verdict", DispatchHarness.WAIT, () -> state(job).equals("collected no_readings"));
        assertThat(state(job)).isEqualTo("collected no_readings");
        assertThat(harness.counter(service, "clearway.dispatch.pickups", "verdict", "no_readings")).isEqualTo(1);

        Instant late = COLLECTED.plus(Duration.ofHours(3));
        CLOCK.set(late.plus(Duration.ofMinutes(1)));
        harness.publish("silent", DispatchHarness.reading(late, 20));
        DispatchTestDb.await("the late verdict", DispatchHarness.WAIT, () -> state(job).equals("verified verified"));
        assertThat(DispatchTestDb.column(harness.db(), "SELECT reason FROM job_events WHERE job_id = ? AND to_state = 'verified'",
                job)).containsExactly("fill dropped from 85.0 % to 20.0 % at " + late + " (late: no reading within the window)");
    }

    @Test
    @Order(4)
    void aDropNoJobExplainsIsAnUnplannedEmptying() throws Exception {
        harness.publishFills("unplanned", NOW, 60, 65, 5, 4);
        harness.awaitDecided("unplanned", NOW);

        assertThat(DispatchTestDb.column(harness.db(), "SELECT from_pct || ' ' || to_pct || ' ' || (at = ?::timestamptz) "
                + "FROM unplanned_emptyings WHERE bin_id = 'unplanned'", NOW.minus(Duration.ofMinutes(15)).toString()))
                .containsExactly("60 5 true");
    }

    @Test
    @Order(5)
    void aRoundPickupOfABinFoundLowAndEmptyAfterIsEmptiedLowNotFailed() throws Exception {
        long job = collectedRoundJob("lowempty");
        CLOCK.set(LOW.plus(Duration.ofHours(1)));

        harness.publish("lowempty", DispatchHarness.reading(LOW.plus(Duration.ofMinutes(40)), 3));
        DispatchTestDb.await("the emptied_low verdict", DispatchHarness.WAIT,
                () -> state(job).equals("verified emptied_low"));
        assertThat(DispatchTestDb.column(harness.db(), "SELECT actor || ' ' || reason FROM job_events "
                + "WHERE job_id = ? AND to_state = 'verified'", job))
                .containsExactly("verifier too empty before to prove a drop; empty after: 35.0 % before the visit, "
                        + "3.0 % at " + LOW.plus(Duration.ofMinutes(40)));
        assertThat(harness.counter(service, "clearway.dispatch.pickups", "verdict", "emptied_low")).isEqualTo(1);

        CLOCK.set(LOW.plus(Duration.ofMinutes(160)));
        Thread.sleep(2_500);
        assertThat(state(job)).as("the sweep leaves it alone").isEqualTo("verified emptied_low");
        assertThat(createRoundJob("lowempty")).as("the job is over: the next round may ask for the bin").isTrue();
    }

    @Test
    @Order(6)
    void aRoundPickupOfABinFoundLowThatIsNotEmptyAfterIsStillNoDrop() throws Exception {
        long job = collectedRoundJob("lowfull");
        CLOCK.set(LOW.plus(Duration.ofMinutes(170)));

        harness.publish("lowfull", DispatchHarness.reading(LOW.plus(Duration.ofMinutes(40)), 25));
        harness.publish("lowfull", DispatchHarness.reading(LOW.plus(Duration.ofMinutes(146)), 26));
        DispatchTestDb.await("the flag", DispatchHarness.WAIT,
                () -> List.of("collected no_drop", "failed no_drop").contains(state(job)));
        // The sweep is paced by the clock: one that ran at 170 min before the flag came runs again a minute later.
        CLOCK.set(LOW.plus(Duration.ofMinutes(172)));
        DispatchTestDb.await("the sweep closing the flagged job", DispatchHarness.WAIT,
                () -> state(job).equals("failed no_drop"));
        assertThat(harness.counter(service, "clearway.dispatch.pickups", "verdict", "emptied_low")).isEqualTo(1);
    }

    /** A round job for a bin at 35 % (readings 35, 36, 35 up to LOW), moved to COLLECTED as a truck would. */
    private static long collectedRoundJob(String bin) throws Exception {
        CLOCK.set(LOW);
        harness.publishFills(bin, LOW, 35, 36, 35);
        harness.awaitDecided(bin, LOW);
        assertThat(createRoundJob(bin)).isTrue();
        long job = Long.parseLong(DispatchTestDb.column(harness.db(), "SELECT id FROM jobs WHERE bin_id = ?", bin).get(0));
        JobStore jobs = new JobStore(CLOCK);
        try (Connection c = harness.db().getConnection()) {
            c.setAutoCommit(false);
            jobs.transition(c, job, JobState.PLANNED, LOW, "planner", null);
            jobs.assignTruck(c, job, "truck-n1");
            jobs.transition(c, job, JobState.DISPATCHED, LOW, "planner", null);
            jobs.transition(c, job, JobState.ACCEPTED, LOW.plus(Duration.ofMinutes(5)), "truck-n1", null);
            jobs.transition(c, job, JobState.ARRIVED, LOW.plus(Duration.ofMinutes(20)), "truck-n1", null);
            jobs.transition(c, job, JobState.COLLECTED, LOW.plus(Duration.ofMinutes(25)), "truck-n1", null);
            c.commit();
        }
        return job;
    }

    /** Whether a new round job of the bin could be opened (none of that reason is open). */
    private static boolean createRoundJob(String bin) throws Exception {
        try (Connection c = harness.db().getConnection()) {
            c.setAutoCommit(false);
            boolean created = new JobStore(CLOCK).create(c, new CreateJob(bin, JobReason.ROUND, Priority.NORMAL,
                    CLOCK.instant(), CLOCK.instant(), "round (test)"), "engine").isPresent();
            c.commit();
            return created;
        }
    }

    /** A threshold job for the bin (readings 50, 85, 90 up to NOW), moved to COLLECTED as a truck would. */
    private static long collectedJob(String bin) throws Exception {
        harness.publishFills(bin, NOW, 50, 85, 90);
        DispatchTestDb.await("the job of " + bin, DispatchHarness.WAIT, () -> harness.jobs(bin, "threshold") == 1);
        long job = Long.parseLong(DispatchTestDb.column(harness.db(), "SELECT id FROM jobs WHERE bin_id = ?", bin).get(0));
        JobStore jobs = new JobStore(CLOCK);
        try (Connection c = harness.db().getConnection()) {
            c.setAutoCommit(false);
            jobs.transition(c, job, JobState.PLANNED, NOW, "planner", null);
            jobs.assignTruck(c, job, "truck-n1");
            jobs.transition(c, job, JobState.DISPATCHED, NOW, "planner", null);
            jobs.transition(c, job, JobState.ACCEPTED, NOW.plus(Duration.ofMinutes(5)), "truck-n1", null);
            jobs.transition(c, job, JobState.ARRIVED, ARRIVED, "truck-n1", null);
            jobs.transition(c, job, JobState.COLLECTED, COLLECTED, "truck-n1", null);
            c.commit();
        }
        return job;
    }

    /** "state verification" of the job, "none" for no verdict. */
    private static String state(long job) throws Exception {
        return DispatchTestDb.column(harness.db(), "SELECT state || ' ' || coalesce(verification, 'none') FROM jobs "
                + "WHERE id = ?", job).get(0);
    }
}
