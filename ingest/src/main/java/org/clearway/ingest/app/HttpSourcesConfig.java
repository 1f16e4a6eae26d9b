package org.clearway.ingest.app;

import java.time.Duration;
import org.clearway.core.config.Env;

/**
 * The HTTP sources of ingest (docs/devices.md, "HTTP sources"); every key an environment variable with a default.
 *
 * <ul>
 *   <li>{@code CLEARWAY_INGEST_UPLINK_HOST}, {@code CLEARWAY_INGEST_UPLINK_PORT}: where the HTTP sources listen,
 *       default {@code 0.0.0.0:8084} (port 0 picks a free one); apart from /health and /metrics</li>
 *   <li>{@code CLEARWAY_INGEST_CHIRPSTACK_SECRET}: the bearer secret ChirpStack's HTTP integration sends
 *       ({@code Authorization: Bearer ...}); required for source {@code chirpstack-http}</li>
 *   <li>{@code CLEARWAY_INGEST_TTS_SECRET}: the same for The Things Stack's webhook; required for {@code tts-http}</li>
 *   <li>{@code CLEARWAY_INGEST_HTTP_WAITING}: requests waiting for their commit at most; beyond, 503 with
 *       Retry-After. Default 2000</li>
 *   <li>{@code CLEARWAY_INGEST_HTTP_TIMEOUT}: how long a request waits for its commit before a 503 with
 *       Retry-After (the message may still be committed: a retry is then a duplicate, stored once). Default {@code 30s}</li>
 *   <li>{@code CLEARWAY_INGEST_TOKEN_CACHE}: how long a device token's lookup is kept; a revoked token stops
 *       working within this time. Default {@code 10s}</li>
 * </ul>
 *
 * @param chirpstack whether source {@code chirpstack-http} is on
 * @param tts        whether source {@code tts-http} is on
 * @param devices    whether source {@code http} (devices posting the contract's JSON with a device token) is on
 */
public record HttpSourcesConfig(boolean chirpstack, boolean tts, boolean devices, String host, int port,
                                String chirpstackSecret, String ttsSecret, int maxWaiting, Duration timeout,
                                Duration tokenCache) {
    /** Secrets shorter than this are refused at start: they could be guessed. */
    static final int MIN_SECRET_LENGTH = 16;

    public boolean any() {
        return chirpstack || tts || devices;
    }

    static HttpSourcesConfig from(Env env, UplinkSources sources) {
        boolean cs = sources.http().contains(UplinkSources.CHIRPSTACK_HTTP);
        boolean tts = sources.http().contains(UplinkSources.TTS_HTTP);
        return new HttpSourcesConfig(cs, tts, sources.http().contains(UplinkSources.HTTP),
                env.string("CLEARWAY_INGEST_UPLINK_HOST", "0.0.0.0"),
                env.integer("CLEARWAY_INGEST_UPLINK_PORT", 8084, 0, 65_535),
                secret(env, "CLEARWAY_INGEST_CHIRPSTACK_SECRET", cs),
                secret(env, "CLEARWAY_INGEST_TTS_SECRET", tts),
                env.integer("CLEARWAY_INGEST_HTTP_WAITING", 2_000, 1, 1_000_000),
                env.duration("CLEARWAY_INGEST_HTTP_TIMEOUT", Duration.ofSeconds(30)),
                env.duration("CLEARWAY_INGEST_TOKEN_CACHE", Duration.ofSeconds(10)));
    }

    private static String secret(Env env, String key, boolean required) {
        String value = env.string(key, "");
        if (required && value.length() < MIN_SECRET_LENGTH) {
            throw new IllegalArgumentException(key + " must be set to a secret of at least " + MIN_SECRET_LENGTH
                    + " characters for its HTTP source (the network server sends it as 'Authorization: Bearer ...')");
        }
        return value;
    }

    @Override
    public String toString() {
        return "HttpSourcesConfig[chirpstack=" + chirpstack + ", tts=" + tts + ", devices=" + devices + ", host=" + host
                + ", port=" + port + ", secrets=***]";
    }
}
