package org.clearway.routing.model;

import java.util.List;

/**
 * Finds when a driver can take the break in a route whose service times are already fixed: before the route,
 * in a gap between two visits that leaves room for the drive plus the break, or after the route.
 */
public final class BreakPlacer {

    private final RouteBuilder routes;

    public BreakPlacer(RouteBuilder routes) {
        this.routes = routes;
    }

    /** The earliest valid break start, or null when the break does not fit anywhere. */
    public Double place(BreakRule rule, List<Visit> sequence, double[] starts) {
        double first = starts[0];
        if (rule.earliestStart() + rule.duration() <= first) {
            return (double) rule.earliestStart();
        }
        for (int i = 0; i + 1 < sequence.size(); i++) {
            double depart = starts[i] + routes.serviceTime(sequence.get(i));
            double travel = routes.travelTime(sequence.get(i), sequence.get(i + 1));
            double next = starts[i + 1];
            double start = Math.max(rule.earliestStart(), depart);
            if (next - depart >= travel + rule.duration() - 1e-9 && start <= rule.latestStart()
                    && start + rule.duration() <= next + 1e-9) {
                return start;
            }
        }
        double end = starts[starts.length - 1];
        double start = Math.max(rule.earliestStart(), end);
        return start <= rule.latestStart() ? start : null;
    }
}
