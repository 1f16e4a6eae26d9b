package org.clearway.lab.soak;

import java.time.Duration;
import java.util.Locale;

/** How the soak prints durations, sizes and lags. */
final class SoakFormat {
    private SoakFormat() {
    }

    private static final java.util.regex.Pattern SIMPLE = java.util.regex.Pattern.compile("(\\d+)(ms|s|m|h|d)");

    /** {@code 250ms}, {@code 20s}, {@code 10m}, {@code 1h}, {@code 2d} or ISO-8601 ({@code PT90S}). */
    static Duration parseDuration(String text) {
        String t = text.trim();
        java.util.regex.Matcher m = SIMPLE.matcher(t);
        if (m.matches()) {
            long n = Long.parseLong(m.group(1));
            return switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(n);
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                default -> Duration.ofDays(n);
            };
        }
        try {
            return Duration.parse(t);
        } catch (java.time.format.DateTimeParseException e) {
            throw new IllegalArgumentException("'" + text + "' is not a duration: use 250ms, 20s, 10m, 1h, 2d or PT90S");
        }
    }

    static String duration(Duration d) {
        long s = d.toSeconds();
        if (s >= 3_600) {
            return String.format(Locale.ROOT, "%dh%02dm%02ds", s / 3_600, s / 60 % 60, s % 60);
        }
        return s >= 60 ? String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60) : s + "s";
    }

    static String mb(double bytes) {
        return bytes < 0 ? "n/a" : String.format(Locale.ROOT, "%,.0f MB", bytes / (1024.0 * 1024.0));
    }

    static String seconds(double s) {
        return Double.isNaN(s) ? "-" : String.format(Locale.ROOT, "%.3f", s);
    }
}
