package org.clearway.core.time;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;

/**
 * The project's one clock: every time a service writes or compares is truncated to microseconds, what PostgreSQL
 * keeps in a {@code timestamptz} (it ROUNDS nanoseconds to the nearest microsecond on insert, so a nanosecond time
 * compared with its own stored copy can come out "before" it). Services take a {@code Clock} through their
 * constructors and wrap it with {@link #of(Clock)}; a time that comes from elsewhere (a sensor's or a truck's
 * {@code ts}, a parsed time, a computed deadline) goes through {@link #truncate(Instant)} before it is written or
 * compared.
 *
 * <p>{@link #wall()} is the wall clock; {@link #accelerated(Instant, double)} is a simulated city's clock that
 * starts at a chosen instant and runs {@code speed} times faster than the wall clock (1: real time). An accelerated
 * clock faster than real time can be {@link #hold() held}: it stands still while a hold is open (a planner's solve of
 * N seconds must not eat N times the speed of city time), then runs on from where it stood.
 */
public final class DbClock extends Clock {
    /** What PostgreSQL keeps of a time. */
    public static final ChronoUnit PRECISION = ChronoUnit.MICROS;

    private final Clock base;
    private final double speed;

    private DbClock(Clock base, double speed) {
        this.base = base;
        this.speed = speed;
    }

    /** The wall clock, in UTC, truncated to microseconds. */
    public static DbClock wall() {
        return new DbClock(Clock.systemUTC(), 1);
    }

    /** {@code clock} truncated to microseconds (itself when it already is a {@code DbClock}). */
    public static DbClock of(Clock clock) {
        Objects.requireNonNull(clock, "clock");
        return clock instanceof DbClock db ? db : new DbClock(clock, 1);
    }

    /**
     * A clock that reads {@code start} now and then runs {@code speed} times faster than real time (measured with
     * {@link System#nanoTime}, so it never goes back), truncated to microseconds.
     */
    public static DbClock accelerated(Instant start, double speed) {
        return accelerated(start, speed, System::nanoTime);
    }

    /** As {@link #accelerated(Instant, double)} with the elapsed real time read from {@code nanoTime} (for tests). */
    public static DbClock accelerated(Instant start, double speed, LongSupplier nanoTime) {
        return new DbClock(new Accelerated(truncate(start), speed, nanoTime.getAsLong(), nanoTime, ZoneOffset.UTC,
                new Pause(nanoTime)), speed);
    }

    /**
     * Holds this clock still until the returned hold is closed: every copy of an accelerated clock faster than real
     * time (every service of a launcher run shares one) reads the instant it read when the hold began, and after the
     * last open hold is closed it runs on from there at its speed, the held wall time skipped. Holds nest and may be
     * taken and closed from any thread; closing one twice does nothing. The wall clock and real-time clocks cannot be
     * held (real time does not wait): for them the hold does nothing.
     */
    public Hold hold() {
        if (base instanceof Accelerated accelerated && speed > 1) {
            return accelerated.pause.take();
        }
        return () -> { };
    }

    /** An open hold of a clock ({@link #hold()}); closing it lets the clock run on. */
    @FunctionalInterface
    public interface Hold extends AutoCloseable {
        @Override
        void close();
    }

    /** {@code instant} as the database keeps it: truncated to microseconds; null stays null. */
    public static Instant truncate(Instant instant) {
        return instant == null ? null : instant.truncatedTo(PRECISION);
    }

    /** How many times faster than real time this clock runs (1 for the wall clock). */
    public double speed() {
        return speed;
    }

    /**
     * The clock for infrastructure timers (rate limits, leases, retries), which stay in real time: this clock when it
     * runs at real speed (a test's fake clock stays in charge), else the wall clock.
     */
    public DbClock realTimeClock() {
        return speed == 1 ? this : wall();
    }

    /** The real time in which this clock advances by {@code simulated} (at least 1 ms when positive). */
    public Duration realTime(Duration simulated) {
        if (speed == 1 || simulated.isZero() || simulated.isNegative()) {
            return simulated;
        }
        return Duration.ofNanos(Math.max(1_000_000L, (long) (simulated.toNanos() / speed)));
    }

    /** The time this clock advances in {@code real} wall-clock time ({@code real} times its speed). */
    public Duration simulated(Duration real) {
        return speed == 1 ? real : Duration.ofNanos((long) (real.toNanos() * speed));
    }

    @Override
    public Instant instant() {
        return base.instant().truncatedTo(PRECISION);
    }

    @Override
    public long millis() {
        return instant().toEpochMilli();
    }

    @Override
    public ZoneId getZone() {
        return base.getZone();
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return zone.equals(getZone()) ? this : new DbClock(base.withZone(zone), speed);
    }

    @Override
    public String toString() {
        return "DbClock[" + base + (speed == 1 ? "" : ", " + speed + "x") + "]";
    }

    /**
     * The held time of an accelerated clock and its copies (one per zone): the wall nanoseconds it stood still in
     * closed holds, and since when it stands while holds are open.
     */
    private static final class Pause {
        private final LongSupplier nanoTime;
        private int open;
        private long since;
        private long held;

        Pause(LongSupplier nanoTime) {
            this.nanoTime = nanoTime;
        }

        synchronized Hold take() {
            if (open++ == 0) {
                since = nanoTime.getAsLong();
            }
            AtomicBoolean closed = new AtomicBoolean();
            return () -> {
                if (closed.compareAndSet(false, true)) {
                    release();
                }
            };
        }

        private synchronized void release() {
            if (--open == 0) {
                held += nanoTime.getAsLong() - since;
            }
        }

        /** The wall nanoseconds since {@code origin} that count: all but the held ones. */
        synchronized long running(long origin) {
            long now = open > 0 ? since : nanoTime.getAsLong();
            return now - origin - held;
        }
    }

    /** Starts at {@code start} when {@code nanoTime} reads {@code origin}; runs {@code speed} times real time. */
    private static final class Accelerated extends Clock {
        private final Instant start;
        private final double speed;
        private final long origin;
        private final ZoneId zone;
        private final Pause pause;

        Accelerated(Instant start, double speed, long origin, LongSupplier nanoTime, ZoneId zone, Pause pause) {
            if (!(speed > 0) || Double.isInfinite(speed)) {
                throw new IllegalArgumentException("a clock's speed must be positive and finite, not " + speed);
            }
            this.start = Objects.requireNonNull(start, "start");
            this.speed = speed;
            this.origin = origin;
            Objects.requireNonNull(nanoTime, "nanoTime");
            this.zone = zone;
            this.pause = pause;
        }

        @Override
        public Instant instant() {
            long elapsed = pause.running(origin);
            return start.plusNanos(speed == 1 ? elapsed : (long) (elapsed * speed));
        }

        @Override
        public ZoneId getZone() {
            return zone;
        }

        @Override
        public Clock withZone(ZoneId newZone) {
            return new Accelerated(start, speed, origin, pause.nanoTime, newZone, pause);
        }

        @Override
        public String toString() {
            return "from " + start + " at " + speed + "x";
        }
    }
}
