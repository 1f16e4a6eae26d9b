package org.clearway.api.ngsi;

import java.net.URI;
import java.time.Duration;
import org.clearway.core.config.Env;

/**
 * Pushing bins' state to an NGSI-LD context broker (docs/ngsi-ld.md#push), all from the environment; off unless
 * {@code CLEARWAY_NGSI_BROKER_URL} is set.
 *
 * <ul>
 *   <li>{@code CLEARWAY_NGSI_BROKER_URL}: the broker's base URL, such as {@code http://orion-ld:1026}; empty (the
 *       default) pushes nothing</li>
 *   <li>{@code CLEARWAY_NGSI_PUSH_INTERVAL}: how often changed entities are looked for and sent, default 10s</li>
 *   <li>{@code CLEARWAY_NGSI_BATCH_SIZE}: entities per upsert request, default 100 (1 to 1000)</li>
 *   <li>{@code CLEARWAY_NGSI_PUSH_ZONE}: the zone whose bins are pushed (with its descendants), default {@code *}</li>
 *   <li>{@code CLEARWAY_NGSI_TENANT}: the {@code NGSILD-Tenant} header, default none</li>
 *   <li>{@code CLEARWAY_NGSI_BROKER_TOKEN}: a bearer token for the broker, default none (never logged)</li>
 *   <li>{@code CLEARWAY_NGSI_TIMEOUT}: how long one upsert request may take, default 10s</li>
 * </ul>
 */
public record NgsiPushConfig(URI brokerUrl, Duration interval, int batchSize, String zone, String tenant,
                             String token, Duration timeout) {
    public static final NgsiPushConfig OFF = new NgsiPushConfig(null, Duration.ofSeconds(10), 100, "*", null, null,
            Duration.ofSeconds(10));

    public static NgsiPushConfig from(Env env) {
        String url = env.string("CLEARWAY_NGSI_BROKER_URL", "").trim();
        URI broker = null;
        if (!url.isEmpty()) {
            broker = URI.create(url.endsWith("/") ? url.substring(0, url.length() - 1) : url);
            if (!"http".equals(broker.getScheme()) && !"https".equals(broker.getScheme())) {
                throw new IllegalArgumentException("Environment variable CLEARWAY_NGSI_BROKER_URL must be an http(s) URL");
            }
        }
        Duration interval = env.duration("CLEARWAY_NGSI_PUSH_INTERVAL", Duration.ofSeconds(10));
        Duration timeout = env.duration("CLEARWAY_NGSI_TIMEOUT", Duration.ofSeconds(10));
        if (interval.toMillis() < 100 || timeout.toMillis() < 100) {
            throw new IllegalArgumentException("CLEARWAY_NGSI_PUSH_INTERVAL and CLEARWAY_NGSI_TIMEOUT must be at least 100ms");
        }
        String tenant = env.string("CLEARWAY_NGSI_TENANT", "").trim();
        String token = env.string("CLEARWAY_NGSI_BROKER_TOKEN", "").trim();
        return new NgsiPushConfig(broker, interval, env.integer("CLEARWAY_NGSI_BATCH_SIZE", 100, 1, 1000),
                env.string("CLEARWAY_NGSI_PUSH_ZONE", "*").trim(), tenant.isEmpty() ? null : tenant,
                token.isEmpty() ? null : token, timeout);
    }

    public boolean enabled() {
        return brokerUrl != null;
    }

    /** Never the token. */
    @Override
    public String toString() {
        return "NgsiPushConfig[broker=" + brokerUrl + ", interval=" + interval + ", batch=" + batchSize + ", zone="
                + zone + ", tenant=" + tenant + ", token=" + (token == null ? "none" : "set") + "]";
    }
}
