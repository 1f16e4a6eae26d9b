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
 * </ul>
 */
public record DriverConfig(String mqttUrl, String topicPrefix) {
    public static final String MQTT_URL = "CLEARWAY_DRIVER_MQTT_URL";

    public DriverConfig {
        mqttUrl = mqttUrl == null ? "" : mqttUrl.trim();
        topicPrefix = topicPrefix == null ? "" : topicPrefix;
        if (!mqttUrl.isEmpty()) {
            origin(mqttUrl);
        }
    }

    public static DriverConfig from(Env env) {
        return new DriverConfig(env.string(MQTT_URL, ""), env.string("CLEARWAY_TOPIC_PREFIX", ""));
    }

    /** Not configured: the driver types the broker's URL. */
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
