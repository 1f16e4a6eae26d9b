package org.clearway.dispatch.rounds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.clearway.core.config.Env;
import org.clearway.core.job.JobReason;
import org.clearway.dispatch.app.DispatchConfig;
import org.junit.jupiter.api.Test;

class DispatchPolicyTest {

    @Test
    void roundsIsTheDefaultAndReplacesThePerReadingCollectionJobs() {
        DispatchConfig config = DispatchConfig.from(new Env(Map.of()));
        assertThat(config.collectionPolicy()).isEqualTo(DispatchPolicy.ROUNDS);
        assertThat(config.roundsEvery()).hasMinutes(15);
        assertThat(DispatchPolicy.ROUNDS.opensPerReading(JobReason.THRESHOLD)).isFalse();
        assertThat(DispatchPolicy.ROUNDS.opensPerReading(JobReason.FORECAST)).isFalse();
        assertThat(DispatchPolicy.ROUNDS.opensPerReading(JobReason.FIRE_ALARM)).isTrue();
        assertThat(DispatchPolicy.ROUNDS.opensPerReading(JobReason.MAINTENANCE)).isTrue();
        assertThat(DispatchPolicy.THRESHOLD.opensPerReading(JobReason.THRESHOLD)).isTrue();
        assertThat(DispatchPolicy.THRESHOLD.rounds()).isFalse();
    }

    @Test
    void thePolicyIsReadFromTheEnvironment() {
        assertThat(DispatchConfig.from(new Env(Map.of("CLEARWAY_DISPATCH_POLICY", " Threshold "))).collectionPolicy())
                .isEqualTo(DispatchPolicy.THRESHOLD);
        assertThatThrownBy(() -> DispatchConfig.from(new Env(Map.of("CLEARWAY_DISPATCH_POLICY", "calendar"))))
                .hasMessageContaining("CLEARWAY_DISPATCH_POLICY='calendar'");
        assertThatThrownBy(() -> DispatchConfig.from(new Env(Map.of("CLEARWAY_DISPATCH_ROUNDS_EVERY", "0s"))))
                .hasMessageContaining("CLEARWAY_DISPATCH_ROUNDS_EVERY");
    }
}
