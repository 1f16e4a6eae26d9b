package org.clearway.deploy;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What Grafana's PostgreSQL data source makes of a panel's SQL before it runs it: the time-range
 * macros (as in Grafana's {@code pkg/tsdb/grafana-postgresql-datasource/macros.go}), the interval
 * variables, and the dashboard's template variables.
 */
final class GrafanaMacros {
    private static final Pattern TIME_FILTER = Pattern.compile("\\$__timeFilter\\(([^)]+)\\)");
    private static final Pattern EPOCH_FILTER = Pattern.compile("\\$__unixEpochFilter\\(([^)]+)\\)");
    private static final Pattern LEFTOVER = Pattern.compile("\\$\\{?\\w+|\\[\\[\\w+]]");

    private final Instant from;
    private final Instant to;
    private final String interval;
    private final long intervalMillis;
    private final Map<String, String> variables;

    /**
     * @param interval  {@code $__interval} as Grafana writes it ({@code 30s}, {@code 5m}, {@code 1h}, {@code 1d})
     * @param variables template variables by name, each as Grafana would render its value in SQL
     */
    GrafanaMacros(Instant from, Instant to, String interval, Map<String, String> variables) {
        this.from = from;
        this.to = to;
        this.interval = interval;
        this.intervalMillis = millis(interval);
        this.variables = variables;
    }

    String expand(String sql) {
        String result = replaceAll(TIME_FILTER, sql,
                m -> m.group(1).strip() + " BETWEEN " + quoted(from) + " AND " + quoted(to));
        result = replaceAll(EPOCH_FILTER, result, m -> m.group(1).strip() + " >= " + from.getEpochSecond() + " AND "
                + m.group(1).strip() + " <= " + to.getEpochSecond());
        result = result.replace("$__timeFrom()", quoted(from)).replace("$__timeTo()", quoted(to))
                .replace("$__interval_ms", Long.toString(intervalMillis)).replace("$__interval", interval);
        for (Map.Entry<String, String> v : variables.entrySet()) {
            result = result.replace("${" + v.getKey() + "}", v.getValue()).replace("[[" + v.getKey() + "]]", v.getValue())
                    .replaceAll("\\$" + v.getKey() + "\\b", Matcher.quoteReplacement(v.getValue()));
        }
        Matcher leftover = LEFTOVER.matcher(result.replaceAll("'[^']*'", "''"));
        if (leftover.find()) {
            throw new IllegalArgumentException("no value for " + leftover.group() + " in: " + sql);
        }
        return result;
    }

    /** Grafana's interval notation: a whole number and one of ms, s, m, h, d, w. */
    static long millis(String interval) {
        Matcher m = Pattern.compile("(\\d+)(ms|s|m|h|d|w)").matcher(interval);
        if (!m.matches()) {
            throw new IllegalArgumentException("not an interval: " + interval);
        }
        long amount = Long.parseLong(m.group(1));
        Duration unit = switch (m.group(2)) {
            case "ms" -> Duration.ofMillis(1);
            case "s" -> Duration.ofSeconds(1);
            case "m" -> Duration.ofMinutes(1);
            case "h" -> Duration.ofHours(1);
            case "d" -> Duration.ofDays(1);
            default -> Duration.ofDays(7);
        };
        return unit.multipliedBy(amount).toMillis();
    }

    /** As Grafana formats times: RFC 3339 in UTC, in single quotes. */
    private static String quoted(Instant instant) {
        return "'" + DateTimeFormatter.ISO_INSTANT.format(instant) + "'";
    }

    private static String replaceAll(Pattern pattern, String text, java.util.function.Function<Matcher, String> f) {
        Matcher m = pattern.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(f.apply(m)));
        }
        m.appendTail(out);
        return out.toString();
    }
}
