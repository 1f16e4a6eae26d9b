package org.clearway.api.driver;

import java.net.URI;
import org.clearway.core.config.Env;

/**
 * The driver app's settings (issue 15, docs/driver.md), from the environment.
 *
 * <ul>
 *   <li>{@code CLEARWAY_DRIVER_MQTT_URL}: the broker's MQTT-over-WebSockets URL the app connects to from the cab,
 *       e.g. {@code wss://mqtt.city.example:8443/mqtt}; default empty: the driver types it at sign-in</li>
 *   <li>{@code CLEARWAY_TOPIC_PREFIX}: the topics' prefix, as for the services ({@code city-a/}); default empty</li>
 *   <li>{@code CLEARWAY_DRIVER_PHOTO_KEYS}: the trucks' photo keys, {@code <sha256 hex of the key>=<truck id>},
 *       comma-separated ({@link PhotoKeys}); default empty: photo uploads are off</li>
 *   <li>{@code CLEARWAY_DRIVER_PHOTO_MAX_BYTES}: the largest photo accepted, default 2097152 (2 MiB)</li>
 * </ul>
 */
public record DriverConfig(String mqttUrl, String topicPrefix, PhotoKeys photoKeys, int photoMaxBytes) {
    public static final String MQTT_URL = "CLEARWAY_DRIVER_MQTT_URL";
    public static final String PHOTO_KEYS = "CLEARWAY_DRIVER_PHOTO_KEYS";
    public static final String PHOTO_MAX_BYTES = "CLEARWAY_DRIVER_PHOTO_MAX_BYTES";
    static final int DEFAULT_PHOTO_MAX_BYTES = 2 * 1024 * 1024;

    public DriverConfig {
        mqttUrl = mqttUrl == null ? "" : mqttUrl.trim();
        topicPrefix = topicPrefix == null ? "" : topicPrefix;
        photoKeys = photoKeys == null ? PhotoKeys.NONE : photoKeys;
        if (!mqttUrl.isEmpty()) {
            origin(mqttUrl);
        }
    }

    public DriverConfig(String mqttUrl, String topicPrefix) {
        this(mqttUrl, topicPrefix, PhotoKeys.NONE, DEFAULT_PHOTO_MAX_BYTES);
    }

    public static DriverConfig from(Env env) {
        PhotoKeys keys;
        try {
            keys = PhotoKeys.parse(env.string(PHOTO_KEYS, ""));
        } catch (IllegalArgumentException e) {
            // Never echo the value: it holds key hashes.
            throw new IllegalArgumentException("Environment variable " + PHOTO_KEYS + " is not valid: " + e.getMessage()
                    + "; set it to <sha256 hex>=<truck id>, comma-separated.");
        }
        return new DriverConfig(env.string(MQTT_URL, ""), env.string("CLEARWAY_TOPIC_PREFIX", ""), keys,
                env.integer(PHOTO_MAX_BYTES, DEFAULT_PHOTO_MAX_BYTES, 16 * 1024, 16 * 1024 * 1024));
    }

    /** Not configured: the driver types the broker's URL; no photo uploads. */
    public static DriverConfig defaults() {
        return new DriverConfig("", "");
    }

    /**
     * The origin of a {@code ws://} or {@code wss://} URL, for the page's Content-Security-Policy.
     *
     * @throws IllegalArgumentException when it is not one
     */
    static String origin(String url) {
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw invalid();
        }
        if (uri.getHost() == null || !("ws".equals(uri.getScheme()) || "wss".equals(uri.getScheme()))) {
            throw invalid();
        }
        return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() == -1 ? "" : ":" + uri.getPort());
    }

    private static IllegalArgumentException invalid() {
        return new IllegalArgumentException("Environment variable " + MQTT_URL
                + " is not a ws:// or wss:// URL such as wss://mqtt.city.example:8443/mqtt");
    }
}
