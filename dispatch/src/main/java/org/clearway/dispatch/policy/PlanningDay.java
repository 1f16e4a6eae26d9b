package org.clearway.dispatch.policy;

import java.time.Instant;

/**
 * The moment a shift day is planned.
 *
 * @param day               days since {@link Schedule#START}
 * @param planAt            now (05:30 of the day)
 * @param nextVisitDeadline a bin left out today can be emptied next at the latest by this time: the end of the next
 *                          working day's shift
 */
public record PlanningDay(int day, Instant planAt, Instant nextVisitDeadline) {

    public static PlanningDay of(int day) {
        return new PlanningDay(day, Schedule.dayStart(day).plusSeconds(Schedule.PLAN_AT_S),
                Schedule.shiftEnd(Schedule.nextWorkingDay(day)));
    }
}
