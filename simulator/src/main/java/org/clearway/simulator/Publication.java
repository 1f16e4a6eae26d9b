package org.clearway.simulator;

import org.clearway.simulator.expect.Expectation;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * One MQTT message to publish, with what the ingest must make of it.
 *
 * @param sequence    0-based position in the simulation's output
 * @param topic       the topic, with the configured prefix
 * @param payload     the exact bytes (not necessarily UTF-8 or JSON: bad payloads are bad on purpose)
 * @param expectation the ledger entry
 */
public record Publication(long sequence, String topic, byte[] payload, Expectation expectation) {
    public Publication {
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(payload, "payload");
        Objects.requireNonNull(expectation, "expectation");
    }

    /** The payload as text, invalid UTF-8 replaced; for logs. */
    public String payloadText() {
        return new String(payload, StandardCharsets.UTF_8);
    }

    /** The same message again, as a QoS 1 redelivery would bring it. */
    Publication duplicate(long newSequence) {
        return new Publication(newSequence, topic, payload, expectation.asDuplicate());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Publication p && sequence == p.sequence && topic.equals(p.topic)
                && Arrays.equals(payload, p.payload) && expectation.equals(p.expectation);
    }

    @Override
    public int hashCode() {
        return Objects.hash(sequence, topic, Arrays.hashCode(payload), expectation);
    }

    @Override
    public String toString() {
        String text = payloadText();
        return "Publication[" + sequence + " " + expectation.kind() + (expectation.duplicate() ? " duplicate" : "")
                + " " + topic + " " + (text.length() > 120 ? text.substring(0, 120) + "…" : text) + "]";
    }
}
