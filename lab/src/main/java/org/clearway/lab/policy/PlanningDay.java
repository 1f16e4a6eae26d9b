package org.clearway.lab.policy;

import java.time.Instant;

/**
 * The moment a shift day is planned.
 *
 * @param day    days since {@link Schedule#START}
 * @param planAt now (05:30 of the day)
 */
public record PlanningDay(int day, Instant planAt) {

    public static PlanningDay of(int day) {
        return new PlanningDay(day, Schedule.dayStart(day).plusSeconds(Schedule.PLAN_AT_S));
    }
}
