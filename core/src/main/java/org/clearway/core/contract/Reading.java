package org.clearway.core.contract;

import java.time.Instant;
import java.util.List;

/**
 * One reading as the contract defines it, validated. Either {@code fill} or {@code distanceMm} is
 * present (both may be); optional fields are null when absent.
 */
public record Reading(
        String binId,
        Instant measuredAt,
        Double fill,
        Integer distanceMm,
        Long seq,
        Double battery,
        Double tempC,
        Boolean tilt,
        Integer rssi,
        List<Alarm> alarms) {

    public Reading {
        alarms = alarms == null ? List.of() : List.copyOf(alarms);
    }
}
