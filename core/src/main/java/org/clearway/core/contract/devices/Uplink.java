package org.clearway.core.contract.devices;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * One device uplink as a network server hands it over, whatever its JSON: the device, when the
 * server received it, the LoRaWAN port and counter, the frame's bytes and the server's own decoded
 * object if it made one. The time is truncated to microseconds, as PostgreSQL keeps it.
 *
 * @param deviceId     the device's registry id: its DevEUI (16 lower-case hex digits) or device id
 * @param receivedAt   when the network server received the uplink; the reading's measured time
 * @param fPort        LoRaWAN port, -1 when the source has none
 * @param fCnt         LoRaWAN uplink counter, null when absent; becomes the reading's {@code seq}
 * @param bytes        the application payload; null when the server sent none
 * @param serverObject the server's decoded object; null when it made none
 * @param rssi         the best gateway's RSSI in dBm, null when absent
 */
public record Uplink(String deviceId, Instant receivedAt, int fPort, Long fCnt, byte[] bytes, JsonNode serverObject,
                     Integer rssi) {
    public Uplink {
        receivedAt = receivedAt == null ? null : receivedAt.truncatedTo(ChronoUnit.MICROS);
    }
}
