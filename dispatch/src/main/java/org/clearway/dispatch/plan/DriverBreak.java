package org.clearway.dispatch.plan;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.util.Objects;

import org.clearway.routing.model.BreakRule;

/**
 * The drivers' break in live plans ({@code CLEARWAY_DISPATCH_BREAK}, {@code CLEARWAY_DISPATCH_BREAK_WINDOW}): it lasts
 * {@code duration} and starts between {@code earliestStart} and {@code latestStart}, local times of the shift day.
 * {@link #OFF}: no break.
 */
public record DriverBreak(Duration duration, LocalTime earliestStart, LocalTime latestStart) {

    /** No break. */
    public static final DriverBreak OFF = new DriverBreak(Duration.ZERO, LocalTime.MIDNIGHT, LocalTime.MIDNIGHT);
    /** The default: 30 minutes starting between 09:30 and 12:00. */
    public static final DriverBreak DEFAULT = new DriverBreak(Duration.ofMinutes(30), LocalTime.of(9, 30),
            LocalTime.of(12, 0));

    public DriverBreak {
        Objects.requireNonNull(duration, "duration");
        Objects.requireNonNull(earliestStart, "earliestStart");
        Objects.requireNonNull(latestStart, "latestStart");
        if (duration.isNegative() || latestStart.isBefore(earliestStart)) {
            throw new IllegalArgumentException("a break needs a duration of at least 0 and a window whose end ("
                    + latestStart + ") is not before its start (" + earliestStart + ")");
        }
    }

    public boolean off() {
        return duration.isZero();
    }

    /**
     * The routing model's break for a truck working from {@code start} to {@code end} (seconds of the day): its start
     * window cut to the part in which the whole break fits the truck's time, or null when none is left (a shift
     * that does not reach the window, a plan made after the window) or the break is off.
     */
    public BreakRule forShift(long start, long end) {
        if (off()) {
            return null;
        }
        long seconds = duration.toSeconds();
        long earliest = Math.max(earliestStart.toSecondOfDay(), start);
        long latest = Math.min(latestStart.toSecondOfDay(), end - seconds);
        return latest < earliest ? null : new BreakRule(earliest, latest, seconds);
    }

    /**
     * The break still to plan for a truck that reported {@code reported} (its newest break of the day, or null): this
     * one when it has reported none, {@link #OFF} when it has taken one or is on it now.
     */
    public DriverBreak after(PlanSnapshot.ReportedBreak reported) {
        return reported == null ? this : OFF;
    }

    /**
     * What is left at {@code now} of the break a truck is on ({@code reported} open), timed by this break's length
     * from when it started: zero when it is not on a break or its break has lasted that long already.
     */
    public Duration remaining(PlanSnapshot.ReportedBreak reported, Instant now) {
        if (reported == null || !reported.open()) {
            return Duration.ZERO;
        }
        Duration left = Duration.between(now, reported.startedAt().plus(duration));
        return left.isNegative() ? Duration.ZERO : left;
    }
}
