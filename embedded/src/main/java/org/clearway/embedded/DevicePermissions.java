package org.clearway.embedded;

import java.util.List;

/**
 * The topics a device or truck (by its certificate or its password) may use on the embedded broker (issue 17), as the Compose
 * broker's generated ACL gives a device: its own bin's or truck's topics, with or without one topic prefix level
 * ({@code CLEARWAY_TOPIC_PREFIX}, e.g. {@code city-a/}); so bin A's certificate cannot publish as bin B.
 */
final class DevicePermissions {
    private DevicePermissions() {
    }

    static List<String> topicFilters(String deviceId) {
        return List.of("bins/" + deviceId + "/#", "+/bins/" + deviceId + "/#",
                "trucks/" + deviceId + "/#", "+/trucks/" + deviceId + "/#");
    }
}
