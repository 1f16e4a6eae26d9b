package org.clearway.dispatch.plan;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.clearway.routing.check.RouteChecker;
import org.clearway.routing.check.Violation;
import org.clearway.routing.model.BreakRule;
import org.clearway.routing.model.Depot;
import org.clearway.routing.model.Facility;
import org.clearway.routing.model.Load;
import org.clearway.routing.model.Location;
import org.clearway.routing.model.Problem;
import org.clearway.routing.model.ProblemIndex;
import org.clearway.routing.model.Route;
import org.clearway.routing.model.RouteBuilder;
import org.clearway.routing.model.Stop;
import org.clearway.routing.model.TimeWindow;
import org.clearway.routing.model.TravelMetric;
import org.clearway.routing.model.Vehicle;
import org.clearway.routing.model.Visit;
import org.clearway.routing.model.VisitKind;

/**
 * Makes a truck's route complete from where the truck is (issue 11): from its position with its load on board, its
 * pinned jobs, then the bins the solver gave it in the solver's order, an unload wherever the load would overflow or
 * change stream and before the return when the truck must end empty (at the facility open then that takes the
 * stream with the least detour), its break if its window is still ahead, and its depot. The route is timed again from
 * the truck's position and checked by routing's {@link RouteChecker}; when the check fails, the solver's bins are
 * left out one at a time (the one named by a violation, else the last) until it passes (they go back to open).
 *
 * <p>The checker knows routes from a depot with an empty truck only, so the route it checks is the truck's state
 * written in its terms: the truck left its depot just in time to reach {@code here} at the route's start and took its
 * load on board there (a stop {@link #HERE} with that demand); what follows is checked rule by rule as any route.
 * That first leg is not part of the published route, its distance or its duration.
 */
final class RouteCompletion {

    /** The stop id of the truck's position and load in the checked route. */
    static final String HERE = "here";

    private final ShiftProblem shift;
    private final ShiftProblem.TruckStart start;
    private final TravelMetric metric;

    /** A complete route, and what the checker said of it. */
    record Completed(Route route, List<String> bins, List<Violation> violations, double virtualDistance) {
    }

    RouteCompletion(ShiftProblem shift, ShiftProblem.TruckStart start) {
        this.shift = Objects.requireNonNull(shift, "shift");
        this.start = Objects.requireNonNull(start, "start");
        this.metric = new TravelMetric(shift.problem().distanceModel());
    }

    /**
     * The complete route through {@code pinned} and then {@code free} (stop ids of the shift problem), checked; free
     * bins are left out until the checker passes it (pinned ones never are).
     */
    Completed complete(List<PlanJob> pinned, List<String> free) {
        List<String> kept = new ArrayList<>(free);
        while (true) {
            Completed done = schedule(pinned, kept);
            if (done.violations().isEmpty() || kept.isEmpty()) {
                return done;
            }
            String culprit = done.violations().stream().map(Violation::subject).filter(kept::contains).findFirst()
                    .orElse(kept.get(kept.size() - 1));
            kept.remove(culprit);
        }
    }

    private Completed schedule(List<PlanJob> pinned, List<String> free) {
        Vehicle truck = start.vehicle();
        Depot depot = new Depot(truck.depotId(), location(truck.depotId()));
        List<Stop> stops = new ArrayList<>();
        List<String> bins = new ArrayList<>();
        for (PlanJob job : pinned) {
            Stop stop = new Stop(job.stopId(), Location.ofLatLon(job.lat(), job.lon()), job.stream(),
                    ProblemBuilder.demand(job), shift.binService(), TimeWindow.ALWAYS);
            stops.add(stop);
            bins.add(stop.id());
        }
        ProblemIndex solverIndex = new ProblemIndex(shift.problem());
        for (String id : free) {
            stops.add(solverIndex.stop(id));
            bins.add(id);
        }
        String firstStream = start.stream() != null ? start.stream()
                : !stops.isEmpty() ? stops.get(0).stream()
                : truck.streams().isEmpty() ? "residual" : truck.streams().iterator().next();
        stops.add(0, new Stop(HERE, start.here(), firstStream, start.onBoard(), 0, TimeWindow.ALWAYS));
        double lead = metric.time(depot.location(), start.here());
        double leaveDepot = start.at() - lead;
        long shiftStart = (long) Math.floor(Math.min(leaveDepot, truck.shiftStart()));
        Vehicle checked = new Vehicle(truck.id(), truck.depotId(), truck.capacity(), truck.streams(),
                shiftStart, Math.max(truck.shiftEnd(), shiftStart), truck.breakRule(), 0, truck.endEmpty());
        Problem problem = new Problem(shift.problem().name() + "-" + truck.id(), shift.problem().distanceModel(),
                List.of(depot), shift.problem().facilities(), List.of(checked), stops);
        ProblemIndex index = new ProblemIndex(problem);
        RouteBuilder routes = new RouteBuilder(index);
        List<Visit> sequence = sequence(index, routes, bins, start.at());
        Timing timing = time(routes, sequence, leaveDepot, truck.breakRule(), -1);
        if (timing.breakStart() == null && truck.breakRule() != null && timing.missedAt() > 0) {
            timing = time(routes, sequence, leaveDepot, truck.breakRule(), timing.missedAt() - 1);
        }
        Route route = routes.build(checked, sequence, timing.starts(), timing.breakStart());
        List<Violation> violations = new RouteChecker(index).check(route).violations();
        return new Completed(route, bins, List.copyOf(violations), metric.distance(depot.location(), start.here()));
    }

    /** START, here, the bins with the unloads their loads need, a last unload when the truck must end empty, END. */
    private List<Visit> sequence(ProblemIndex index, RouteBuilder routes, List<String> bins, double now) {
        Vehicle truck = start.vehicle();
        List<Visit> out = new ArrayList<>();
        out.add(Visit.ref(VisitKind.START, truck.depotId()));
        out.add(Visit.ref(VisitKind.STOP, HERE));
        Load load = start.onBoard();
        String stream = start.stream();
        double time = now;
        Location at = start.here();
        for (String id : bins) {
            Stop stop = index.stop(id);
            boolean full = !load.plus(stop.demand()).fitsIn(truck.capacity());
            boolean other = stream != null && !stream.equals(stop.stream());
            if (!load.isZero() && (full || other)) {
                Facility f = facility(index, at, time, stream, stop.location());
                if (f != null) {
                    out.add(Visit.ref(VisitKind.UNLOAD, f.id()));
                    time = Math.max(time + metric.time(at, f.location()), f.opening().start()) + f.unloadTime();
                    at = f.location();
                }
                load = Load.ZERO;
                stream = null;
            }
            out.add(Visit.ref(VisitKind.STOP, id));
            time = Math.max(time + metric.time(at, stop.location()), stop.window().start()) + stop.serviceTime();
            at = stop.location();
            load = load.plus(stop.demand());
            stream = stop.stream();
        }
        Location home = index.depot(truck.depotId()).location();
        if (truck.endEmpty() && !load.isZero()) {
            Facility f = facility(index, at, time, stream, home);
            if (f != null) {
                out.add(Visit.ref(VisitKind.UNLOAD, f.id()));
            }
        }
        out.add(Visit.ref(VisitKind.END, truck.depotId()));
        return out;
    }

    /** The facility taking {@code stream} open on arrival with the least time from {@code at} to {@code next}. */
    private Facility facility(ProblemIndex index, Location at, double time, String stream, Location next) {
        Facility best = null;
        double bestCost = Double.POSITIVE_INFINITY;
        for (Facility f : index.problem().facilities()) {
            if (!f.accepts(stream)) {
                continue;
            }
            double begin = Math.max(time + metric.time(at, f.location()), f.opening().start());
            boolean open = begin <= f.opening().end();
            double cost = (open ? 0 : 1e9) + begin - time + f.unloadTime() + metric.time(f.location(), next);
            if (cost < bestCost) {
                best = f;
                bestCost = cost;
            }
        }
        return best;
    }

    private record Timing(double[] starts, Double breakStart, int missedAt) {
    }

    /**
     * Service starts along the sequence, the break on the first leg that arrives at or after its window opens (or on
     * leg {@code forcedLeg}), never on the first leg (the truck's way from its depot to where it is).
     *
     * @return the times, the break's start (null when none), and the leg at which the window was found already
     *         closed (0: never)
     */
    private Timing time(RouteBuilder routes, List<Visit> sequence, double leaveDepot, BreakRule rule, int forcedLeg) {
        double[] starts = new double[sequence.size()];
        starts[0] = leaveDepot;
        Double breakStart = null;
        int missedAt = 0;
        for (int i = 1; i < sequence.size(); i++) {
            Visit from = sequence.get(i - 1);
            Visit to = sequence.get(i);
            double depart = starts[i - 1] + routes.serviceTime(from);
            double travel = routes.travelTime(from, to);
            double earliest = depart + travel;
            boolean legWanted = i >= 2 && rule != null && breakStart == null
                    && (forcedLeg >= 0 ? i == forcedLeg : depart + travel >= rule.earliestStart());
            if (legWanted) {
                double s = Math.max(rule.earliestStart(), depart);
                if (s <= rule.latestStart()) {
                    breakStart = s;
                    earliest = Math.max(depart + travel + rule.duration(), s + rule.duration());
                } else if (missedAt == 0) {
                    missedAt = i;
                }
            }
            starts[i] = Math.max(earliest, routes.window(to).start());
        }
        if (rule != null && breakStart == null) {
            double end = starts[starts.length - 1];
            double after = Math.max(rule.earliestStart(), end);
            breakStart = after <= rule.latestStart() && sequence.size() > 2 ? after : null;
        }
        return new Timing(starts, breakStart, missedAt);
    }

    private Location location(String depotId) {
        return shift.problem().depots().stream().filter(d -> d.id().equals(depotId)).map(Depot::location).findFirst()
                .orElseThrow(() -> new IllegalStateException("no depot " + depotId + " in the shift problem"));
    }
}
