package org.clearway.deploy;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Mosquitto {@code acl_file} entries: each device (username = bin id, as the device contract says)
 * may publish to its own telemetry topic and nothing else; the ingest user may read the telemetry
 * of every bin, through its shared subscription.
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

    /**
     * The ingest user's block: read on the shared subscription (Mosquitto checks the subscription
     * as written, {@code $share/<group>/...}) and on the topics it delivers from.
     */
    public static List<String> ingest(String user, String shareGroup, String topicPrefix) {
        List<String> lines = new ArrayList<>();
        lines.add("user " + user);
        if (!shareGroup.isEmpty()) {
            lines.add("topic read $share/" + shareGroup + "/" + topicPrefix + "bins/#");
        }
        lines.add("topic read " + topicPrefix + "bins/#");
        lines.add("");
        return lines;
    }
}
