package org.clearway.dispatch.trucks;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The truck protocol's topics (docs/trucks.md), under the configured prefix: {@code {prefix}trucks/{truckId}/route}
 * (dispatch to truck, retained), {@code .../position} and {@code .../updates} (truck to dispatch), and
 * {@code .../replies} (dispatch's answer to each update).
 */
public final class TruckTopics {
    public static final Pattern TRUCK_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    private static final String TRUCKS = "trucks/";

    private final String prefix;

    public TruckTopics(String prefix) {
        this.prefix = prefix == null ? "" : prefix;
    }

    public String route(String truckId) {
        return prefix + TRUCKS + truckId + "/route";
    }

    public String position(String truckId) {
        return prefix + TRUCKS + truckId + "/position";
    }

    public String updates(String truckId) {
        return prefix + TRUCKS + truckId + "/updates";
    }

    public String replies(String truckId) {
        return prefix + TRUCKS + truckId + "/replies";
    }

    /** The subscription filter of every truck's updates. */
    public String allUpdates() {
        return prefix + TRUCKS + "+/updates";
    }

    /** The subscription filter of every truck's positions. */
    public String allPositions() {
        return prefix + TRUCKS + "+/position";
    }

    /** The truck id of an updates topic; empty when the topic is not one. */
    public Optional<String> truckOfUpdates(String topic) {
        return truckOf(topic, "/updates");
    }

    /** The truck id of a position topic; empty when the topic is not one. */
    public Optional<String> truckOfPosition(String topic) {
        return truckOf(topic, "/position");
    }

    private Optional<String> truckOf(String topic, String end) {
        String start = prefix + TRUCKS;
        if (topic == null || !topic.startsWith(start) || !topic.endsWith(end) || topic.length() <= start.length() + end.length()) {
            return Optional.empty();
        }
        String id = topic.substring(start.length(), topic.length() - end.length());
        return TRUCK_ID.matcher(id).matches() ? Optional.of(id) : Optional.empty();
    }
}
