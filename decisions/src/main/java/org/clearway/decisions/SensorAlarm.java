package org.clearway.decisions;

import java.util.Optional;

import org.clearway.core.job.JobReason;

/** The alarms a reading may carry, by their contract names, and the job each one asks for. */
public enum SensorAlarm {
    FIRE("fire", JobReason.FIRE_ALARM),
    TILT("tilt", JobReason.MAINTENANCE),
    TAMPER("tamper", JobReason.MAINTENANCE),
    SENSOR_FAULT("sensor_fault", JobReason.MAINTENANCE),
    /** informational: no job */
    LID_OPEN("lid_open", null),
    /** low battery, informational here: the device fleet handles batteries */
    BATTERY("battery", null);

    private final String wireName;
    private final JobReason jobReason;

    SensorAlarm(String wireName, JobReason jobReason) {
        this.wireName = wireName;
        this.jobReason = jobReason;
    }

    public String wireName() {
        return wireName;
    }

    /** The job this alarm asks for, if any. */
    public Optional<JobReason> jobReason() {
        return Optional.ofNullable(jobReason);
    }

    /** The alarm of a contract name; empty for a name this module does not know (it is then ignored). */
    public static Optional<SensorAlarm> fromWireName(String name) {
        for (SensorAlarm alarm : values()) {
            if (alarm.wireName.equals(name)) {
                return Optional.of(alarm);
            }
        }
        return Optional.empty();
    }
}
