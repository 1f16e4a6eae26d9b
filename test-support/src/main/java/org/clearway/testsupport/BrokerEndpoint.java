package org.clearway.testsupport;

import java.util.Objects;

/** How tests reach the test MQTT broker, e.g. {@code tcp://127.0.0.1:1884}. */
public record BrokerEndpoint(String serverUri) {
    public BrokerEndpoint {
        Objects.requireNonNull(serverUri, "serverUri");
    }
}
