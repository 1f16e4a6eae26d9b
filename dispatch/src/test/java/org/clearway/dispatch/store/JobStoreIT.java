package org.clearway.dispatch.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import javax.sql.DataSource;

import org.clearway.dispatch.DispatchTestDb;
import org.clearway.decisions.Decision.CreateJob;
import org.clearway.core.job.IllegalJobTransitionException;
import org.clearway.core.job.Job;
import org.clearway.core.job.JobEvent;
import org.clearway.core.job.JobReason;
import org.clearway.core.job.JobState;
import org.clearway.core.job.Priority;
import org.clearway.testsupport.FakeClock;
import org.clearway.testsupport.TestSchema;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Jobs and their events on the real schema: one open job per bin and reason, moves by the state machine. */
class JobStoreIT {

    private static final Instant T0 = Instant.parse("2026-11-28T08:00:00Z");
    private static TestSchema schema;
    private static DataSource db;
    private final FakeClock clock = FakeClock.at(T0);
    private final JobStore jobs = new JobStore(clock);

    @BeforeAll
    static void schema() throws SQLException {
        schema = DispatchTestDb.migratedSchema("dispatch_jobs");
        db = schema.dataSource();
        for (String bin : List.of("b1", "b2", "b3", "b4", "b5", "b6", "b7")) {
            DispatchTestDb.registerBin(db, bin, "residual", 1000, 0);
        }
    }

    @AfterAll
    static void drop() {
        schema.close();
    }

    @Test
    void aSecondOpenJobOfTheSameBinAndReasonIsNotCreated() throws Exception {
        Optional<JobRecord> first = inTx(c -> jobs.create(c, threshold("b1"), "engine"));
        Optional<JobRecord> second = inTx(c -> jobs.create(c, threshold("b1"), "engine"));
        Optional<JobRecord> fire = inTx(c -> jobs.create(c, new CreateJob("b1", JobReason.FIRE_ALARM, Priority.URGENT,
                T0, T0, "fire"), "engine"));

        assertThat(first).isPresent();
        assertThat(first.get().state()).isEqualTo(JobState.OPEN);
        assertThat(first.get().createdAt()).isEqualTo(T0);
        assertThat(first.get().cause()).isEqualTo("fill 85 %");
        assertThat(second).isEmpty();
        assertThat(fire).isPresent();
        assertThat(DispatchTestDb.count(db, "SELECT count(*) FROM jobs WHERE bin_id = 'b1'")).isEqualTo(2);
        Set<JobReason> reasons = inTx(c -> jobs.openReasons(c, "b1"));
        assertThat(reasons).containsExactlyInAnyOrder(JobReason.THRESHOLD, JobReason.FIRE_ALARM);
        List<JobEvent> events = inTx(c -> jobs.events(c, first.get().id()));
        assertThat(events).containsExactly(new JobEvent(null, JobState.OPEN, T0.minusSeconds(60), "engine", "fill 85 %"));
    }

    /**
     * Issue 11, job 262: PostgreSQL rounds a nanosecond time to the nearest microsecond, so a job opened at
     * ...22.414930758Z was stored at ...22.414931Z and a move in the same microsecond window, dated by a clock with
     * nanoseconds, came out "before its last change". Times are truncated to microseconds before they are written or
     * compared: the move is taken and every stored time is the truncated one.
     */
    @Test
    void aMoveWithinTheSameMicrosecondAsTheJobsCreationIsTaken() throws Exception {
        Instant roundsUp = Instant.parse("2026-11-28T08:15:22.414930758Z");
        Instant kept = Instant.parse("2026-11-28T08:15:22.414930Z");
        FakeClock nanos = FakeClock.at(roundsUp);
        JobStore store = new JobStore(nanos);
        long id = inTx(c -> store.create(c, new CreateJob("b7", JobReason.FIRE_ALARM, Priority.URGENT, roundsUp,
                roundsUp, "fire"), "engine")).orElseThrow().id();

        JobRecord planned = inTx(c -> store.transition(c, id, JobState.PLANNED, nanos.instant(), "planner", null));
        JobRecord dispatched = inTx(c -> store.transition(c, id, JobState.DISPATCHED, nanos.instant(), "planner", null));

        assertThat(planned.state()).isEqualTo(JobState.PLANNED);
        assertThat(dispatched.state()).isEqualTo(JobState.DISPATCHED);
        assertThat(dispatched.createdAt()).isEqualTo(kept);
        assertThat(dispatched.updatedAt()).isEqualTo(kept);
        assertThat(dispatched.dueAt()).isEqualTo(kept);
        List<JobEvent> events = inTx(c -> store.events(c, id));
        assertThat(events).extracting(JobEvent::at).containsOnly(kept);
    }

    @Test
    void theIndexHoldsEvenAgainstAPlainInsert() throws Exception {
        inTx(c -> jobs.create(c, threshold("b2"), "engine"));
        assertThatThrownBy(() -> {
            try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
                s.execute("INSERT INTO jobs (bin_id, reason, priority, state, due_at, created_at, updated_at) "
                        + "VALUES ('b2', 'threshold', 'normal', 'planned', now(), now(), now())");
            }
        }).isInstanceOf(SQLException.class).hasMessageContaining("jobs_one_open_per_bin_reason");
    }

    @Test
    void movesFollowTheStateMachineAndRecordAnEventEach() throws Exception {
        long id = inTx(c -> jobs.create(c, threshold("b3"), "engine")).orElseThrow().id();
        clock.advance(Duration.ofMinutes(5));
        inTx(c -> jobs.transition(c, id, JobState.PLANNED, T0.plusSeconds(60), "planner", null));
        inTx(c -> jobs.transition(c, id, JobState.DISPATCHED, T0.plusSeconds(120), "planner", null));
        JobRecord accepted = inTx(c -> jobs.transition(c, id, JobState.ACCEPTED, T0.plusSeconds(180), "truck-n1", null));

        assertThat(accepted.state()).isEqualTo(JobState.ACCEPTED);
        assertThat(accepted.updatedAt()).isEqualTo(T0.plus(Duration.ofMinutes(5)));
        Job job = inTx(c -> jobs.load(c, id)).orElseThrow();
        assertThat(job.history()).extracting(JobEvent::to)
                .containsExactly(JobState.OPEN, JobState.PLANNED, JobState.DISPATCHED, JobState.ACCEPTED);
        assertThat(job.lastEvent().actor()).isEqualTo("truck-n1");

        assertThatThrownBy(() -> inTx(c -> jobs.transition(c, id, JobState.VERIFIED, T0.plusSeconds(240), "x", null)))
                .isInstanceOf(IllegalJobTransitionException.class).hasMessageContaining("ACCEPTED");
        assertThatThrownBy(() -> inTx(c -> jobs.transition(c, id, JobState.SKIPPED, T0.plusSeconds(240), "x", " ")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("needs a reason");
        assertThatThrownBy(() -> inTx(c -> jobs.transition(c, id, JobState.ARRIVED, T0, "x", null)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("before its last change");
        assertThatThrownBy(() -> inTx(c -> jobs.transition(c, 999_999, JobState.ARRIVED, T0, "x", null)))
                .isInstanceOf(JobStore.NoSuchJobException.class);
        assertThat(DispatchTestDb.count(db, "SELECT count(*) FROM job_events WHERE job_id = ?", id)).isEqualTo(4);
        assertThat(DispatchTestDb.column(db, "SELECT state FROM jobs WHERE id = ?", id)).containsExactly("accepted");
    }

    @Test
    void aFinishedJobMakesRoomForANewOneOfTheSameReason() throws Exception {
        long id = inTx(c -> jobs.create(c, threshold("b4"), "engine")).orElseThrow().id();
        inTx(c -> jobs.transition(c, id, JobState.CANCELLED, T0, "dispatcher-1", "bin removed for the market"));
        Optional<JobRecord> again = inTx(c -> jobs.create(c, threshold("b4"), "engine"));

        assertThat(again).isPresent();
        assertThat(again.get().id()).isNotEqualTo(id);
        List<JobRecord> open = inTx(c -> jobs.openJobsOfBin(c, "b4"));
        assertThat(open).extracting(JobRecord::id).containsExactly(again.get().id());
        assertThat(DispatchTestDb.column(db, "SELECT reason FROM job_events WHERE job_id = ? AND to_state = 'cancelled'", id))
                .containsExactly("bin removed for the market");
    }

    @Test
    void announcementsAreRecordedOnce() throws Exception {
        long id = inTx(c -> jobs.create(c, threshold("b5"), "engine")).orElseThrow().id();
        List<JobRecord> before = inTx(c -> jobs.unannounced(c, 1000));
        assertThat(before).extracting(JobRecord::id).contains(id);

        inTx(c -> {
            jobs.markAnnounced(c, List.of(id), T0);
            return null;
        });
        inTx(c -> {
            jobs.markAnnounced(c, List.of(id), T0.plusSeconds(5));
            return null;
        });

        List<JobRecord> after = inTx(c -> jobs.unannounced(c, 1000));
        assertThat(after).extracting(JobRecord::id).doesNotContain(id);
        assertThat(inTx(c -> jobs.find(c, id)).orElseThrow().announcedAt()).isEqualTo(T0);
    }

    @Test
    void jobsThatMightExplainAnEmptyingAreFoundByStateAndTime() throws Exception {
        long id = inTx(c -> jobs.create(c, threshold("b6"), "engine")).orElseThrow().id();
        for (JobState to : List.of(JobState.PLANNED, JobState.DISPATCHED, JobState.ACCEPTED, JobState.ARRIVED)) {
            inTx(c -> jobs.transition(c, id, to, T0, "truck-n1", null));
        }
        Set<JobState> explaining = Set.of(JobState.ARRIVED, JobState.COLLECTED, JobState.VERIFIED);

        List<Job> recent = inTx(c -> jobs.jobsOfBinChangedSince(c, "b6", explaining, T0.minusSeconds(3600)));
        List<Job> later = inTx(c -> jobs.jobsOfBinChangedSince(c, "b6", explaining, T0.plusSeconds(3600)));
        assertThat(recent).extracting(Job::id).containsExactly(Long.toString(id));
        assertThat(later).isEmpty();
        assertThatThrownBy(() -> jobs.create(db.getConnection(), threshold("b6"), "engine"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("inside a transaction");
    }

    private static CreateJob threshold(String bin) {
        return new CreateJob(bin, JobReason.THRESHOLD, Priority.NORMAL, T0.plus(Duration.ofHours(24)), T0.minusSeconds(60),
                "fill 85 %");
    }

    static <T> T inTx(Work<T> work) throws Exception {
        try (Connection c = db.getConnection()) {
            c.setAutoCommit(false);
            try {
                T result = work.run(c);
                c.commit();
                return result;
            } catch (Exception | Error e) {
                c.rollback();
                throw e;
            }
        }
    }

    interface Work<T> {
        T run(Connection c) throws Exception;
    }
}
