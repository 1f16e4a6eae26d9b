package org.clearway.ingest.sources;

import org.clearway.core.contract.devices.Uplink;
import org.clearway.ingest.message.StatusEvent;

/**
 * What one network server's message holds: an uplink, a status of its device, or both (The Things Stack's uplink
 * message carries the device's last battery level).
 *
 * @param uplink null for a status event
 * @param status null when the message says nothing of the device's status
 */
public record ServerMessage(Uplink uplink, StatusEvent status) {
    public static ServerMessage of(Uplink uplink) {
        return new ServerMessage(uplink, null);
    }

    /** The device the message is about. */
    public String deviceId() {
        return uplink != null ? uplink.deviceId() : status.deviceId();
    }
}
