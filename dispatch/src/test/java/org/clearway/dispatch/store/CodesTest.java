package org.clearway.dispatch.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;

import org.clearway.core.job.JobReason;
import org.clearway.core.job.JobState;
import org.clearway.core.job.Priority;
import org.junit.jupiter.api.Test;

/** The codes the schema's checks and partial index list are the decision module's enums. */
class CodesTest {

    @Test
    void theFinalStatesOfTheIndexAreTheStateMachinesFinalStates() {
        String expected = "(" + String.join(", ", Arrays.stream(JobState.values()).filter(JobState::isFinal)
                .map(s -> "'" + Codes.of(s) + "'").toList()) + ")";
        assertThat(Codes.FINAL_STATES_SQL).isEqualTo(expected);
    }

    @Test
    void everyCodeReadsBackAsItsConstant() {
        for (JobState state : JobState.values()) {
            assertThat(Codes.state(Codes.of(state))).isEqualTo(state);
        }
        for (JobReason reason : JobReason.values()) {
            assertThat(Codes.reason(Codes.of(reason))).isEqualTo(reason);
        }
        for (Priority priority : Priority.values()) {
            assertThat(Codes.priority(Codes.of(priority))).isEqualTo(priority);
        }
        assertThat(Codes.of(JobReason.FIRE_ALARM)).isEqualTo("fire_alarm");
    }
}
