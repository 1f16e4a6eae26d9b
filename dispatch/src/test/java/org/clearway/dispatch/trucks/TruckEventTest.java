package org.clearway.dispatch.trucks;

import static org.assertj.core.api.Assertions.assertThat;

import org.clearway.core.job.JobState;
import org.junit.jupiter.api.Test;

class TruckEventTest {

    @Test
    void aTruckCannotFailACollectedJobOnlyThePickupCheckCan() {
        assertThat(JobState.COLLECTED.canMoveTo(JobState.FAILED)).isTrue();
        assertThat(TruckEvent.FAILED.allowedFrom(JobState.COLLECTED)).isFalse();
        assertThat(TruckEvent.FAILED.allowedFrom(JobState.ARRIVED)).isTrue();
        assertThat(TruckEvent.SKIPPED.allowedFrom(JobState.ACCEPTED)).isTrue();
        assertThat(TruckEvent.ARRIVED.allowedFrom(JobState.DISPATCHED)).isFalse();
    }
}
