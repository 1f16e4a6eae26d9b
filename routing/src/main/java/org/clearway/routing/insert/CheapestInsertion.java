package org.clearway.routing.insert;

import java.util.ArrayList;
import java.util.List;

import org.clearway.routing.UrgentInsertion;
import org.clearway.routing.check.RouteChecker;
import org.clearway.routing.model.Facility;
import org.clearway.routing.model.Problem;
import org.clearway.routing.model.ProblemIndex;
import org.clearway.routing.model.Route;
import org.clearway.routing.model.RouteBuilder;
import org.clearway.routing.model.Solution;
import org.clearway.routing.model.SolveStats;
import org.clearway.routing.model.Stop;
import org.clearway.routing.model.Vehicle;
import org.clearway.routing.model.Visit;
import org.clearway.routing.model.VisitKind;

/**
 * Inserts an urgent stop into running routes at the cheapest position that passes the {@link RouteChecker}.
 * Visits already served (service started by {@code now}) and the visit a truck is driving to stay fixed, with
 * their times. Each position is tried with the stop alone, and with an unload just before or just after it, on
 * every used truck and on every idle truck.
 */
public final class CheapestInsertion {

    /** One feasible way to take the stop. */
    private record Candidate(Route route, double extraCost) {
    }

    public UrgentInsertion insert(Problem problem, Solution running, Stop urgent, double now) {
        Problem extended = problem.withStop(urgent);
        ProblemIndex index = new ProblemIndex(extended);
        RouteBuilder builder = new RouteBuilder(index);
        RouteScheduler scheduler = new RouteScheduler(builder);
        RouteChecker checker = new RouteChecker(index);
        List<Facility> unloads = extended.facilities().stream().filter(f -> f.accepts(urgent.stream())).toList();
        Candidate best = null;
        for (Vehicle vehicle : extended.vehicles()) {
            if (!vehicle.accepts(urgent.stream()) || !urgent.allows(vehicle.id())) {
                continue;
            }
            Route current = running.routeOf(vehicle.id());
            Candidate candidate = current == null
                    ? bestOnIdleTruck(vehicle, urgent, unloads, now, builder, scheduler, checker)
                    : bestOnRoute(vehicle, current, urgent, unloads, now, builder, scheduler, checker);
            if (candidate != null && (best == null || candidate.extraCost() < best.extraCost())) {
                best = candidate;
            }
        }
        SolveStats stats = new SolveStats(best == null ? "URGENT_NOT_INSERTED" : "URGENT_INSERTED", 0, 0);
        if (best == null) {
            List<String> unplanned = new ArrayList<>(running.unplanned());
            unplanned.add(urgent.id());
            return new UrgentInsertion(extended, Solution.of(index, running.routes(), unplanned, stats), false, null);
        }
        List<Route> routes = new ArrayList<>();
        boolean replaced = false;
        for (Route route : running.routes()) {
            boolean same = route.vehicleId().equals(best.route().vehicleId());
            routes.add(same ? best.route() : route);
            replaced |= same;
        }
        if (!replaced) {
            routes.add(best.route());
        }
        return new UrgentInsertion(extended, Solution.of(index, routes, running.unplanned(), stats), true,
                best.route().vehicleId());
    }

    private Candidate bestOnRoute(Vehicle vehicle, Route current, Stop urgent, List<Facility> unloads, double now,
                                  RouteBuilder builder, RouteScheduler scheduler, RouteChecker checker) {
        List<Visit> visits = current.visits();
        int fixed = fixedCount(visits, now, builder);
        if (fixed >= visits.size()) {
            return null;
        }
        double[] fixedStarts = visits.stream().limit(fixed).mapToDouble(Visit::start).toArray();
        Double fixedBreak = current.breakStart() != null && current.breakStart() < now ? current.breakStart() : null;
        Candidate best = null;
        for (int position = Math.max(1, fixed); position < visits.size(); position++) {
            for (List<Visit> insertion : insertions(urgent, unloads)) {
                List<Visit> sequence = new ArrayList<>(visits.subList(0, position));
                sequence.addAll(insertion);
                sequence.addAll(visits.subList(position, visits.size()));
                Candidate candidate = evaluate(vehicle, sequence, fixed, fixedStarts, fixedBreak, now,
                        current.distance(), builder, scheduler, checker);
                if (candidate != null && (best == null || candidate.extraCost() < best.extraCost())) {
                    best = candidate;
                }
            }
        }
        return best;
    }

    private Candidate bestOnIdleTruck(Vehicle vehicle, Stop urgent, List<Facility> unloads, double now,
                                      RouteBuilder builder, RouteScheduler scheduler, RouteChecker checker) {
        Candidate best = null;
        for (List<Visit> insertion : insertions(urgent, unloads)) {
            List<Visit> sequence = new ArrayList<>();
            sequence.add(Visit.ref(VisitKind.START, vehicle.depotId()));
            sequence.addAll(insertion);
            sequence.add(Visit.ref(VisitKind.END, vehicle.depotId()));
            Candidate candidate = evaluate(vehicle, sequence, 0, new double[0], null, now, -vehicle.fixedCost(),
                    builder, scheduler, checker);
            if (candidate != null && (best == null || candidate.extraCost() < best.extraCost())) {
                best = candidate;
            }
        }
        return best;
    }

    private static Candidate evaluate(Vehicle vehicle, List<Visit> sequence, int fixed, double[] fixedStarts,
                                      Double fixedBreak, double now, double previousCost, RouteBuilder builder,
                                      RouteScheduler scheduler, RouteChecker checker) {
        RouteScheduler.Schedule schedule = scheduler.schedule(vehicle, sequence, fixed, fixedStarts, fixedBreak, now);
        if (schedule == null) {
            return null;
        }
        Route route = builder.build(vehicle, sequence, schedule.starts(), schedule.breakStart());
        if (!checker.check(route).violations().isEmpty()) {
            return null;
        }
        return new Candidate(route, route.distance() - previousCost);
    }

    /** The stop alone, then with an unload after it, then with an unload before it. */
    private static List<List<Visit>> insertions(Stop urgent, List<Facility> unloads) {
        Visit stop = Visit.ref(VisitKind.STOP, urgent.id());
        List<List<Visit>> out = new ArrayList<>();
        out.add(List.of(stop));
        for (Facility facility : unloads) {
            Visit unload = Visit.ref(VisitKind.UNLOAD, facility.id());
            out.add(List.of(stop, unload));
            out.add(List.of(unload, stop));
        }
        return out;
    }

    /**
     * Visits whose service started by {@code now}, plus the next one when the truck has already left for it.
     */
    static int fixedCount(List<Visit> visits, double now, RouteBuilder builder) {
        int fixed = 0;
        while (fixed < visits.size() && visits.get(fixed).start() <= now) {
            fixed++;
        }
        if (fixed > 0 && fixed < visits.size()) {
            Visit last = visits.get(fixed - 1);
            if (last.start() + builder.serviceTime(last) < now) {
                fixed++;
            }
        }
        return fixed;
    }
}
