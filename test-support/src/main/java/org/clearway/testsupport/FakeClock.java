package org.clearway.testsupport;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A clock that stands still until a test moves it: {@link #set(Instant)} or
 * {@link #advance(Duration)}. UTC; safe to read and move from several threads. Clocks made with
 * {@link #withZone(ZoneId)} share this one's time.
 */
public final class FakeClock extends Clock {
    private final AtomicReference<Instant> now;
    private final ZoneId zone;

    private FakeClock(AtomicReference<Instant> now, ZoneId zone) {
        this.now = now;
        this.zone = zone;
    }

    public static FakeClock at(Instant start) {
        return new FakeClock(new AtomicReference<>(Objects.requireNonNull(start, "start")), ZoneOffset.UTC);
    }

    /** @param start an ISO-8601 instant such as {@code 2026-11-28T08:15:00Z} */
    public static FakeClock at(String start) {
        return at(Instant.parse(start));
    }

    @Override
    public Instant instant() {
        return now.get();
    }

    @Override
    public long millis() {
        return instant().toEpochMilli();
    }

    @Override
    public ZoneId getZone() {
        return zone;
    }

    @Override
    public Clock withZone(ZoneId newZone) {
        return newZone.equals(zone) ? this : new FakeClock(now, newZone);
    }

    public void set(Instant instant) {
        now.set(Objects.requireNonNull(instant, "instant"));
    }

    /** Moves the clock forward and returns the new time. */
    public Instant advance(Duration duration) {
        if (duration.isNegative()) {
            throw new IllegalArgumentException("A clock advances forward, not by " + duration + "; use set() to go back");
        }
        return now.updateAndGet(instant -> instant.plus(duration));
    }

    @Override
    public String toString() {
        return "FakeClock[" + instant() + ", " + zone + "]";
    }
}
