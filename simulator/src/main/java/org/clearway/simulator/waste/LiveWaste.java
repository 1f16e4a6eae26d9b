package org.clearway.simulator.waste;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.clearway.simulator.city.City;

/**
 * The city model's waste on the live simulator's clock: step 0 of the {@link WasteGenerator} is the Monday 00:00 (in
 * the city's time zone) of the week the simulation starts in, and each bin takes its waste step by step, as in the
 * lab, so the same seed gives the same waste as the lab's evaluation of the same city (its step k is the lab's step
 * k; the hour-of-week rhythm follows the city's local time, counted in 15-minute steps from that Monday). A bin's
 * fill at an instant holds the waste of the steps that ended by then. One thread at a time.
 */
public final class LiveWaste {

    private final WasteGenerator generator;
    private final Instant epoch;
    /** Per bin: the next step whose waste it has not taken, or -1 before its first measurement. */
    private final int[] next;
    /** Per day since the epoch: the steps that ended with a bin at 100 % (read from any thread). */
    private final Map<Integer, LongAdder> fullSteps = new ConcurrentHashMap<>();

    public LiveWaste(City model, Instant epoch) {
        this.generator = new WasteGenerator(model);
        this.epoch = epoch;
        this.next = new int[model.bins().size()];
        Arrays.fill(next, -1);
    }

    /** The Monday 00:00, in the zone, of the week that holds the instant. */
    public static Instant weekStart(Instant at, ZoneId zone) {
        return at.atZone(zone).toLocalDate().with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY))
                .atStartOfDay(zone).toInstant();
    }

    public Instant epoch() {
        return epoch;
    }

    /** The steps that have ended by the instant (the index of the step it falls in). */
    public int stepsUntil(Instant at) {
        long seconds = Duration.between(epoch, at).toSeconds();
        if (seconds < 0) {
            throw new IllegalArgumentException(at + " is before the waste's step 0, " + epoch);
        }
        return (int) (seconds / WasteGenerator.STEP.toSeconds());
    }

    /**
     * The bin's fill at the instant, from its fill at its previous call: each step that ended since adds its waste,
     * the bin capped at 100 % after each (the rest lands beside it). The first call only skips the steps before the
     * instant (their waste is in the initial fill) and returns the fill as it is.
     */
    public double fillAt(int bin, double fill, Instant at) {
        int until = stepsUntil(at);
        if (next[bin] < 0) {
            for (int step = 0; step < until; step++) {
                generator.waste(bin, step);
            }
            next[bin] = until;
            return fill;
        }
        double f = fill;
        for (; next[bin] < until; next[bin]++) {
            f = Math.min(100, f + generator.waste(bin, next[bin]));
            if (f >= 100) {
                fullSteps.computeIfAbsent(next[bin] / WasteGenerator.STEPS_PER_DAY, d -> new LongAdder()).increment();
            }
        }
        return f;
    }

    /**
     * The hours bins stood at 100 % on days {@code fromDay} (inclusive) to {@code toDay} (exclusive) since the epoch,
     * as the lab counts overflow: a quarter of an hour for each step that ended with a bin full, counted once the bin's
     * fill has been brought up to date (at its next measurement or emptying). Safe to call from any thread.
     */
    public double fullHours(int fromDay, int toDay) {
        long steps = 0;
        for (int day = fromDay; day < toDay; day++) {
            LongAdder full = fullSteps.get(day);
            steps += full == null ? 0 : full.sum();
        }
        return steps * WasteGenerator.STEP.toSeconds() / 3600.0;
    }
}
