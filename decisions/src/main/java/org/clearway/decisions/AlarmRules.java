package org.clearway.decisions;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.clearway.core.job.JobReason;
import org.clearway.core.job.Priority;

/**
 * Alarms that ask for jobs. An alarm asks when it <em>appears</em>: present in this reading, absent from the one
 * before. Fire asks for an urgent FIRE_ALARM job; tilt, tamper and sensor_fault ask together for one MAINTENANCE
 * job; lid_open, battery and unknown names ask for nothing.
 */
final class AlarmRules {

    /** A job an alarm asks for. */
    record Request(JobReason reason, Priority priority, String cause) {
    }

    private AlarmRules() {
    }

    static List<Request> onsets(Set<String> before, Set<String> now) {
        boolean fire = false;
        Set<String> maintenance = new TreeSet<>();
        for (String name : now) {
            if (before.contains(name)) {
                continue;
            }
            JobReason reason = SensorAlarm.fromWireName(name).flatMap(SensorAlarm::jobReason).orElse(null);
            if (reason == JobReason.FIRE_ALARM) {
                fire = true;
            } else if (reason == JobReason.MAINTENANCE) {
                maintenance.add(name);
            }
        }
        List<Request> requests = new ArrayList<>(2);
        if (fire) {
            requests.add(new Request(JobReason.FIRE_ALARM, Priority.URGENT, "fire alarm"));
        }
        if (!maintenance.isEmpty()) {
            requests.add(new Request(JobReason.MAINTENANCE, Priority.MAINTENANCE, "alarm: " + String.join(", ", maintenance)));
        }
        return requests;
    }
}
