package org.clearway.core.config;

/**
 * Where the MQTT broker is and how a service connects to it.
 *
 * <ul>
 *   <li>{@code CLEARWAY_MQTT_URL}: broker URI(s), comma-separated for a cluster, default {@code tcp://127.0.0.1:1883}</li>
 *   <li>{@code CLEARWAY_MQTT_USERNAME}, {@code CLEARWAY_MQTT_PASSWORD}: credentials, default none</li>
 *   <li>{@code CLEARWAY_TOPIC_PREFIX}: prefix before {@code bins/}, for example {@code city-a/}; default empty</li>
 * </ul>
 */
public record MqttConfig(String serverUris, String username, String password, String topicPrefix) {

    public static MqttConfig from(Env env) {
        return new MqttConfig(
                env.string("CLEARWAY_MQTT_URL", "tcp://127.0.0.1:1883"),
                env.string("CLEARWAY_MQTT_USERNAME", ""),
                env.string("CLEARWAY_MQTT_PASSWORD", ""),
                env.string("CLEARWAY_TOPIC_PREFIX", ""));
    }

    public String[] serverUriArray() {
        return serverUris.split("\\s*,\\s*");
    }

    @Override
    public String toString() {
        return "MqttConfig[serverUris=" + serverUris + ", username=" + username + ", topicPrefix=" + topicPrefix + "]";
    }
}
