package org.clearway.deploy;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Mosquitto {@code acl_file} entries of the devices: each bin sensor (username = bin id, as the device contract
 * says) may publish to its own telemetry topic and nothing else; each truck (username = truck id) may publish its
 * position and updates and read its route and replies (docs/trucks.md), nothing else. The services' blocks are
 * {@link ServiceAcl}'s.
 */
public final class DeviceAcl {
    private DeviceAcl() {
    }

    /** {@code {prefix}bins/{binId}/telemetry}. */
    public static String telemetryTopic(String topicPrefix, String binId) {
        return topicPrefix + "bins/" + binId + "/telemetry";
    }

    /** One block per device: {@code user <id>} then {@code topic write <its telemetry topic>}. */
    public static List<String> devices(String topicPrefix, Collection<String> binIds) {
        List<String> lines = new ArrayList<>(binIds.size() * 3);
        for (String id : binIds) {
            lines.add("user " + id);
            lines.add("topic write " + telemetryTopic(topicPrefix, id));
            lines.add("");
        }
        return lines;
    }

    /** What a truck may publish: {@code {prefix}trucks/{id}/position} and {@code .../updates}. */
    public static List<String> truckPublishes(String topicPrefix, String truckId) {
        return List.of(topicPrefix + "trucks/" + truckId + "/position", topicPrefix + "trucks/" + truckId + "/updates");
    }

    /** What a truck may read: {@code {prefix}trucks/{id}/route} and {@code .../replies}. */
    public static List<String> truckReads(String topicPrefix, String truckId) {
        return List.of(topicPrefix + "trucks/" + truckId + "/route", topicPrefix + "trucks/" + truckId + "/replies");
    }

    /** One block per truck: {@code user <id>}, its two topics to write and its two to read. */
    public static List<String> trucks(String topicPrefix, Collection<String> truckIds) {
        List<String> lines = new ArrayList<>(truckIds.size() * 6);
        for (String id : truckIds) {
            lines.add("user " + id);
            truckPublishes(topicPrefix, id).forEach(t -> lines.add("topic write " + t));
            truckReads(topicPrefix, id).forEach(t -> lines.add("topic read " + t));
            lines.add("");
        }
        return lines;
    }
}
