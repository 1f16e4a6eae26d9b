package org.clearway.core.contract;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.temporal.ChronoUnit;

/**
 * One {@link Reading} as the device contract's reading JSON ({@code ts}, {@code fill} and/or {@code distanceMm},
 * then the optional fields it has), the shape {@link TelemetryDecoder} reads: what ingest relays on
 * {@code {prefix}bins/{binId}/decoded}. The time is written to the microsecond.
 */
public final class ReadingJson {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ReadingJson() {
    }

    public static byte[] of(Reading r) {
        ObjectNode node = JSON.createObjectNode();
        node.put("ts", r.measuredAt().truncatedTo(ChronoUnit.MICROS).toString());
        if (r.fill() != null) {
            node.put("fill", r.fill());
        }
        if (r.distanceMm() != null) {
            node.put("distanceMm", r.distanceMm());
        }
        if (r.seq() != null) {
            node.put("seq", r.seq());
        }
        if (r.battery() != null) {
            node.put("battery", r.battery());
        }
        if (r.tempC() != null) {
            node.put("tempC", r.tempC());
        }
        if (r.tilt() != null) {
            node.put("tilt", r.tilt());
        }
        if (r.rssi() != null) {
            node.put("rssi", r.rssi());
        }
        if (!r.alarms().isEmpty()) {
            ArrayNode alarms = node.putArray("alarms");
            r.alarms().forEach(a -> alarms.add(a.wireName()));
        }
        try {
            return JSON.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a reading tree always serializes", e);
        }
    }
}
