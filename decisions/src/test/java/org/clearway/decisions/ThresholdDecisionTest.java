package org.clearway.decisions;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.clearway.decisions.Decision.CreateJob;
import org.clearway.core.job.JobReason;
import org.clearway.core.job.Priority;
import org.clearway.decisions.signal.ThresholdRule.Phase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ThresholdDecisionTest {

    /** Hovering at the line: each pair of readings on one side moves the median of three across it. */
    private static final double[] HOVERING = {78, 82, 83, 79, 78, 82, 84, 77, 78, 81, 82, 76, 75, 83, 84, 79, 77, 82, 81};

    @ParameterizedTest(name = "re-arm band {0} points: {1} threshold job(s)")
    @CsvSource({"10, 1", "0, 5"})
    void hysteresisKeepsABinHoveringAt80FromFlapping(double band, int expectedJobs) {
        PolicyConfig.Thresholds thresholds = PolicyConfig.Thresholds.defaults();
        PolicyConfig policy = withThresholds(new PolicyConfig.Thresholds(thresholds.defaultPct(), thresholds.byStreamPct(), band));
        BinRun bin = new BinRun(policy, facts()).closingJobsAtOnce();
        bin.hold(75, Duration.ofHours(6));

        bin.read(HOVERING);

        assertThat(bin.jobs(JobReason.THRESHOLD)).hasSize(expectedJobs);
    }

    @Test
    void rearmsOnlyBelowTheBandAndThenTriggersAgain() {
        BinRun bin = BinRun.residual().closingJobsAtOnce();
        bin.hold(75, Duration.ofHours(6));
        bin.read(81, 82, 72, 71, 72, 81, 82);
        assertThat(bin.jobs(JobReason.THRESHOLD)).hasSize(1);
        assertThat(bin.state().threshold()).isEqualTo(Phase.TRIGGERED);

        bin.read(65, 64, 66);
        assertThat(bin.state().threshold()).isEqualTo(Phase.ARMED);
        bin.read(85, 86);
        assertThat(bin.jobs(JobReason.THRESHOLD)).hasSize(2);
    }

    @Test
    void aSingleSpikeCreatesNoJobButTwoHighReadingsInARowDo() {
        BinRun bin = BinRun.residual();
        bin.hold(50, Duration.ofHours(6));

        assertThat(bin.read(97, 50, 51)).isEmpty();
        assertThat(bin.read(90)).isEmpty();
        List<Decision> confirmed = bin.read(91);

        assertThat(confirmed).singleElement().isInstanceOfSatisfying(CreateJob.class, job -> {
            assertThat(job.reason()).isEqualTo(JobReason.THRESHOLD);
            assertThat(job.priority()).isEqualTo(Priority.NORMAL);
            assertThat(job.at()).isEqualTo(bin.at());
            assertThat(job.due()).isAfterOrEqualTo(bin.at()).isBeforeOrEqualTo(bin.at().plus(Duration.ofHours(24)));
            assertThat(job.cause()).contains("90.0 %", "80 %");
        });
        assertThat(bin.state().levelPct()).isEqualTo(90);
    }

    @Test
    void oneOpenThresholdJobAtATime() {
        BinRun bin = BinRun.residual();
        bin.hold(50, Duration.ofHours(3));
        bin.read(85, 86, 60, 59, 58, 88, 89);

        assertThat(bin.jobs(JobReason.THRESHOLD)).hasSize(1);
    }

    @Test
    void theBinsOwnThresholdWinsOverItsStreams() {
        BinRun hazardous = new BinRun(PolicyConfig.defaults(), new BinFacts("h-1", "hazardous", null, "z", List.of()));
        BinRun own = new BinRun(PolicyConfig.defaults(), new BinFacts("h-2", "hazardous", 90.0, "z", List.of()));
        hazardous.hold(40, Duration.ofHours(3));
        own.hold(40, Duration.ofHours(3));

        hazardous.read(65, 66);
        own.read(65, 66, 85, 86);

        assertThat(hazardous.jobs(JobReason.THRESHOLD)).hasSize(1);
        assertThat(own.jobs(JobReason.THRESHOLD)).isEmpty();
    }

    @Test
    void spikesSuppressedJobsAndIgnoredReadingsAreCounted() {
        List<String> counted = new ArrayList<>();
        DecisionMetrics metrics = new DecisionMetrics() {
            @Override
            public void spikeSuppressed() {
                counted.add("spike");
            }

            @Override
            public void jobCreated(JobReason reason) {
                counted.add("created " + reason);
            }

            @Override
            public void jobSuppressed(JobReason reason) {
                counted.add("suppressed " + reason);
            }

            @Override
            public void readingIgnored() {
                counted.add("ignored");
            }
        };
        BinRun bin = new BinRun(PolicyConfig.defaults(), facts(), metrics);
        bin.hold(50, Duration.ofHours(3));

        bin.read(97, 50, 51, 85, 86);
        bin.readWithAlarms(86, "fire");
        bin.read(86);
        bin.readWithAlarms(86, "fire");
        bin.feed(BinReading.of("bin-1", bin.at(), 10));

        assertThat(counted).containsExactly("spike", "created THRESHOLD", "created FIRE_ALARM", "suppressed FIRE_ALARM",
                "ignored");
    }

    @Test
    void aReadingNotNewerThanTheLastIsIgnored() {
        BinRun bin = BinRun.residual();
        bin.read(50, 51, 52);
        BinState before = bin.state();

        List<Decision> decisions = bin.feed(BinReading.of("bin-1", bin.at().minusSeconds(1), 95));

        assertThat(decisions).isEmpty();
        assertThat(bin.state()).isEqualTo(before);
    }

    private static BinFacts facts() {
        return new BinFacts("bin-1", "residual", null, "zone-a", List.of());
    }

    private static PolicyConfig withThresholds(PolicyConfig.Thresholds thresholds) {
        PolicyConfig d = PolicyConfig.defaults();
        return new PolicyConfig(thresholds, d.quality(), d.forecast(), d.jobs(), d.verification());
    }
}
