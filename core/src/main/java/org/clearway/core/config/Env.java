package org.clearway.core.config;

import java.time.Duration;
import java.util.Map;
import java.util.function.Function;

/**
 * Typed access to environment variables, each with a default. A value that cannot be read stops
 * the service at start with a message naming the variable and what it expects.
 */
public final class Env {
    private final Map<String, String> vars;

    public Env(Map<String, String> vars) {
        this.vars = Map.copyOf(vars);
    }

    public static Env system() {
        return new Env(System.getenv());
    }

    public String string(String key, String defaultValue) {
        String value = vars.get(key);
        return value == null || value.isBlank() ? defaultValue : value.trim();
    }

    public int integer(String key, int defaultValue, int min, int max) {
        int value = parse(key, defaultValue, Integer::parseInt, "a whole number");
        return checkRange(key, value, min, max);
    }

    /** A decimal number from {@code min} to {@code max}, such as {@code 0.05} or {@code 120}. */
    public double decimal(String key, double defaultValue, double min, double max) {
        double value = parse(key, defaultValue, Double::parseDouble, "a number from " + min + " to " + max);
        if (!(value >= min && value <= max)) {
            throw new ConfigException(key, vars.get(key), "a number from " + min + " to " + max);
        }
        return value;
    }

    /** One of an enum's constants, by its name in any case ({@code grid}, {@code GRID}). */
    public <E extends Enum<E>> E choice(String key, E defaultValue, Class<E> type) {
        StringBuilder names = new StringBuilder();
        for (E e : type.getEnumConstants()) {
            names.append(names.isEmpty() ? "" : ", ").append(e.name().toLowerCase(java.util.Locale.ROOT));
        }
        return parse(key, defaultValue, v -> Enum.valueOf(type, v.toUpperCase(java.util.Locale.ROOT)), "one of " + names);
    }

    public boolean bool(String key, boolean defaultValue) {
        String value = vars.get(key);
        if (value == null || value.isBlank()) {
            return defaultValue;
        }
        return switch (value.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "true", "yes", "1", "on" -> true;
            case "false", "no", "0", "off" -> false;
            default -> throw new ConfigException(key, value, "true or false");
        };
    }

    /** A duration written as ISO-8601 ({@code PT5S}) or as a number with a unit: {@code 250ms}, {@code 5s}, {@code 2m}, {@code 1h}, {@code 7d}. */
    public Duration duration(String key, Duration defaultValue) {
        return parse(key, defaultValue, Env::parseDuration, "a duration such as 250ms, 5s, 2m, 1h or 7d");
    }

    static Duration parseDuration(String text) {
        String t = text.trim().toLowerCase(java.util.Locale.ROOT);
        if (t.startsWith("p")) {
            return Duration.parse(text.trim().toUpperCase(java.util.Locale.ROOT));
        }
        int split = 0;
        while (split < t.length() && Character.isDigit(t.charAt(split))) {
            split++;
        }
        long amount = Long.parseLong(t.substring(0, split));
        return switch (t.substring(split)) {
            case "ms" -> Duration.ofMillis(amount);
            case "s" -> Duration.ofSeconds(amount);
            case "m" -> Duration.ofMinutes(amount);
            case "h" -> Duration.ofHours(amount);
            case "d" -> Duration.ofDays(amount);
            default -> throw new IllegalArgumentException("unknown unit in " + text);
        };
    }

    private <T> T parse(String key, T defaultValue, Function<String, T> parser, String expected) {
        String value = vars.get(key);
        if (value == null || value.isBlank()) {
            return defaultValue;
        }
        try {
            return parser.apply(value.trim());
        } catch (RuntimeException e) {
            throw new ConfigException(key, value, expected);
        }
    }

    private static int checkRange(String key, int value, int min, int max) {
        if (value < min || value > max) {
            throw new ConfigException(key, Integer.toString(value), "a number from " + min + " to " + max);
        }
        return value;
    }

    /** A configuration value that cannot be used; the message says which variable and what it takes. */
    public static final class ConfigException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        ConfigException(String key, String value, String expected) {
            super("Environment variable " + key + "='" + value + "' is not valid: set it to " + expected
                    + ", or unset it to use the default.");
        }
    }
}
