package org.clearway.dispatch.plan;

import java.time.Duration;
import java.time.ZoneId;
import java.util.Objects;

/**
 * How the leader plans the trucks' routes.
 *
 * @param interval    time between two full plans ({@code CLEARWAY_DISPATCH_PLAN_INTERVAL}); one more runs when a leader
 *                    takes over
 * @param budget      the solver's time budget per plan ({@code CLEARWAY_DISPATCH_PLAN_BUDGET})
 * @param timeZone    the city's time zone ({@code CLEARWAY_DISPATCH_TIME_ZONE}): the shift day and the local shift and
 *                    opening hours
 * @param retry       how often routes the broker has not acknowledged are published again (the leader retry interval)
 * @param urgentPoll  how often the planner looks for new urgent jobs to insert into running routes
 * @param driverBreak the drivers' break ({@code CLEARWAY_DISPATCH_BREAK}, {@code CLEARWAY_DISPATCH_BREAK_WINDOW})
 * @param earlyStop   whether the solver may return before its budget when it finds no better plan
 *                    ({@code CLEARWAY_DISPATCH_PLAN_EARLY_STOP}); false uses the whole budget
 * @param truckCost   whether a truck used costs the solver the drive from its depot to its facility and back
 *                    ({@code CLEARWAY_DISPATCH_PLAN_TRUCK_COST}, off by default)
 * @param travel      the planner's streets, speed and time at a bin ({@link PlanTravel})
 * @param dispatchAhead how long before its shift starts a truck gets its route
 *                    ({@code CLEARWAY_DISPATCH_PLAN_DISPATCH_AHEAD}); until then a full plan puts jobs on it as
 *                    {@code planned} and publishes nothing, so that plans before the shift stay free to change. Null
 *                    (the default): at once
 */
public record PlanSettings(Duration interval, Duration budget, ZoneId timeZone, Duration retry, Duration urgentPoll,
                           DriverBreak driverBreak, boolean earlyStop, boolean truckCost, PlanTravel travel,
                           Duration dispatchAhead) {

    /** Settings with the default travel model whose trucks get their routes at once. */
    public PlanSettings(Duration interval, Duration budget, ZoneId timeZone, Duration retry, Duration urgentPoll,
                        DriverBreak driverBreak, boolean earlyStop, boolean truckCost) {
        this(interval, budget, timeZone, retry, urgentPoll, driverBreak, earlyStop, truckCost, PlanTravel.DEFAULT, null);
    }

    /** Settings whose trucks cost the solver nothing to use ({@code truckCost} off, the default). */
    public PlanSettings(Duration interval, Duration budget, ZoneId timeZone, Duration retry, Duration urgentPoll,
                        DriverBreak driverBreak, boolean earlyStop) {
        this(interval, budget, timeZone, retry, urgentPoll, driverBreak, earlyStop, false);
    }

    /** The default urgent poll: well inside the 1 s target from reading to route. */
    public static final Duration URGENT_POLL = Duration.ofMillis(200);

    public PlanSettings {
        Objects.requireNonNull(interval, "interval");
        Objects.requireNonNull(budget, "budget");
        Objects.requireNonNull(timeZone, "timeZone");
        Objects.requireNonNull(retry, "retry");
        Objects.requireNonNull(urgentPoll, "urgentPoll");
        Objects.requireNonNull(driverBreak, "driverBreak");
        Objects.requireNonNull(travel, "travel");
        if (dispatchAhead != null && dispatchAhead.isNegative()) {
            throw new IllegalArgumentException("dispatchAhead must not be negative, got " + dispatchAhead);
        }
    }

    /** Settings whose solver stops early when it finds no better plan. */
    public PlanSettings(Duration interval, Duration budget, ZoneId timeZone, Duration retry, Duration urgentPoll,
                        DriverBreak driverBreak) {
        this(interval, budget, timeZone, retry, urgentPoll, driverBreak, true);
    }
}
