package org.clearway.core.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

class JobLifecycleTest {

    private static final Instant T0 = Instant.parse("2025-03-03T08:00:00Z");

    @Test
    void happyPathRecordsEveryChangeWithItsTimeAndActor() {
        Job job = JobLifecycle.open("j-1", "bin-1", JobReason.THRESHOLD, Priority.NORMAL, T0.plusSeconds(86_400), T0,
                "engine", "fill 82.0 % reached the threshold of 80 %");
        job = JobLifecycle.plan(job, at(1), "planner");
        job = JobLifecycle.dispatch(job, at(2), "dispatcher-7");
        job = JobLifecycle.accept(job, at(3), "driver-3");
        job = JobLifecycle.arrive(job, at(4), "driver-3");
        job = JobLifecycle.collect(job, at(5), "driver-3");
        job = JobLifecycle.verify(job, at(6), "verifier");

        assertThat(job.state()).isEqualTo(JobState.VERIFIED);
        assertThat(job.state().isFinal()).isTrue();
        assertThat(job.history()).containsExactly(
                new JobEvent(null, JobState.OPEN, T0, "engine", "fill 82.0 % reached the threshold of 80 %"),
                new JobEvent(JobState.OPEN, JobState.PLANNED, at(1), "planner", null),
                new JobEvent(JobState.PLANNED, JobState.DISPATCHED, at(2), "dispatcher-7", null),
                new JobEvent(JobState.DISPATCHED, JobState.ACCEPTED, at(3), "driver-3", null),
                new JobEvent(JobState.ACCEPTED, JobState.ARRIVED, at(4), "driver-3", null),
                new JobEvent(JobState.ARRIVED, JobState.COLLECTED, at(5), "driver-3", null),
                new JobEvent(JobState.COLLECTED, JobState.VERIFIED, at(6), "verifier", null));
        assertThat(job.enteredAt(JobState.ARRIVED)).contains(at(4));
    }

    @Test
    void aJobDroppedFromThePlanGoesBackToOpenAndMayBePlannedAgain() {
        Job job = JobLifecycle.plan(open(), at(1), "planner");
        job = JobLifecycle.reopen(job, at(2), "planner", "truck broke down, re-planning");
        job = JobLifecycle.plan(job, at(3), "planner");

        assertThat(job.history()).extracting(JobEvent::to)
                .containsExactly(JobState.OPEN, JobState.PLANNED, JobState.OPEN, JobState.PLANNED);
    }

    @Test
    void skippedFailedAndCancelledKeepTheirReason() {
        Job accepted = JobLifecycle.accept(JobLifecycle.dispatch(JobLifecycle.plan(open(), at(1), "p"), at(2), "d"), at(3), "driver");

        Job skipped = JobLifecycle.skip(JobLifecycle.arrive(accepted, at(4), "driver"), at(5), "driver", "car parked in front");
        Job failed = JobLifecycle.fail(accepted, at(4), "driver", "lift hydraulics failed");
        Job cancelled = JobLifecycle.cancel(open(), at(1), "dispatcher", "duplicate of a manual job");

        assertThat(skipped.lastEvent().reason()).isEqualTo("car parked in front");
        assertThat(failed.lastEvent()).isEqualTo(new JobEvent(JobState.ACCEPTED, JobState.FAILED, at(4), "driver", "lift hydraulics failed"));
        assertThat(cancelled.state()).isEqualTo(JobState.CANCELLED);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("illegalTransitions")
    void everyIllegalTransitionThrowsNamingTheStateAndTheMove(JobState from, JobState to) {
        Job job = reach(from);

        assertThatThrownBy(() -> JobLifecycle.move(job, to, at(20), "someone", "because"))
                .isInstanceOfSatisfying(IllegalJobTransitionException.class, e -> {
                    assertThat(e.from()).isEqualTo(from);
                    assertThat(e.to()).isEqualTo(to);
                })
                .hasMessageContaining("job j-1 is " + from + " and cannot move to " + to);
        assertThat(job.state()).isEqualTo(from);
    }

    @ParameterizedTest
    @EnumSource(value = JobState.class, names = {"SKIPPED", "FAILED", "CANCELLED"})
    void endingWithoutSuccessNeedsAReason(JobState end) {
        Job accepted = reach(JobState.ACCEPTED);

        assertThatThrownBy(() -> JobLifecycle.move(accepted, end, at(20), "driver", " "))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("needs a reason");
    }

    @Test
    void aChangeDatedBeforeTheLastOneIsRefused() {
        Job planned = JobLifecycle.plan(open(), at(5), "planner");

        assertThatThrownBy(() -> JobLifecycle.dispatch(planned, at(4), "dispatcher"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("before its last change");
    }

    /** Every (from, to) pair the state machine does not allow: 100 pairs minus the 16 allowed. */
    static Stream<Arguments> illegalTransitions() {
        List<Arguments> pairs = new ArrayList<>();
        for (JobState from : JobState.values()) {
            for (JobState to : JobState.values()) {
                if (!from.canMoveTo(to)) {
                    pairs.add(Arguments.of(from, to));
                }
            }
        }
        assertThat(pairs).hasSize(100 - 17);
        return pairs.stream();
    }

    /** A job that went the shortest legal way to {@code state}. */
    private static Job reach(JobState state) {
        Job job = open();
        List<JobState> path = switch (state) {
            case OPEN -> List.of();
            case PLANNED, DISPATCHED, ACCEPTED, ARRIVED, COLLECTED, VERIFIED ->
                    List.of(JobState.values()).subList(1, state.ordinal() + 1);
            case SKIPPED, FAILED -> List.of(JobState.PLANNED, JobState.DISPATCHED, JobState.ACCEPTED, state);
            case CANCELLED -> List.of(JobState.CANCELLED);
        };
        int minute = 1;
        for (JobState next : path) {
            job = JobLifecycle.move(job, next, at(minute++), "someone", "reason " + next);
        }
        return job;
    }

    private static Job open() {
        return JobLifecycle.open("j-1", "bin-1", JobReason.THRESHOLD, Priority.NORMAL, T0.plusSeconds(86_400), T0, "engine", "test");
    }

    private static Instant at(int minutes) {
        return T0.plusSeconds(60L * minutes);
    }
}
