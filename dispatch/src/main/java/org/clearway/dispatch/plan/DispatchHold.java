package org.clearway.dispatch.plan;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Set;
import java.util.TreeSet;

import org.clearway.dispatch.fleet.Truck;

/**
 * Which trucks a full plan holds back ({@link PlanSettings#dispatchAhead}): a truck whose shift starts later than that
 * from now gets its jobs as {@code planned}, no route; the plan {@code dispatchAhead} before its shift publishes the
 * route it then has. Plans made in the night so stay free to change as the rounds chore adds bins, as the lab plans
 * a day once before the shift; once a truck has its route and accepts it, later plans only add to it.
 */
final class DispatchHold {
    private final ZoneId zone;
    private final Duration ahead;

    /** @param ahead how long before its shift a truck gets its route; null: at once (nothing is held) */
    DispatchHold(ZoneId zone, Duration ahead) {
        this.zone = zone;
        this.ahead = ahead;
    }

    /** The trucks of the snapshot whose shift on its shift day starts more than {@code ahead} after its time. */
    Set<String> held(PlanSnapshot snapshot) {
        Set<String> held = new TreeSet<>();
        if (ahead == null) {
            return held;
        }
        for (Truck truck : snapshot.trucks()) {
            Instant start = snapshot.shiftDate().atTime(truck.shiftStart()).atZone(zone).toInstant();
            if (snapshot.now().isBefore(start.minus(ahead))) {
                held.add(truck.id());
            }
        }
        return held;
    }
}
