package org.clearway.api.open311;

import java.time.Duration;
import org.clearway.core.config.Env;

/**
 * Settings of the public Open311 endpoints, all from the environment (docs/open311.md).
 *
 * <ul>
 *   <li>{@code CLEARWAY_OPEN311_POST_BURST}: reports one client address may post at once, default 5</li>
 *   <li>{@code CLEARWAY_OPEN311_POSTS_PER_HOUR}: reports per hour per client address after the burst, default 20</li>
 *   <li>{@code CLEARWAY_OPEN311_READ_BURST}: reads (service list, requests) one address may make at once, default 60</li>
 *   <li>{@code CLEARWAY_OPEN311_READS_PER_SECOND}: reads per second per address after the burst, default 5</li>
 *   <li>{@code CLEARWAY_OPEN311_TRUST_FORWARDED_FOR}: take the client address from the last entry of
 *       {@code X-Forwarded-For} (behind a reverse proxy that sets it), default false</li>
 *   <li>{@code CLEARWAY_OPEN311_BIN_RADIUS_M}: a report is tied to the nearest active bin within this many
 *       metres, default 30</li>
 *   <li>{@code CLEARWAY_OPEN311_DUE_WITHIN}: due time of the job a report opens, default 24h</li>
 *   <li>{@code CLEARWAY_OPEN311_AGENCY}: {@code agency_responsible} of reports, default "City waste collection"</li>
 * </ul>
 */
public record Open311Config(int postBurst, int postsPerHour, int readBurst, int readsPerSecond,
                            boolean trustForwardedFor, int binRadiusMetres, Duration dueWithin, String agency) {

    public static Open311Config from(Env env) {
        Duration due = env.duration("CLEARWAY_OPEN311_DUE_WITHIN", Duration.ofHours(24));
        if (due.isNegative() || due.isZero() || due.compareTo(Duration.ofDays(30)) > 0) {
            throw new IllegalArgumentException("Environment variable CLEARWAY_OPEN311_DUE_WITHIN must be between 1s and 30d");
        }
        return new Open311Config(
                env.integer("CLEARWAY_OPEN311_POST_BURST", 5, 1, 100_000),
                env.integer("CLEARWAY_OPEN311_POSTS_PER_HOUR", 20, 1, 1_000_000),
                env.integer("CLEARWAY_OPEN311_READ_BURST", 60, 1, 1_000_000),
                env.integer("CLEARWAY_OPEN311_READS_PER_SECOND", 5, 1, 100_000),
                env.bool("CLEARWAY_OPEN311_TRUST_FORWARDED_FOR", false),
                env.integer("CLEARWAY_OPEN311_BIN_RADIUS_M", 30, 1, 1000),
                due,
                env.string("CLEARWAY_OPEN311_AGENCY", "City waste collection"));
    }
}
