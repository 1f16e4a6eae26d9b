package org.clearway.dispatch.trucks;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;

import org.clearway.core.job.JobEvent;
import org.clearway.core.job.JobState;
import org.junit.jupiter.api.Test;

/** A truck's clock that lags the server's: its moves are recorded no earlier than the server's last change. */
class TruckClockLagTest {
    private static final Instant DISPATCHED = Instant.parse("2026-03-02T06:00:00.500Z");
    private static final JobEvent BY_SERVER = new JobEvent(JobState.PLANNED, JobState.DISPATCHED, DISPATCHED,
            "dispatch", null);

    private static TruckUpdate accepted(Instant at) {
        return new TruckUpdate("u-1", 7L, TruckEvent.ACCEPTED, at, null, null, null);
    }

    @Test
    void aTruckSlightlyBehindTheServerIsRecordedAtTheDispatch() {
        Instant behind = DISPATCHED.minusMillis(168);
        assertEquals(DISPATCHED, TruckUpdates.recordedAt(BY_SERVER, accepted(behind), "truck-1"));
    }

    @Test
    void aTruckAfterTheDispatchKeepsItsOwnTime() {
        Instant after = DISPATCHED.plusSeconds(3);
        assertEquals(after, TruckUpdates.recordedAt(BY_SERVER, accepted(after), "truck-1"));
    }

    @Test
    void aTruckFarBehindKeepsItsTimeAndIsRefusedByTheLifecycle() {
        Instant farBehind = DISPATCHED.minus(TruckUpdates.MAX_BEHIND).minus(Duration.ofSeconds(1));
        assertEquals(farBehind, TruckUpdates.recordedAt(BY_SERVER, accepted(farBehind), "truck-1"));
    }

    @Test
    void aTrucksOwnMovesOutOfOrderAreNotRewritten() {
        JobEvent ownArrival = new JobEvent(JobState.ACCEPTED, JobState.ARRIVED, DISPATCHED, "truck-1", null);
        Instant earlier = DISPATCHED.minusSeconds(1);
        assertEquals(earlier, TruckUpdates.recordedAt(ownArrival, accepted(earlier), "truck-1"));
    }
}
