package org.clearway.routing.check;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.clearway.routing.model.BreakRule;
import org.clearway.routing.model.Facility;
import org.clearway.routing.model.Load;
import org.clearway.routing.model.Location;
import org.clearway.routing.model.ProblemIndex;
import org.clearway.routing.model.Route;
import org.clearway.routing.model.Stop;
import org.clearway.routing.model.TravelMetric;
import org.clearway.routing.model.Vehicle;
import org.clearway.routing.model.Visit;
import org.clearway.routing.model.VisitKind;

/**
 * Checks one route against the problem's rules, recomputing everything from the sequence of visits and the
 * distance model: it trusts neither the reported loads nor the distance. It shares no code with the planners.
 * Every unload must empty a load: a bin stop comes between the start or an unload and the next unload. What the
 * truck collects in the whole shift (every load together) stays within its shift cap, and its bin stops within its
 * stop limit.
 */
public final class RouteChecker {

    private final ProblemIndex index;
    private final TravelMetric metric;

    public RouteChecker(ProblemIndex index) {
        this.index = index;
        this.metric = index.metric();
    }

    /** Result for one route: its violations and its recomputed distance. */
    public record RouteCheck(List<Violation> violations, double distance) {
    }

    public RouteCheck check(Route route) {
        List<Violation> out = new ArrayList<>();
        Vehicle vehicle = index.vehicle(route.vehicleId());
        if (vehicle == null) {
            out.add(new Violation(ViolationKind.UNKNOWN_VEHICLE, route.vehicleId(), null, "no such truck in the problem"));
            return new RouteCheck(out, 0);
        }
        if (!wellFormed(route, vehicle, out)) {
            return new RouteCheck(out, 0);
        }
        List<Visit> visits = route.visits();
        int breakGap = checkBreak(route, vehicle, out);
        double distance = 0;
        Load load = Load.ZERO;
        String loadStream = null;
        boolean loaded = false;
        int lastUnload = -1;
        Load collected = Load.ZERO;
        long stops = 0;
        boolean capBroken = false;
        boolean limitBroken = false;
        for (int i = 0; i < visits.size(); i++) {
            Visit visit = visits.get(i);
            if (i > 0) {
                Visit previous = visits.get(i - 1);
                distance += metric.distance(location(previous), location(visit));
                checkTravel(vehicle, previous, visit, i - 1 == breakGap, out);
            }
            switch (visit.kind()) {
                case START -> {
                    if (visit.start() < vehicle.shiftStart() - tolerance(visit.start())) {
                        out.add(violation(ViolationKind.SHIFT, vehicle, visit, "leaves at " + visit.start()
                                + " before the shift starts at " + vehicle.shiftStart()));
                    }
                }
                case STOP -> {
                    Stop stop = index.stop(visit.id());
                    if (!stop.window().contains(visit.start(), tolerance(visit.start()))) {
                        out.add(violation(ViolationKind.TIME_WINDOW, vehicle, visit, "service starts at " + visit.start()
                                + " outside [" + stop.window().start() + ", " + stop.window().end() + "]"));
                    }
                    if (!vehicle.accepts(stop.stream())) {
                        out.add(violation(ViolationKind.STREAM_NOT_ALLOWED, vehicle, visit,
                                "truck does not collect stream " + stop.stream()));
                    }
                    if (!stop.allows(vehicle.id())) {
                        out.add(violation(ViolationKind.PINNED, vehicle, visit, "stop is pinned to " + stop.vehicle()));
                    }
                    if (loadStream != null && !loadStream.equals(stop.stream())) {
                        out.add(violation(ViolationKind.MIXED_STREAMS, vehicle, visit, "stream " + stop.stream()
                                + " added to a load of " + loadStream));
                    }
                    loadStream = loadStream == null ? stop.stream() : loadStream;
                    loaded = true;
                    load = load.plus(stop.demand());
                    if (!load.fitsIn(vehicle.capacity())) {
                        out.add(violation(ViolationKind.CAPACITY, vehicle, visit, "load " + load.volume() + " l / "
                                + load.weight() + " kg exceeds capacity " + vehicle.capacity().volume() + " l / "
                                + vehicle.capacity().weight() + " kg"));
                    }
                    collected = collected.plus(stop.demand());
                    stops++;
                    if (!capBroken && !vehicle.withinShiftCap(collected)) {
                        capBroken = true;
                        out.add(violation(ViolationKind.SHIFT_CAP, vehicle, visit, "collects " + collected.volume()
                                + " l / " + collected.weight() + " kg in the shift by here, above its shift cap "
                                + cap(vehicle.shiftCap())));
                    }
                    if (!limitBroken && !vehicle.withinStopLimit(stops)) {
                        limitBroken = true;
                        out.add(violation(ViolationKind.STOP_LIMIT, vehicle, visit, "stop number " + stops
                                + " of the shift, above its limit of " + vehicle.maxStops() + " stops"));
                    }
                }
                case UNLOAD -> {
                    Facility facility = index.facility(visit.id());
                    if (!facility.opening().contains(visit.start(), tolerance(visit.start()))) {
                        out.add(violation(ViolationKind.TIME_WINDOW, vehicle, visit, "unload starts at " + visit.start()
                                + " outside opening [" + facility.opening().start() + ", " + facility.opening().end() + "]"));
                    }
                    if (loadStream != null && !facility.accepts(loadStream)) {
                        out.add(violation(ViolationKind.STREAM_NOT_ALLOWED, vehicle, visit,
                                "facility does not accept stream " + loadStream));
                    }
                    if (!loaded) {
                        out.add(violation(ViolationKind.NEEDLESS_UNLOAD, vehicle, visit, "unload with nothing on board: "
                                + "no bin stop since " + (lastUnload < 0 ? "the start" : "the unload at " + visits.get(lastUnload).id())));
                    }
                    load = Load.ZERO;
                    loadStream = null;
                    loaded = false;
                    lastUnload = i;
                }
                case END -> {
                    if (visit.start() > vehicle.shiftEnd() + tolerance(visit.start())) {
                        out.add(violation(ViolationKind.SHIFT, vehicle, visit, "returns at " + visit.start()
                                + " after the shift ends at " + vehicle.shiftEnd()));
                    }
                    if (vehicle.endEmpty() && !load.isZero()) {
                        out.add(violation(ViolationKind.RETURNED_LOADED, vehicle, visit,
                                "returns with " + load.volume() + " l on board but must end empty"));
                    }
                }
            }
            if (!Objects.equals(visit.load(), load)) {
                out.add(violation(ViolationKind.REPORT_MISMATCH, vehicle, visit, "reported load " + visit.load()
                        + " but the recomputed load is " + load));
            }
        }
        if (Math.abs(distance - route.distance()) > tolerance(distance)) {
            out.add(new Violation(ViolationKind.REPORT_MISMATCH, vehicle.id(), null, "reported distance "
                    + route.distance() + " but the recomputed distance is " + distance));
        }
        return new RouteCheck(out, distance);
    }

    private boolean wellFormed(Route route, Vehicle vehicle, List<Violation> out) {
        List<Visit> visits = route.visits();
        if (visits.size() < 2 || visits.get(0).kind() != VisitKind.START
                || visits.get(visits.size() - 1).kind() != VisitKind.END) {
            out.add(new Violation(ViolationKind.BAD_SEQUENCE, vehicle.id(), null, "a route must begin with START and end with END"));
            return false;
        }
        boolean ok = true;
        for (int i = 0; i < visits.size(); i++) {
            Visit visit = visits.get(i);
            boolean edge = i == 0 || i == visits.size() - 1;
            boolean known = switch (visit.kind()) {
                case START, END -> edge && vehicle.depotId().equals(visit.id()) && index.depot(visit.id()) != null;
                case STOP -> !edge && index.stop(visit.id()) != null;
                case UNLOAD -> !edge && index.facility(visit.id()) != null;
            };
            if (!known) {
                out.add(violation(ViolationKind.BAD_SEQUENCE, vehicle, visit, "unknown place, or not the truck's depot "
                        + vehicle.depotId() + " at the route's ends"));
                ok = false;
            }
        }
        return ok;
    }

    /** Checks the break and returns the gap (index of the visit it follows) holding it, or -1. */
    private int checkBreak(Route route, Vehicle vehicle, List<Violation> out) {
        BreakRule rule = vehicle.breakRule();
        List<Visit> visits = route.visits();
        if (rule == null || visits.size() <= 2) {
            return -1;
        }
        Double start = route.breakStart();
        if (start == null) {
            out.add(new Violation(ViolationKind.BREAK, vehicle.id(), null, "no break planned"));
            return -1;
        }
        double tol = tolerance(start);
        if (start < rule.earliestStart() - tol || start > rule.latestStart() + tol) {
            out.add(new Violation(ViolationKind.BREAK, vehicle.id(), null, "break at " + start + " outside ["
                    + rule.earliestStart() + ", " + rule.latestStart() + "]"));
        }
        double end = start + rule.duration();
        if (end <= visits.get(0).start() + tol || start >= visits.get(visits.size() - 1).start() - tol) {
            return -1;
        }
        for (int i = 0; i + 1 < visits.size(); i++) {
            Visit from = visits.get(i);
            Visit to = visits.get(i + 1);
            double depart = from.start() + serviceTime(from);
            double travel = metric.time(location(from), location(to));
            if (start >= depart - tol && end <= to.start() + tol
                    && to.start() - depart >= travel + rule.duration() - tolerance(to.start())) {
                return i;
            }
        }
        out.add(new Violation(ViolationKind.BREAK, vehicle.id(), null, "break at " + start + " for " + rule.duration()
                + " s overlaps a service or leaves too little time to drive"));
        return -1;
    }

    private void checkTravel(Vehicle vehicle, Visit from, Visit to, boolean holdsBreak, List<Violation> out) {
        double depart = from.start() + serviceTime(from);
        double travel = metric.time(location(from), location(to));
        double earliest = depart + travel + (holdsBreak ? vehicle.breakRule().duration() : 0);
        if (to.start() < earliest - tolerance(earliest)) {
            out.add(violation(ViolationKind.TRAVEL_TIME, vehicle, to, "starts at " + to.start()
                    + " but cannot start before " + earliest + " (leaves " + from.id() + " at " + depart + ")"));
        }
        if (Math.abs(to.arrival() - (depart + travel)) > tolerance(depart + travel)) {
            out.add(violation(ViolationKind.REPORT_MISMATCH, vehicle, to, "reported arrival " + to.arrival()
                    + " but departure plus travel is " + (depart + travel)));
        }
    }

    private Location location(Visit visit) {
        return switch (visit.kind()) {
            case START, END -> index.depot(visit.id()).location();
            case STOP -> index.stop(visit.id()).location();
            case UNLOAD -> index.facility(visit.id()).location();
        };
    }

    private long serviceTime(Visit visit) {
        return switch (visit.kind()) {
            case START, END -> 0;
            case STOP -> index.stop(visit.id()).serviceTime();
            case UNLOAD -> index.facility(visit.id()).unloadTime();
        };
    }

    private static String cap(Load cap) {
        return (cap.volume() == Vehicle.NO_CAP ? "any" : String.valueOf(cap.volume())) + " l / "
                + (cap.weight() == Vehicle.NO_CAP ? "any" : String.valueOf(cap.weight())) + " kg";
    }

    private static Violation violation(ViolationKind kind, Vehicle vehicle, Visit visit, String message) {
        return new Violation(kind, vehicle.id(), visit.id(), message);
    }

    static double tolerance(double value) {
        return 1e-6 * Math.max(1.0, Math.abs(value));
    }
}
