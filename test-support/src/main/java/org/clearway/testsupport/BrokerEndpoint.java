package org.clearway.testsupport;

import java.util.Objects;
import java.util.Optional;

/**
 * How tests reach the test MQTT broker, e.g. {@code tcp://127.0.0.1:1884}, and its MQTT-over-WebSockets listener
 * when it has one (e.g. {@code ws://127.0.0.1:9884/mqtt}, for the driver app's browser test), else null.
 */
public record BrokerEndpoint(String serverUri, String webSocketUri) {
    public BrokerEndpoint {
        Objects.requireNonNull(serverUri, "serverUri");
    }

    public BrokerEndpoint(String serverUri) {
        this(serverUri, null);
    }

    /** The WebSocket listener's URI, when the broker has one. */
    public Optional<String> webSockets() {
        return Optional.ofNullable(webSocketUri);
    }
}
