package org.clearway.api.report;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import org.clearway.core.config.Env;

/**
 * The officer's report screen's settings (docs/report.md), all from the environment.
 *
 * <ul>
 *   <li>{@code CLEARWAY_API_REPORT_SHARE_SECRET}: the server secret that signs the report's share links (HMAC-SHA256),
 *       at least 32 characters; the same on every API replica. Default empty: a random secret made at start, so links
 *       stop working when the API restarts and open on the replica that made them only</li>
 *   <li>{@code CLEARWAY_API_REPORT_SHARE_TTL}: how long a share link opens the report, default 7d, between 1m and
 *       90d</li>
 * </ul>
 *
 * @param secretGenerated true when no secret was configured and a random one was made for this process
 */
public record ReportConfig(byte[] shareSecret, Duration shareTtl, boolean secretGenerated) {
    public static final String SHARE_SECRET = "CLEARWAY_API_REPORT_SHARE_SECRET";
    static final int MIN_SECRET_CHARS = 32;

    public static ReportConfig from(Env env) {
        String secret = env.string(SHARE_SECRET, "");
        if (!secret.isEmpty() && secret.length() < MIN_SECRET_CHARS) {
            // Never echo the value.
            throw new IllegalArgumentException("Environment variable " + SHARE_SECRET + " is too short: set it to at least "
                    + MIN_SECRET_CHARS + " random characters (e.g. openssl rand -hex 32), or unset it for a secret made"
                    + " at each start.");
        }
        Duration ttl = env.duration("CLEARWAY_API_REPORT_SHARE_TTL", Duration.ofDays(7));
        if (ttl.compareTo(Duration.ofMinutes(1)) < 0 || ttl.compareTo(Duration.ofDays(90)) > 0) {
            throw new IllegalArgumentException("Environment variable CLEARWAY_API_REPORT_SHARE_TTL must be between 1m and"
                    + " 90d.");
        }
        return secret.isEmpty() ? new ReportConfig(random(), ttl, true)
                : new ReportConfig(secret.getBytes(StandardCharsets.UTF_8), ttl, false);
    }

    /** A random secret and links of a week. */
    public static ReportConfig defaults() {
        return new ReportConfig(random(), Duration.ofDays(7), true);
    }

    private static byte[] random() {
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        return secret;
    }

    @Override
    public String toString() {
        return "ReportConfig[shareSecret=<hidden>, shareTtl=" + shareTtl + ", secretGenerated=" + secretGenerated + "]";
    }
}
