package org.clearway.core.contract;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The contract's topic, {@code {prefix}bins/{binId}/telemetry}, and the bin id rules; and ingest's relay topic,
 * {@code {prefix}bins/{binId}/decoded}, on which ingest publishes (in the contract's reading JSON) each reading it
 * stored from a source other than the contract's topic (a network server, an HTTP source). Devices may not publish
 * there. Ingest reads the contract's topic only ({@link #TelemetryTopic(String)}); dispatch reads both
 * ({@link #withDecoded()}).
 */
public final class TelemetryTopic {
    public static final Pattern BIN_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    private static final String BINS = "bins/";
    private static final String TELEMETRY = "/telemetry";
    private static final String DECODED = "/decoded";

    private final String prefix;
    private final boolean readsDecoded;

    /** @param prefix the configured prefix, for example {@code city-a/}, or empty */
    public TelemetryTopic(String prefix) {
        this(prefix, false);
    }

    private TelemetryTopic(String prefix, boolean readsDecoded) {
        this.prefix = prefix == null ? "" : prefix;
        this.readsDecoded = readsDecoded;
    }

    /** The same prefix, whose {@link #binIdOf} also reads the relay topic {@code {prefix}bins/{binId}/decoded}. */
    public TelemetryTopic withDecoded() {
        return new TelemetryTopic(prefix, true);
    }

    /** The subscription filter that catches every topic under the prefix's {@code bins/}. */
    public String filterAllUnderBins() {
        return prefix + BINS + "#";
    }

    /** {@code {prefix}bins/+/telemetry}. */
    public String filterAllTelemetry() {
        return prefix + BINS + "+" + TELEMETRY;
    }

    /** {@code {prefix}bins/+/decoded}. */
    public String filterAllDecoded() {
        return prefix + BINS + "+" + DECODED;
    }

    public String topicOf(String binId) {
        return prefix + BINS + binId + TELEMETRY;
    }

    /** The relay topic of a bin, {@code {prefix}bins/{binId}/decoded}. */
    public String decodedTopicOf(String binId) {
        return prefix + BINS + binId + DECODED;
    }

    /** Whether the topic is a relay topic {@code {prefix}bins/{binId}/decoded} (what ingest itself publishes). */
    public boolean isDecoded(String topic) {
        return idBetween(topic, DECODED).isPresent();
    }

    /**
     * The bin id of a well-formed topic, or empty when the topic is not the contract's (nor, for
     * {@link #withDecoded()}, the relay topic).
     */
    public Optional<String> binIdOf(String topic) {
        Optional<String> telemetry = idBetween(topic, TELEMETRY);
        return telemetry.isPresent() || !readsDecoded ? telemetry : idBetween(topic, DECODED);
    }

    private Optional<String> idBetween(String topic, String suffix) {
        if (topic == null || !topic.startsWith(prefix + BINS) || !topic.endsWith(suffix)) {
            return Optional.empty();
        }
        int start = prefix.length() + BINS.length();
        int end = topic.length() - suffix.length();
        if (end <= start) {
            return Optional.empty();
        }
        String binId = topic.substring(start, end);
        return isValidBinId(binId) ? Optional.of(binId) : Optional.empty();
    }

    public static boolean isValidBinId(String binId) {
        return binId != null && BIN_ID.matcher(binId).matches();
    }
}
