package org.clearway.simulator.model;

import java.time.DayOfWeek;
import org.clearway.simulator.city.WasteStream;

/**
 * How fast a 240 L bin of each stream fills, in percent per hour, by local hour of day and weekday.
 * Kitchen waste peaks after meals; recyclables and residual waste fill in the day and more at the
 * weekend; hazardous waste trickles in, mostly on Saturdays.
 */
public final class FillProfile {
    private FillProfile() {
    }

    public static double percentPerHour(WasteStream stream, int hour, DayOfWeek day) {
        boolean weekend = day == DayOfWeek.SATURDAY || day == DayOfWeek.SUNDAY;
        return switch (stream) {
            case KITCHEN -> 0.9 * kitchenHour(hour) * (weekend ? 1.15 : 1.0);
            case RECYCLABLE -> 0.5 * (hour >= 9 && hour < 21 ? 1.4 : 0.2) * (weekend ? 1.4 : 1.0);
            case HAZARDOUS -> 0.06 * (hour >= 9 && hour < 18 ? 1.5 : 0.3) * (day == DayOfWeek.SATURDAY ? 2.0 : 1.0);
            case RESIDUAL -> 0.7 * (hour >= 7 && hour < 22 ? 1.3 : 0.25) * (weekend ? 1.5 : 1.0);
        };
    }

    private static double kitchenHour(int hour) {
        if (hour >= 7 && hour < 9) {
            return 2.0;
        } else if (hour >= 12 && hour < 14) {
            return 2.6;
        } else if (hour >= 18 && hour < 21) {
            return 3.0;
        } else if (hour < 6) {
            return 0.15;
        }
        return 0.8;
    }
}
