package org.clearway.api.console;

import java.net.URI;
import java.time.Duration;
import org.clearway.core.config.Env;

/**
 * The dispatcher console's settings, all from the environment.
 *
 * <ul>
 *   <li>{@code CLEARWAY_API_TILE_URL}: the map tiles' URL template ({@code https://tiles.example.org/{z}/{x}/{y}.png},
 *       {@code {s}} for subdomains allowed), default empty: no tiles, the map shows its vector layers only</li>
 *   <li>{@code CLEARWAY_API_TILE_ATTRIBUTION}: the attribution the tiles' licence asks for, default empty</li>
 *   <li>{@code CLEARWAY_API_SESSION_TTL}: how long a console sign-in lasts, default 12h</li>
 *   <li>{@code CLEARWAY_API_SESSIONS_MAX}: open console sessions at most, default 10000</li>
 *   <li>{@code CLEARWAY_API_COOKIE_SECURE}: mark the session cookie {@code Secure} on plain HTTP too, for an API
 *       behind a TLS-terminating proxy, default false (on a TLS connection it is always Secure)</li>
 * </ul>
 */
public record ConsoleConfig(String tileUrl, String tileAttribution, Duration sessionTtl, int maxSessions,
                            boolean cookieSecure) {
    public static final String TILE_URL = "CLEARWAY_API_TILE_URL";

    public static ConsoleConfig from(Env env) {
        String tiles = env.string(TILE_URL, "").trim();
        if (!tiles.isEmpty()) {
            tileOrigin(tiles);
        }
        Duration ttl = env.duration("CLEARWAY_API_SESSION_TTL", Duration.ofHours(12));
        if (ttl.toSeconds() < 60) {
            throw new IllegalArgumentException("Environment variable CLEARWAY_API_SESSION_TTL must be at least 1m.");
        }
        return new ConsoleConfig(tiles, env.string("CLEARWAY_API_TILE_ATTRIBUTION", "").trim(), ttl,
                env.integer("CLEARWAY_API_SESSIONS_MAX", 10_000, 1, 1_000_000),
                env.bool("CLEARWAY_API_COOKIE_SECURE", false));
    }

    /** No tiles: the map draws its vector layers only. */
    public static ConsoleConfig defaults() {
        return new ConsoleConfig("", "", Duration.ofHours(12), 10_000, false);
    }

    /**
     * The origin the tiles come from, for the page's Content-Security-Policy ({@code {s}} becomes {@code *}).
     *
     * @throws IllegalArgumentException when the template is not an http(s) URL
     */
    public static String tileOrigin(String template) {
        String probe = template.replace("{s}", "s").replaceAll("\\{[a-z]+\\}", "0");
        URI uri;
        try {
            uri = URI.create(probe);
        } catch (IllegalArgumentException e) {
            throw invalid();
        }
        String scheme = uri.getScheme();
        if (uri.getHost() == null || !("https".equals(scheme) || "http".equals(scheme))) {
            throw invalid();
        }
        String host = template.substring(template.indexOf("://") + 3).split("[/?#]", 2)[0].replace("{s}", "*");
        return scheme + "://" + host;
    }

    private static IllegalArgumentException invalid() {
        return new IllegalArgumentException("Environment variable " + TILE_URL
                + " is not an http(s) URL template such as https://tiles.example.org/{z}/{x}/{y}.png");
    }
}
