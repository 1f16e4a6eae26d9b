package org.clearway.api.app;

import java.time.Duration;
import org.clearway.core.config.Env;

/**
 * How much the API lets reads cost (docs/api.md, "Budgets"): every request's SQL runs under a statement timeout, and the
 * assessment and its reports, which may read a quarter of a city, run on a pool and worker threads of their own, so a
 * slow report never takes the connection a cheap request needs. Over budget the answer is 503 with Retry-After.
 *
 * <ul>
 *   <li>{@code CLEARWAY_API_QUERY_TIMEOUT}: statement timeout of the API's own pool, default 10s</li>
 *   <li>{@code CLEARWAY_API_REPORT_POOL_SIZE}: connections (and worker threads) for the assessment, default 2</li>
 *   <li>{@code CLEARWAY_API_REPORT_TIMEOUT}: statement timeout of an assessment or report, default 60s</li>
 *   <li>{@code CLEARWAY_API_REPORT_QUEUE}: assessments running or waiting at most; one more is 503, default 16</li>
 *   <li>{@code CLEARWAY_API_MAP_MAX_AGE}: how old the map layer's fingerprints may be when an answer reuses them
 *       ({@code 0s}: every request reads them), default 1s, at most 60s</li>
 *   <li>{@code CLEARWAY_API_ZONES_MAX_AGE}: how long {@code GET /zones} answers a token zone's last tree again
 *       ({@code 0s}: every request reads it), default 1s, at most 60s</li>
 *   <li>{@code CLEARWAY_API_ASSESSMENT_MAX_AGE}: how long an assessment is answered again to identical requests (same
 *       token zone, zone and period) after its computation started ({@code 0s}: only to those that arrive while it
 *       runs), default 10s, at most 600s</li>
 * </ul>
 */
public record ReadBudgets(Duration queryTimeout, int reportPoolSize, Duration reportTimeout, int reportQueue,
                          Duration mapMaxAge, Duration zonesMaxAge, Duration assessmentMaxAge) {

    public static ReadBudgets from(Env env) {
        return new ReadBudgets(atLeastOneSecond(env, "CLEARWAY_API_QUERY_TIMEOUT", Duration.ofSeconds(10)),
                env.integer("CLEARWAY_API_REPORT_POOL_SIZE", 2, 1, 32),
                atLeastOneSecond(env, "CLEARWAY_API_REPORT_TIMEOUT", Duration.ofSeconds(60)),
                env.integer("CLEARWAY_API_REPORT_QUEUE", 16, 1, 10_000), maxAge(env, "CLEARWAY_API_MAP_MAX_AGE",
                        Duration.ofSeconds(1), Duration.ofSeconds(60)),
                maxAge(env, "CLEARWAY_API_ZONES_MAX_AGE", Duration.ofSeconds(1), Duration.ofSeconds(60)),
                maxAge(env, "CLEARWAY_API_ASSESSMENT_MAX_AGE", Duration.ofSeconds(10), Duration.ofSeconds(600)));
    }

    /** The JDBC URL with a statement timeout for every session of the pool (PostgreSQL's {@code options}). */
    public static String withStatementTimeout(String url, Duration timeout) {
        return url + (url.contains("?") ? "&" : "?") + "options=-c%20statement_timeout%3D" + timeout.toMillis();
    }

    private static Duration maxAge(Env env, String key, Duration defaultValue, Duration most) {
        Duration d = env.duration(key, defaultValue);
        if (d.isNegative() || d.compareTo(most) > 0) {
            throw new IllegalArgumentException("Environment variable " + key + " must be 0s to " + most.toSeconds() + "s.");
        }
        return d;
    }

    private static Duration atLeastOneSecond(Env env, String key, Duration defaultValue) {
        Duration d = env.duration(key, defaultValue);
        if (d.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new IllegalArgumentException("Environment variable " + key + " must be at least 1s.");
        }
        return d;
    }
}
