package org.clearway.core.contract;

import java.util.Optional;
import java.util.regex.Pattern;

/** The contract's topic, {@code {prefix}bins/{binId}/telemetry}, and the bin id rules. */
public final class TelemetryTopic {
    public static final Pattern BIN_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    private static final String BINS = "bins/";
    private static final String TELEMETRY = "/telemetry";

    private final String prefix;

    /** @param prefix the configured prefix, for example {@code city-a/}, or empty */
    public TelemetryTopic(String prefix) {
        this.prefix = prefix == null ? "" : prefix;
    }

    /** The subscription filter that catches every topic under the prefix's {@code bins/}. */
    public String filterAllUnderBins() {
        return prefix + BINS + "#";
    }

    public String topicOf(String binId) {
        return prefix + BINS + binId + TELEMETRY;
    }

    /** The bin id of a well-formed topic, or empty when the topic is not the contract's. */
    public Optional<String> binIdOf(String topic) {
        if (topic == null || !topic.startsWith(prefix + BINS) || !topic.endsWith(TELEMETRY)) {
            return Optional.empty();
        }
        int start = prefix.length() + BINS.length();
        int end = topic.length() - TELEMETRY.length();
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
