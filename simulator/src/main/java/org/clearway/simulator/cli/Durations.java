package org.clearway.simulator.cli;

import java.time.Duration;
import java.util.Locale;

/** Durations as people type them: {@code 250ms}, {@code 30s}, {@code 15m}, {@code 2h}, {@code 6d}, or ISO-8601 {@code PT15M}. */
final class Durations {
    private Durations() {
    }

    static Duration parse(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        if (t.startsWith("p")) {
            return Duration.parse(t.toUpperCase(Locale.ROOT));
        }
        int split = 0;
        while (split < t.length() && (Character.isDigit(t.charAt(split)) || t.charAt(split) == '.')) {
            split++;
        }
        if (split == 0) {
            throw new IllegalArgumentException("'" + text + "' is not a duration: write it like 250ms, 30s, 15m, 2h or 6d");
        }
        double amount = Double.parseDouble(t.substring(0, split));
        long unitNanos = switch (t.substring(split).trim()) {
            case "ms" -> 1_000_000L;
            case "s", "" -> 1_000_000_000L;
            case "m", "min" -> 60_000_000_000L;
            case "h" -> 3_600_000_000_000L;
            case "d" -> 86_400_000_000_000L;
            default -> throw new IllegalArgumentException("'" + text + "' has an unknown unit: use ms, s, m, h or d");
        };
        return Duration.ofNanos(Math.round(amount * unitNanos));
    }

    static String format(Duration d) {
        long s = d.toSeconds();
        if (s % 86_400 == 0 && s > 0) {
            return s / 86_400 + "d";
        } else if (s % 3_600 == 0 && s > 0) {
            return s / 3_600 + "h";
        } else if (s % 60 == 0 && s > 0) {
            return s / 60 + "m";
        }
        if (d.toMillis() % 1_000 == 0) {
            return s + "s";
        }
        return s == 0 ? d.toMillis() + "ms" : String.format(java.util.Locale.ROOT, "%.1fs", d.toMillis() / 1000.0);
    }

    /** A time difference to the minute, for people: {@code 5d07h}, {@code 3h20m}, {@code 12m}. */
    static String lag(Duration d) {
        long m = d.toMinutes();
        return m >= 1_440 ? String.format("%dd%02dh", m / 1_440, m / 60 % 24)
                : m >= 60 ? String.format("%dh%02dm", m / 60, m % 60) : m + "m";
    }
}
