package org.clearway.simulator;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** A clock that tests move by hand. */
public final class TestClock extends Clock {
    /** For simulations on a fixed clock: fails at once instead of waiting for a clock that never moves. */
    public static final org.clearway.simulator.model.Sleeper NO_WAIT = d -> {
        throw new IllegalStateException("the simulation would wait for a fixed clock: ask for fewer publications");
    };

    private volatile Instant now;

    public TestClock(Instant start) {
        this.now = start;
    }

    public void advance(Duration d) {
        now = now.plus(d);
    }

    @Override
    public Instant instant() {
        return now;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException();
    }
}
