package org.clearway.decisions;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import org.clearway.decisions.Decision.Emptied;
import org.clearway.core.job.JobReason;
import org.clearway.decisions.signal.ThresholdRule.Phase;
import org.junit.jupiter.api.Test;

class EmptyingDecisionTest {

    @Test
    void aLargeDropIsAnEmptyingDatedAtItsFirstLowReading() {
        BinRun bin = BinRun.residual();
        bin.hold(60, Duration.ofHours(3));
        bin.read(85, 86);
        assertThat(bin.state().forecast()).isNotNull();

        assertThat(bin.read(4)).isEmpty();
        Instant firstLow = bin.at();
        assertThat(bin.read(6)).containsExactly(new Emptied("bin-1", firstLow, 85, 6));

        BinState state = bin.state();
        assertThat(state.lastEmptiedAt()).isEqualTo(firstLow);
        assertThat(state.threshold()).isEqualTo(Phase.ARMED);
        assertThat(state.forecast()).as("a new trend needs new readings").isNull();
        assertThat(state.forecaster().segmentStart()).isEqualTo(firstLow);
        assertThat(state.forecaster().points()).hasSize(1);
    }

    @Test
    void anEmptyingRearmsTheThresholdEvenWhenTheBandWouldNot() {
        PolicyConfig d = PolicyConfig.defaults();
        PolicyConfig neverByLevel = new PolicyConfig(new PolicyConfig.Thresholds(80, d.thresholds().byStreamPct(), 80),
                d.quality(), d.forecast(), d.jobs(), d.verification());
        BinRun bin = new BinRun(neverByLevel, new BinFacts("bin-1", "residual", null, "z", java.util.List.of()))
                .closingJobsAtOnce();
        bin.hold(70, Duration.ofHours(3));
        bin.read(85, 86, 20, 21, 84, 85);
        assertThat(bin.jobs(JobReason.THRESHOLD)).as("a drop to 20 is no emptying, so no re-arm").hasSize(1);

        bin.read(5, 6, 84, 85);

        assertThat(bin.jobs(JobReason.THRESHOLD)).hasSize(2);
    }

    @Test
    void oneLowReadingIsNoEmptying() {
        BinRun bin = BinRun.residual();
        bin.hold(70, Duration.ofHours(2));

        bin.read(0, 71, 72);

        assertThat(bin.decisions()).noneMatch(Emptied.class::isInstance);
        assertThat(bin.state().lastEmptiedAt()).isNull();
    }
}
