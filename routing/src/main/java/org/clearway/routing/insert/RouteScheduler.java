package org.clearway.routing.insert;

import java.util.List;

import org.clearway.routing.model.BreakRule;
import org.clearway.routing.model.RouteBuilder;
import org.clearway.routing.model.TimeWindow;
import org.clearway.routing.model.Vehicle;
import org.clearway.routing.model.Visit;
import org.clearway.routing.model.VisitKind;

/**
 * Earliest-start schedule of a sequence of visits, keeping the times of a fixed prefix and placing the driver's
 * break (when it is not already taken) in the gap that lets the route end earliest.
 */
final class RouteScheduler {

    /** Service start per visit, and the break start (or null). */
    record Schedule(double[] starts, Double breakStart) {

        double end() {
            return starts[starts.length - 1];
        }
    }

    private final RouteBuilder routes;

    RouteScheduler(RouteBuilder routes) {
        this.routes = routes;
    }

    /**
     * @param fixedStarts  service starts of the first {@code fixedCount} visits, kept as they are
     * @param fixedBreak   a break already started, or null
     * @param earliestStart the earliest departure when the START visit is not fixed
     * @return the schedule, or null when no schedule meets the windows and the shift
     */
    Schedule schedule(Vehicle vehicle, List<Visit> sequence, int fixedCount, double[] fixedStarts, Double fixedBreak,
                      double earliestStart) {
        BreakRule rule = vehicle.breakRule();
        if (rule == null || fixedBreak != null) {
            double[] starts = forward(vehicle, sequence, fixedCount, fixedStarts, earliestStart, -1, null);
            return starts == null ? null : new Schedule(starts, fixedBreak);
        }
        Schedule best = null;
        for (int gap = Math.max(0, fixedCount - 1); gap + 1 < sequence.size(); gap++) {
            double[] breakAt = new double[1];
            double[] starts = forward(vehicle, sequence, fixedCount, fixedStarts, earliestStart, gap, breakAt);
            if (starts != null && (best == null || starts[starts.length - 1] < best.end())) {
                best = new Schedule(starts, breakAt[0]);
            }
        }
        double[] plain = forward(vehicle, sequence, fixedCount, fixedStarts, earliestStart, -1, null);
        if (plain != null) {
            double end = plain[plain.length - 1];
            double afterEnd = Math.max(rule.earliestStart(), end);
            if (afterEnd <= rule.latestStart() && (best == null || end < best.end())) {
                best = new Schedule(plain, afterEnd);
            }
        }
        return best;
    }

    private double[] forward(Vehicle vehicle, List<Visit> sequence, int fixedCount, double[] fixedStarts,
                             double earliestStart, int breakGap, double[] breakAt) {
        int n = sequence.size();
        double[] starts = new double[n];
        System.arraycopy(fixedStarts, 0, starts, 0, fixedCount);
        if (fixedCount == 0) {
            starts[0] = Math.max(vehicle.shiftStart(), earliestStart);
        }
        for (int i = Math.max(1, fixedCount); i < n; i++) {
            Visit previous = sequence.get(i - 1);
            Visit visit = sequence.get(i);
            double depart = starts[i - 1] + routes.serviceTime(previous);
            double travel = routes.travelTime(previous, visit);
            double ready = depart + travel;
            if (i - 1 == breakGap) {
                BreakRule rule = vehicle.breakRule();
                double atArrival = Math.max(ready, rule.earliestStart());
                if (atArrival <= rule.latestStart()) {
                    breakAt[0] = atArrival;
                    ready = atArrival + rule.duration();
                } else if (Math.max(depart, rule.earliestStart()) <= rule.latestStart()) {
                    breakAt[0] = Math.max(depart, rule.earliestStart());
                    ready = ready + rule.duration();
                } else {
                    return null;
                }
            }
            TimeWindow window = window(visit);
            starts[i] = Math.max(ready, window.start());
            if (starts[i] > window.end()) {
                return null;
            }
            if (visit.kind() == VisitKind.END && starts[i] > vehicle.shiftEnd()) {
                return null;
            }
        }
        return starts;
    }

    private TimeWindow window(Visit visit) {
        return routes.window(visit);
    }
}
