package org.clearway.decisions.forecast;

import java.time.Instant;
import java.time.zone.ZoneRules;

/** Hours of the week in the city's time zone, on epoch seconds. Bucket 0 is Monday 00:00 to 01:00. */
final class LocalHours {

    static final int HOURS_PER_DAY = 24;
    static final int HOURS_PER_WEEK = 7 * HOURS_PER_DAY;
    static final double SECONDS_PER_HOUR = 3600;
    /** 1970-01-01 was a Thursday: day 0 is weekday 3 when Monday is 0. */
    private static final int EPOCH_WEEKDAY = 3;

    private final ZoneRules rules;

    LocalHours(ZoneRules rules) {
        this.rules = rules;
    }

    int hourOfWeek(double epochSecond) {
        long hours = (long) Math.floor(local(epochSecond) / SECONDS_PER_HOUR);
        long day = Math.floorDiv(hours, HOURS_PER_DAY);
        int weekday = Math.floorMod(day + EPOCH_WEEKDAY, 7);
        return weekday * HOURS_PER_DAY + Math.floorMod(hours, HOURS_PER_DAY);
    }

    /** The start of the next local hour after {@code epochSecond}, in epoch seconds. */
    double nextHour(double epochSecond) {
        double offset = offset(epochSecond);
        double next = (Math.floor((epochSecond + offset) / SECONDS_PER_HOUR) + 1) * SECONDS_PER_HOUR - offset;
        return next > epochSecond ? next : epochSecond + SECONDS_PER_HOUR;
    }

    static double seconds(Instant at) {
        return at.getEpochSecond() + at.getNano() / 1e9;
    }

    static Instant instant(double epochSecond) {
        long whole = (long) Math.floor(epochSecond);
        return Instant.ofEpochSecond(whole, Math.round((epochSecond - whole) * 1e9));
    }

    private double local(double epochSecond) {
        return epochSecond + offset(epochSecond);
    }

    private double offset(double epochSecond) {
        return rules.getOffset(Instant.ofEpochSecond((long) Math.floor(epochSecond))).getTotalSeconds();
    }
}
