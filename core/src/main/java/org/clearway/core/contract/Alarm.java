package org.clearway.core.contract;

import java.util.Optional;

/** The alarms a sensor may raise, by their contract names. */
public enum Alarm {
    FIRE("fire"),
    TILT("tilt"),
    TAMPER("tamper"),
    LID_OPEN("lid_open"),
    SENSOR_FAULT("sensor_fault");

    private final String wireName;

    Alarm(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static Optional<Alarm> fromWireName(String name) {
        for (Alarm alarm : values()) {
            if (alarm.wireName.equals(name)) {
                return Optional.of(alarm);
            }
        }
        return Optional.empty();
    }
}
