package org.clearway.core.contract;

import java.util.List;

/**
 * What one MQTT message held: the valid readings, and a rejection for each bad part (the whole
 * message, or single readings of a batch).
 */
public record DecodedMessage(String binId, List<Reading> readings, List<Rejection> rejections) {
    public DecodedMessage {
        readings = List.copyOf(readings);
        rejections = List.copyOf(rejections);
    }

    public static DecodedMessage rejected(String binId, Rejection rejection) {
        return new DecodedMessage(binId, List.of(), List.of(rejection));
    }
}
