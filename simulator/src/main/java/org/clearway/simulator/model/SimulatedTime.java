package org.clearway.simulator.model;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import org.clearway.core.time.DbClock;

/**
 * Simulated time: starts at {@code start} and runs at {@code speed} times the wall clock, but never
 * passes the real now (the ingest rejects readings from the future). Once it has caught up with the
 * real now, it goes on at real time. A speed of {@link Double#POSITIVE_INFINITY} means "as fast as
 * wanted": simulated time is then the real now itself. On an accelerated {@link DbClock} (the launcher's city
 * clock) "real now" is that clock's now, and the wall time to wait is its time divided by its speed.
 */
public final class SimulatedTime {
    private final Clock clock;
    private final Instant start;
    private final double speed;
    private final Instant wallStart;

    /** @param speed 1 or more, or {@link Double#POSITIVE_INFINITY} */
    public SimulatedTime(Clock clock, Instant start, double speed) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.start = Objects.requireNonNull(start, "start");
        if (!(speed >= 1)) {
            throw new IllegalArgumentException("speed must be 1 or more (or unlimited), got " + speed);
        }
        this.speed = speed;
        this.wallStart = clock.instant();
        if (start.isAfter(wallStart)) {
            throw new IllegalArgumentException("the simulation cannot start in the future (" + start
                    + " is after now, " + wallStart + "): choose a start at or before now");
        }
    }

    public Instant start() {
        return start;
    }

    public double speed() {
        return speed;
    }

    /** The real now, from the clock. */
    public Instant realNow() {
        return clock.instant();
    }

    /** The simulated now: min(real now, start + elapsed wall time x speed). */
    public Instant now() {
        Instant real = clock.instant();
        if (Double.isInfinite(speed)) {
            return real;
        }
        long elapsedNanos = Math.max(0, Duration.between(wallStart, real).toNanos());
        double simNanos = elapsedNanos * speed;
        Instant sim = simNanos >= Long.MAX_VALUE ? real : start.plusNanos((long) simNanos);
        return sim.isBefore(real) ? sim : real;
    }

    /** True once simulated time has reached the real now. */
    public boolean caughtUp() {
        return !now().isBefore(clock.instant());
    }

    /** Wall time (real time, also on an accelerated clock) to wait until the simulated now reaches {@code instant}; zero when it has. */
    public Duration wallTimeUntil(Instant instant) {
        Instant real = clock.instant();
        Duration untilReal = Duration.between(real, instant);
        Duration untilSim = Duration.ZERO;
        if (!Double.isInfinite(speed)) {
            Duration simNeeded = Duration.between(start, instant);
            long wallNanosNeeded = (long) Math.ceil(Math.max(0, simNeeded.toNanos()) / speed);
            Duration elapsed = Duration.between(wallStart, real);
            untilSim = Duration.ofNanos(wallNanosNeeded).minus(elapsed);
        }
        Duration wait = untilReal.compareTo(untilSim) >= 0 ? untilReal : untilSim;
        if (wait.isNegative()) {
            return Duration.ZERO;
        }
        return clock instanceof DbClock accelerated ? accelerated.realTime(wait) : wait;
    }
}
