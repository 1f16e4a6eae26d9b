package org.clearway.api.assessment;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.clearway.api.http.ApiException;
import org.clearway.api.http.Params;

/**
 * The period of an assessment, [from, to): a calendar quarter ({@code 2026-Q3}) in the configured
 * time zone, or explicit times; at most {@link #MAX_LENGTH}.
 *
 * @param label the quarter, or null for explicit times
 */
public record Period(Instant from, Instant to, String label) {
    public static final Duration MAX_LENGTH = Duration.ofDays(366);
    private static final Pattern QUARTER = Pattern.compile("^([0-9]{4})-Q([1-4])$");

    /**
     * As {@link #of(String, Instant, Instant, ZoneId)}, but with none of the three given: the quarter that holds
     * {@code now} (the current quarter, counted up to now).
     */
    public static Period of(String quarter, Instant from, Instant to, ZoneId zone, Instant now) {
        if (quarter == null && from == null && to == null) {
            return current(now, zone);
        }
        return of(quarter, from, to, zone);
    }

    /**
     * @throws ApiException 400 {@code bad_range} unless exactly one of quarter or from and to is given, and
     *                      {@code range_too_large} over a year
     */
    public static Period of(String quarter, Instant from, Instant to, ZoneId zone) {
        if (quarter != null) {
            if (from != null || to != null) {
                throw ApiException.badRequest("bad_range", "give either quarter or from and to, not both");
            }
            return quarter(quarter, zone);
        }
        if (from == null || to == null) {
            throw ApiException.badRequest("bad_range", "give quarter (such as 2026-Q3), or both from and to");
        }
        Params.requireBefore(from, to);
        if (Duration.between(from, to).compareTo(MAX_LENGTH) > 0) {
            throw ApiException.badRequest("range_too_large", "the period is at most 366 days");
        }
        return new Period(from, to, null);
    }

    static Period quarter(String text, ZoneId zone) {
        Matcher m = QUARTER.matcher(text);
        if (!m.matches()) {
            throw ApiException.badRequest("bad_range", "quarter is written like 2026-Q3");
        }
        LocalDate start = LocalDate.of(Integer.parseInt(m.group(1)), 3 * (Integer.parseInt(m.group(2)) - 1) + 1, 1);
        return new Period(start.atStartOfDay(zone).toInstant(), start.plusMonths(3).atStartOfDay(zone).toInstant(), text);
    }

    /** The calendar quarter, in {@code zone}, that holds {@code now}. */
    public static Period current(Instant now, ZoneId zone) {
        LocalDate day = now.atZone(zone).toLocalDate();
        return quarter(day.getYear() + "-Q" + ((day.getMonthValue() - 1) / 3 + 1), zone);
    }

    /**
     * The quarter before this one (the report's comparison), in {@code zone}.
     *
     * @throws IllegalStateException for a period of explicit times, which has no quarter before it
     */
    public Period previousQuarter(ZoneId zone) {
        Matcher m = label == null ? null : QUARTER.matcher(label);
        if (m == null || !m.matches()) {
            throw new IllegalStateException("not a quarter: " + this);
        }
        int year = Integer.parseInt(m.group(1));
        int q = Integer.parseInt(m.group(2));
        return quarter(q == 1 ? (year - 1) + "-Q4" : year + "-Q" + (q - 1), zone);
    }

    /** A name for files: the quarter, or the two dates. */
    public String fileName() {
        return label != null ? label : from.toString().substring(0, 10) + "_" + to.toString().substring(0, 10);
    }
}
