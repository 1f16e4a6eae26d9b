package org.clearway.embedded;

import com.hivemq.extension.sdk.api.auth.parameter.TopicPermission.MqttActivity;
import java.util.ArrayList;
import java.util.List;

/**
 * The topics a device or truck (by its certificate or its password) may use on the embedded broker (issue 17), as the
 * Compose broker's generated ACL gives them, with or without one topic prefix level ({@code CLEARWAY_TOPIC_PREFIX},
 * e.g. {@code city-a/}): a truck publishes its own {@code position} and {@code updates} and reads its own {@code route}
 * and {@code replies}, nothing else; a bin sensor uses its own bin's topics. So bin A's certificate cannot publish as
 * bin B, nor truck A read truck B's route. A device whose kind the broker was not told
 * ({@link BrokerAccounts#withTrucks} not given) keeps both its bin's and its truck's topics. No device may publish on
 * its bin's {@code decoded} topic, ingest's relay of the readings it stored from network servers and HTTP sources.
 */
final class DevicePermissions {
    /** A topic filter and what the device may (or, {@code allowed} false, may not) do on it; the first match decides. */
    record Permission(String topicFilter, MqttActivity activity, boolean allowed) {
        Permission(String topicFilter, MqttActivity activity) {
            this(topicFilter, activity, true);
        }
    }

    /** Whether a device is a truck, a bin sensor, or not known (the broker was not told). */
    enum Kind { TRUCK, BIN, UNKNOWN }

    private DevicePermissions() {
    }

    static List<Permission> of(String deviceId, Kind kind) {
        List<Permission> permissions = new ArrayList<>();
        for (String prefix : List.of("", "+/")) {
            if (kind == Kind.TRUCK) {
                String own = prefix + "trucks/" + deviceId + "/";
                permissions.add(new Permission(own + "position", MqttActivity.PUBLISH));
                permissions.add(new Permission(own + "updates", MqttActivity.PUBLISH));
                permissions.add(new Permission(own + "route", MqttActivity.SUBSCRIBE));
                permissions.add(new Permission(own + "replies", MqttActivity.SUBSCRIBE));
            } else {
                permissions.add(new Permission(prefix + "bins/" + deviceId + "/decoded", MqttActivity.PUBLISH, false));
                permissions.add(new Permission(prefix + "bins/" + deviceId + "/#", MqttActivity.ALL));
                if (kind == Kind.UNKNOWN) {
                    permissions.add(new Permission(prefix + "trucks/" + deviceId + "/#", MqttActivity.ALL));
                }
            }
        }
        return permissions;
    }
}
