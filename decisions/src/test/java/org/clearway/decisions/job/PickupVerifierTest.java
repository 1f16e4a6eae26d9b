package org.clearway.decisions.job;

import org.clearway.core.job.Priority;
import org.clearway.core.job.JobReason;
import org.clearway.core.job.JobLifecycle;
import org.clearway.core.job.Job;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.clearway.decisions.signal.EmptyingDetector;
import org.clearway.decisions.signal.EmptyingDetector.Emptying;
import org.clearway.decisions.signal.FillSample;
import org.junit.jupiter.api.Test;

/**
 * A truck arrives at 10:00 and reports the bin collected at 10:05; the sensor reads every 30 minutes. With the
 * 15-minute slack, readings up to 09:45 give the level the truck found, later ones may show the drop.
 */
class PickupVerifierTest {

    private static final Instant ARRIVED = Instant.parse("2025-03-03T10:00:00Z");
    private static final Instant COLLECTED = ARRIVED.plus(Duration.ofMinutes(5));
    private static final Instant WINDOW_END = COLLECTED.plus(Duration.ofHours(2));

    private final PickupVerifier verifier = new PickupVerifier(new EmptyingDetector(40, 15), Duration.ofHours(2),
            Duration.ofMinutes(15));

    @Test
    void aDropAfterTheArrivalVerifies() {
        List<FillSample> readings = readings("08:40", 84, "09:10", 85, "09:40", 86, "10:10", 4, "10:40", 5);

        assertThat(verifier.check(collected(), readings, at("10:25")))
                .isEqualTo(new PickupVerdict.Verified(at("10:10"), 85, 4));
    }

    @Test
    void aSpikeBeforeTheArrivalDoesNotChangeTheLevelFound() {
        List<FillSample> readings = readings("08:40", 84, "09:10", 99, "09:40", 86, "09:55", 4);

        assertThat(verifier.check(collected(), readings, at("10:25")))
                .as("and a drop within the slack before the recorded arrival counts")
                .isEqualTo(new PickupVerdict.Verified(at("09:55"), 86, 4));
    }

    @Test
    void noDropYetIsAwaitedUntilTwoHoursAfterCollection() {
        List<FillSample> readings = readings("09:10", 85, "09:40", 86, "10:10", 86);

        assertThat(verifier.check(collected(), readings, at("10:25"))).isEqualTo(new PickupVerdict.AwaitingDrop(WINDOW_END));
    }

    @Test
    void noDropByTheDeadlineIsFlagged() {
        List<FillSample> readings = readings("08:40", 84, "09:10", 85, "09:40", 86, "10:10", 86, "11:40", 87, "12:10", 3);

        assertThat(verifier.check(collected(), readings, at("12:30")))
                .as("the 12:10 drop is after the window").isEqualTo(new PickupVerdict.FlaggedNoDrop(WINDOW_END, 85.0));
        assertThat(verifier.check(collected(), readings("10:10", 3), at("12:30")))
                .as("no reading before the arrival: nothing to compare").isEqualTo(new PickupVerdict.FlaggedNoDrop(WINDOW_END, null));
    }

    @Test
    void aPickupWithoutReadingsInItsWindowWaitsForTheFirstReadingAfterIt() {
        assertThat(verifier.late(collected(), readings("09:10", 85, "09:40", 86))).as("nothing after the window yet").isEmpty();

        assertThat(verifier.late(collected(), readings("09:10", 85, "09:40", 86, "14:10", 30, "14:40", 95)))
                .as("emptied and filling again: verified at the first reading after the window")
                .contains(new PickupVerdict.Verified(at("14:10"), 85, 30));
        assertThat(verifier.late(collected(), readings("09:10", 85, "09:40", 86, "14:10", 88, "14:40", 3)))
                .as("still full at the first reading after the window: not emptied")
                .contains(new PickupVerdict.FlaggedNoDrop(WINDOW_END, 85.0));
        assertThat(verifier.late(collected(), readings("09:10", 45, "09:40", 46, "14:10", 38)))
                .as("a late drop must be the emptying rule's step (25 points) at least")
                .contains(new PickupVerdict.FlaggedNoDrop(WINDOW_END, 45.0));
        assertThat(verifier.late(collected(), readings("14:10", 5)))
                .as("no level before the arrival: nothing to compare")
                .contains(new PickupVerdict.FlaggedNoDrop(WINDOW_END, null));
    }

    @Test
    void aBinFoundTooLowToShowADropButEmptyAfterIsEmptiedLowNotFlagged() {
        List<FillSample> readings = readings("09:10", 35, "09:40", 36, "10:10", 2);

        assertThat(verifier.check(collected(), readings, at("10:25")))
                .as("decided at the first empty reading: no drop can ever be proven from 35 %")
                .isEqualTo(new PickupVerdict.EmptiedLow(at("10:10"), 35, 2));
        assertThat(verifier.check(collected(), readings("09:10", 40, "09:40", 40, "10:40", 14.9), WINDOW_END))
                .as("found at the rule's minBefore exactly: still too low to prove a drop")
                .isEqualTo(new PickupVerdict.EmptiedLow(at("10:40"), 40, 14.9));
    }

    @Test
    void aBinFoundLowThatIsNotEmptyAfterIsStillFlagged() {
        List<FillSample> readings = readings("09:10", 35, "09:40", 36, "10:10", 20, "11:40", 15);

        assertThat(verifier.check(collected(), readings, at("10:25"))).isEqualTo(new PickupVerdict.AwaitingDrop(WINDOW_END));
        assertThat(verifier.check(collected(), readings, WINDOW_END))
                .as("15 % is not below maxAfter").isEqualTo(new PickupVerdict.FlaggedNoDrop(WINDOW_END, 35.0));
    }

    @Test
    void aLateVerdictOnABinFoundLowIsEmptiedLowWhenTheReadingIsEmpty() {
        assertThat(verifier.late(collected(), readings("09:10", 30, "09:40", 31, "14:10", 5)))
                .contains(new PickupVerdict.EmptiedLow(at("14:10"), 30, 5));
        assertThat(verifier.late(collected(), readings("09:10", 30, "09:40", 31, "14:10", 20)))
                .contains(new PickupVerdict.FlaggedNoDrop(WINDOW_END, 30.0));
    }

    @Test
    void onlyACollectedJobIsVerified() {
        Job arrived = JobLifecycle.arrive(accepted(), ARRIVED, "driver");

        assertThatThrownBy(() -> verifier.check(arrived, List.of(), WINDOW_END))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ARRIVED");
    }

    @Test
    void anEmptyingNoJobExplainsIsUnplanned() {
        Emptying duringVisit = new Emptying(at("10:20"), 85, 4);
        Emptying nextDay = new Emptying(at("10:20").plus(Duration.ofDays(1)), 85, 4);
        Emptying justBeforeRecordedArrival = new Emptying(at("09:50"), 85, 4);
        Emptying wellBeforeArrival = new Emptying(at("09:30"), 85, 4);

        assertThat(verifier.unplanned("bin-1", duringVisit, List.of(collected()))).isEmpty();
        assertThat(verifier.unplanned("bin-1", justBeforeRecordedArrival, List.of(collected()))).isEmpty();
        assertThat(verifier.unplanned("bin-1", wellBeforeArrival, List.of(collected()))).isPresent();
        assertThat(verifier.unplanned("bin-1", nextDay, List.of(collected())))
                .contains(new PickupVerdict.UnplannedEmptying("bin-1", nextDay.at(), 85, 4));
        assertThat(verifier.unplanned("bin-1", duringVisit, List.of())).isPresent();
    }

    @Test
    void maintenanceAndSkippedVisitsExplainNoEmptying() {
        Emptying emptying = new Emptying(at("10:20"), 85, 4);
        Job maintenance = JobLifecycle.collect(JobLifecycle.arrive(accepted(JobReason.MAINTENANCE), ARRIVED, "tech"), COLLECTED, "tech");
        Job skipped = JobLifecycle.skip(JobLifecycle.arrive(accepted(), ARRIVED, "driver"), COLLECTED, "driver", "blocked");

        assertThat(verifier.unplanned("bin-1", emptying, List.of(maintenance, skipped))).isPresent();
    }

    private static Job collected() {
        return JobLifecycle.collect(JobLifecycle.arrive(accepted(), ARRIVED, "driver"), COLLECTED, "driver");
    }

    private static Job accepted() {
        return accepted(JobReason.THRESHOLD);
    }

    private static Job accepted(JobReason reason) {
        Instant t = ARRIVED.minus(Duration.ofHours(2));
        Job job = JobLifecycle.open("j-1", "bin-1", reason, Priority.NORMAL, ARRIVED, t, "engine", "test");
        return JobLifecycle.accept(JobLifecycle.dispatch(JobLifecycle.plan(job, t, "planner"), t, "dispatcher"), t, "driver");
    }

    /** Pairs of "HH:mm" and level. */
    private static List<FillSample> readings(Object... timesAndLevels) {
        List<FillSample> readings = new ArrayList<>();
        for (int i = 0; i < timesAndLevels.length; i += 2) {
            readings.add(new FillSample(at((String) timesAndLevels[i]), ((Number) timesAndLevels[i + 1]).doubleValue()));
        }
        return readings;
    }

    private static Instant at(String hhmm) {
        return Instant.parse("2025-03-03T" + hhmm + ":00Z");
    }
}
