package org.clearway.core.contract;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.clearway.core.time.DbClock;

/**
 * Strict RFC 3339 date-time parsing: a full date, a time with seconds, an optional fraction and a
 * mandatory offset ({@code Z} or {@code ±hh:mm}). {@code T} and {@code Z} may be lower case, and
 * the separator may be a space, as RFC 3339 section 5.6 allows. The time is truncated to microseconds, what the
 * database keeps ({@link DbClock#truncate}): a time sent with nanoseconds compares as it will be stored.
 */
public final class Rfc3339 {
    private static final Pattern DATE_TIME = Pattern.compile(
            "(\\d{4}-\\d{2}-\\d{2})[Tt ](\\d{2}:\\d{2}:\\d{2})(\\.\\d{1,9})?([Zz]|[+-]\\d{2}:\\d{2})");

    private Rfc3339() {
    }

    public static Optional<Instant> parse(String text) {
        Matcher m = DATE_TIME.matcher(text);
        if (!m.matches()) {
            return Optional.empty();
        }
        String fraction = m.group(3) == null ? "" : m.group(3);
        String offset = m.group(4).equalsIgnoreCase("z") ? "Z" : m.group(4);
        try {
            return Optional.of(DbClock.truncate(OffsetDateTime.parse(m.group(1) + "T" + m.group(2) + fraction + offset)
                    .toInstant()));
        } catch (DateTimeException e) {
            return Optional.empty();
        }
    }
}
