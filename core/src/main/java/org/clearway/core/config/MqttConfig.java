package org.clearway.core.config;

/**
 * Where the MQTT broker is and how a service connects to it.
 *
 * <ul>
 *   <li>{@code CLEARWAY_MQTT_URL}: broker URI(s), comma-separated for a cluster, default {@code tcp://127.0.0.1:1883};
 *       {@code ssl://host:8883} (or {@code wss://host:port}) for MQTT over TLS, where the broker's certificate is
 *       always verified, host name included</li>
 *   <li>{@code CLEARWAY_MQTT_CA_FILE}: PEM file of the CA certificate(s) that a TLS broker's certificate must chain
 *       to (a local or the city's own CA); default empty: the JVM's trusted CAs</li>
 *   <li>{@code CLEARWAY_MQTT_CERT_FILE}, {@code CLEARWAY_MQTT_KEY_FILE}: a client certificate (PEM, the certificate
 *       then its chain) and its unencrypted PKCS#8 PEM key, presented to a TLS broker that asks for one; both or
 *       neither; default none</li>
 *   <li>{@code CLEARWAY_MQTT_USERNAME}, {@code CLEARWAY_MQTT_PASSWORD}: credentials, default none</li>
 *   <li>{@code CLEARWAY_TOPIC_PREFIX}: prefix before {@code bins/}, for example {@code city-a/}; default empty</li>
 * </ul>
 *
 * @param caFile   the CA file for {@code ssl://} and {@code wss://} URIs, or empty for the JVM's trusted CAs
 * @param certFile the client certificate file, or empty for none
 * @param keyFile  its key file, or empty
 */
public record MqttConfig(String serverUris, String username, String password, String topicPrefix, String caFile,
                         String certFile, String keyFile) {

    public MqttConfig {
        if (certFile.isEmpty() != keyFile.isEmpty()) {
            throw new IllegalArgumentException("Set both CLEARWAY_MQTT_CERT_FILE and CLEARWAY_MQTT_KEY_FILE, or neither");
        }
    }

    /** Without a client certificate. */
    public MqttConfig(String serverUris, String username, String password, String topicPrefix, String caFile) {
        this(serverUris, username, password, topicPrefix, caFile, "", "");
    }

    /** A broker whose TLS certificate, if any, chains to one of the JVM's trusted CAs. */
    public MqttConfig(String serverUris, String username, String password, String topicPrefix) {
        this(serverUris, username, password, topicPrefix, "");
    }

    public static MqttConfig from(Env env) {
        return new MqttConfig(
                env.string("CLEARWAY_MQTT_URL", "tcp://127.0.0.1:1883"),
                env.string("CLEARWAY_MQTT_USERNAME", ""),
                env.string("CLEARWAY_MQTT_PASSWORD", ""),
                env.string("CLEARWAY_TOPIC_PREFIX", ""),
                env.string("CLEARWAY_MQTT_CA_FILE", ""),
                env.string("CLEARWAY_MQTT_CERT_FILE", ""),
                env.string("CLEARWAY_MQTT_KEY_FILE", ""));
    }

    public String[] serverUriArray() {
        return serverUris.split("\\s*,\\s*");
    }

    /** Whether any of the URIs is MQTT over TLS ({@code ssl://} or {@code wss://}). */
    public boolean usesTls() {
        for (String uri : serverUriArray()) {
            if (uri.startsWith("ssl://") || uri.startsWith("wss://")) {
                return true;
            }
        }
        return false;
    }

    /** This configuration with another CA file. */
    public MqttConfig withCaFile(String file) {
        return new MqttConfig(serverUris, username, password, topicPrefix, file, certFile, keyFile);
    }

    /** This configuration with a client certificate and its key (PEM files). */
    public MqttConfig withClientCertificate(String certificate, String key) {
        return new MqttConfig(serverUris, username, password, topicPrefix, caFile, certificate, key);
    }

    /** Whether TLS needs a socket factory of our own: a CA file or a client certificate. */
    public boolean customTls() {
        return usesTls() && (!caFile.isEmpty() || !certFile.isEmpty());
    }

    @Override
    public String toString() {
        return "MqttConfig[serverUris=" + serverUris + ", username=" + username + ", topicPrefix=" + topicPrefix
                + (caFile.isEmpty() ? "" : ", caFile=" + caFile) + (certFile.isEmpty() ? "" : ", certFile=" + certFile) + "]";
    }
}
