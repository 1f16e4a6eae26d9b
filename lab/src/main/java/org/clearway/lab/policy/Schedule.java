package org.clearway.lab.policy;

import java.time.Duration;
import java.time.Instant;

import org.clearway.simulator.waste.WasteGenerator;

/**
 * Simulated time: 15-minute steps from Monday 5 January 2026, 00:00 UTC (the city's time zone is UTC). Trucks work
 * Monday to Saturday, one shift from 06:00 to 14:00 with a 30-minute break starting between 09:30 and 11:30; each
 * shift day is planned at 05:30 from the readings received by then.
 */
public final class Schedule {

    public static final Instant START = Instant.parse("2026-01-05T00:00:00Z");
    /** The city model's waste step ({@link WasteGenerator}): step 0 is {@link #START}. */
    public static final Duration STEP = WasteGenerator.STEP;
    public static final int STEPS_PER_HOUR = WasteGenerator.STEPS_PER_HOUR;
    public static final int STEPS_PER_DAY = WasteGenerator.STEPS_PER_DAY;
    public static final long SHIFT_START_S = 6 * 3600;
    public static final long SHIFT_END_S = 14 * 3600;
    public static final long PLAN_AT_S = 5 * 3600 + 1800;
    public static final long BREAK_EARLIEST_S = 9 * 3600 + 1800;
    public static final long BREAK_LATEST_S = 11 * 3600 + 1800;
    public static final long BREAK_S = 1800;

    private Schedule() {
    }

    /** 0 = Monday ... 6 = Sunday. */
    public static int weekday(int day) {
        return Math.floorMod(day, 7);
    }

    public static boolean workingDay(int day) {
        return weekday(day) != 6;
    }

    public static int nextWorkingDay(int day) {
        int next = day + 1;
        while (!workingDay(next)) {
            next++;
        }
        return next;
    }

    /** Working days before this day since {@link #START}: Monday of week 0 is 0, Saturday 5, next Monday 6. */
    public static int workingIndex(int day) {
        return day / 7 * 6 + Math.min(weekday(day), 6);
    }

    public static Instant dayStart(int day) {
        return START.plus(Duration.ofDays(day));
    }

    public static Instant at(int step) {
        return START.plus(STEP.multipliedBy(step));
    }

    public static int hourOfWeek(int step) {
        return WasteGenerator.hourOfWeek(step);
    }

    /** Whether the bin's sensor, reporting every {@code reportSteps} steps at a phase of its own, reports at the end of the step. */
    public static boolean reports(int bin, int step, int reportSteps) {
        return Math.floorMod(step + 1 + bin, reportSteps) == 0;
    }

    public static int planStep(int day) {
        return day * STEPS_PER_DAY + (int) (PLAN_AT_S / STEP.toSeconds());
    }

    /** The end of the given day's shift. */
    public static Instant shiftEnd(int day) {
        return dayStart(day).plusSeconds(SHIFT_END_S);
    }
}
