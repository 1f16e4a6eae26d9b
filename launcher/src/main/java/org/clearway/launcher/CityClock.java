package org.clearway.launcher;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import javax.sql.DataSource;
import org.clearway.core.time.DbClock;

/**
 * The one clock of a launcher run, handed to ingest, dispatch, the API, the simulator and its trucks: it starts at a
 * chosen time and runs {@code --speed} times real time, truncated to microseconds ({@link DbClock#accelerated}).
 *
 * <p>{@code --start}: {@code now}; an RFC 3339 instant; or {@code auto} (the default): now when the city's day
 * shift runs ({@link #DAY_START} to {@link #DAY_END} in the city's time zone, Monday to Saturday, when the demonstration
 * fleet's trucks are on the road and the rounds policy has its round days), else the next working day's
 * {@link #DAY_START}. A city kept in the data directory that ran ahead of that
 * (times stored after it) is resumed where it left off, so that its clock never goes back.
 */
final class CityClock {
    static final LocalTime DAY_START = LocalTime.of(6, 0);
    static final LocalTime DAY_END = LocalTime.of(20, 0);
    static final String NEWEST_STORED = "SELECT greatest((SELECT max(last_seen_at) FROM bin_state), "
            + "(SELECT max(at) FROM job_events), (SELECT max(at) FROM truck_positions))";

    private CityClock() {
    }

    /** The start the options ask for, at real time {@code now}, after {@code stored} when given. */
    static Instant start(String option, Instant now, ZoneId zone, Optional<Instant> stored) {
        String chosen = option == null ? "auto" : option.trim();
        if (chosen.equalsIgnoreCase("now")) {
            return latest(now, stored);
        }
        if (chosen.equalsIgnoreCase("auto")) {
            return dayShift(latest(now, stored), zone);
        }
        try {
            return latest(Instant.parse(chosen), stored);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("--start must be auto, now or an instant such as 2026-11-30T06:00:00Z; got '"
                    + option + "'", e);
        }
    }

    /** {@code at} when the day shift runs (Monday to Saturday), else the next day shift's start. */
    static Instant dayShift(Instant at, ZoneId zone) {
        ZonedDateTime local = at.atZone(zone);
        LocalTime time = local.toLocalTime();
        boolean working = local.getDayOfWeek() != DayOfWeek.SUNDAY;
        if (working && !time.isBefore(DAY_START) && time.isBefore(DAY_END)) {
            return at;
        }
        ZonedDateTime next = local.with(DAY_START);
        next = working && time.isBefore(DAY_START) ? next : next.plusDays(1);
        return (next.getDayOfWeek() == DayOfWeek.SUNDAY ? next.plusDays(1) : next).toInstant();
    }

    static DbClock of(Instant start, double speed) {
        if (!(speed >= 1) || Double.isInfinite(speed)) {
            throw new IllegalArgumentException("--speed must be 1 (real time) or more, got " + speed);
        }
        return DbClock.accelerated(start, speed);
    }

    /** The newest time a previous run stored; empty on a new database (no tables yet) or an empty one. */
    static Optional<Instant> newestStored(DataSource db) {
        try (Connection c = db.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(NEWEST_STORED)) {
            Timestamp t = rs.next() ? rs.getTimestamp(1) : null;
            return Optional.ofNullable(t).map(Timestamp::toInstant);
        } catch (SQLException e) {
            return Optional.empty();
        }
    }

    /** The banner's line about the clock. */
    static String describe(DbClock clock, ZoneId zone) {
        Instant now = clock.instant();
        String reads = now.atZone(zone).toLocalDateTime().withNano(0) + " " + zone;
        if (clock.speed() == 1) {
            return "the city's clock runs in real time; it now reads " + reads;
        }
        double perMinute = clock.speed();
        String pace = perMinute % 60 == 0 ? "one wall-clock minute is " + (long) (perMinute / 60) + " city hour"
                + (perMinute == 60 ? "" : "s") : "one wall-clock minute is " + Math.round(perMinute) + " city minutes";
        return "simulated time runs " + fmt(clock.speed()) + "x: " + pace + "; the city's clock now reads " + reads;
    }

    private static String fmt(double speed) {
        return speed == Math.rint(speed) ? Long.toString((long) speed) : Double.toString(speed);
    }

    private static Instant latest(Instant a, Optional<Instant> b) {
        return b.filter(stored -> stored.isAfter(a)).map(DbClock::truncate).orElse(a);
    }
}
