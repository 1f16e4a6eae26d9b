package org.clearway.decisions.rounds;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;

/**
 * A working shift of a group's trucks, as the caller's calendar gives it (the service: its zone-aware calendar; the
 * lab: its simulated schedule).
 *
 * @param start when the trucks leave
 * @param end   when the shift ends
 */
public record Shift(Instant start, Instant end) {

    public Shift {
        if (start == null || end == null || end.isBefore(start)) {
            throw new IllegalArgumentException("a shift needs a start and an end not before it, got " + start + " to "
                    + end);
        }
    }

    /** The shift of {@code day} from {@code start} to {@code end}, local times of the zone. */
    public static Shift on(LocalDate day, LocalTime start, LocalTime end, ZoneId zone) {
        return new Shift(ZonedDateTime.of(day, start, zone).toInstant(), ZonedDateTime.of(day, end, zone).toInstant());
    }
}
