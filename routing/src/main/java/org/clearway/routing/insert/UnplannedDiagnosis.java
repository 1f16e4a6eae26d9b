package org.clearway.routing.insert;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.clearway.routing.check.RouteChecker;
import org.clearway.routing.check.Violation;
import org.clearway.routing.model.Facility;
import org.clearway.routing.model.Problem;
import org.clearway.routing.model.ProblemIndex;
import org.clearway.routing.model.Route;
import org.clearway.routing.model.RouteBuilder;
import org.clearway.routing.model.Solution;
import org.clearway.routing.model.Stop;
import org.clearway.routing.model.TimeWindow;
import org.clearway.routing.model.Vehicle;
import org.clearway.routing.model.Visit;
import org.clearway.routing.model.VisitKind;
import org.clearway.routing.insert.UnplannedStop.Reason;

/**
 * Finds why each unplanned stop of a solution was left out. For every truck it first checks the stop against the
 * truck's fixed rules (stream, one load's capacity, shift cap); then it inserts the stop into the truck's route (or
 * an empty route) at every position, alone and with an unload just after or just before it at each facility taking
 * its stream, schedules each candidate at the earliest and lets the {@link RouteChecker} say which rules it breaks.
 * A reason that every candidate of a truck breaks is that truck's reason; the stop's reason is the one its trucks
 * share (or, when they differ, the most common, the detail naming each truck's).
 */
public final class UnplannedDiagnosis {

    private final Problem problem;
    private final ProblemIndex index;
    private final RouteBuilder builder;
    private final RouteScheduler scheduler;
    private final RouteChecker checker;

    public UnplannedDiagnosis(Problem problem) {
        this.problem = problem;
        this.index = new ProblemIndex(problem);
        this.builder = new RouteBuilder(index);
        this.scheduler = new RouteScheduler(builder);
        this.checker = new RouteChecker(index);
    }

    /** One diagnosis per unplanned stop, in the solution's order (stops the problem lacks are skipped). */
    public List<UnplannedStop> diagnose(Solution solution) {
        List<UnplannedStop> out = new ArrayList<>();
        for (String id : solution.unplanned()) {
            Stop stop = index.stop(id);
            if (stop != null) {
                out.add(diagnose(stop, solution));
            }
        }
        return out;
    }

    UnplannedStop diagnose(Stop stop, Solution solution) {
        if (problem.vehicles().isEmpty()) {
            return new UnplannedStop(stop.id(), Reason.TIME, "the problem has no trucks");
        }
        Map<String, Reason> byTruck = new LinkedHashMap<>();
        for (Vehicle vehicle : problem.vehicles()) {
            if (stop.allows(vehicle.id())) {
                byTruck.put(vehicle.id(), reasonFor(vehicle, stop, solution.routeOf(vehicle.id())));
            }
        }
        if (byTruck.isEmpty()) {
            return new UnplannedStop(stop.id(), Reason.STREAM, "pinned to truck " + stop.vehicle()
                    + ", which the problem does not have");
        }
        Map<Reason, List<String>> trucksByReason = new EnumMap<>(Reason.class);
        byTruck.forEach((truck, reason) -> trucksByReason.computeIfAbsent(reason, r -> new ArrayList<>()).add(truck));
        Reason main = trucksByReason.containsKey(Reason.NONE) ? Reason.NONE : trucksByReason.entrySet().stream()
                .max((a, b) -> a.getValue().size() != b.getValue().size()
                        ? Integer.compare(a.getValue().size(), b.getValue().size())
                        : Integer.compare(b.getKey().ordinal(), a.getKey().ordinal()))
                .orElseThrow().getKey();
        return new UnplannedStop(stop.id(), main, detail(stop, main, trucksByReason));
    }

    private Reason reasonFor(Vehicle vehicle, Stop stop, Route route) {
        List<Facility> unloads = problem.facilities().stream().filter(f -> f.accepts(stop.stream())).toList();
        if (!vehicle.accepts(stop.stream()) || (vehicle.endEmpty() && unloads.isEmpty())) {
            return Reason.STREAM;
        }
        if (!stop.demand().fitsIn(vehicle.capacity())) {
            return Reason.CAPACITY;
        }
        if (!vehicle.withinShiftCap(stop.demand())) {
            return Reason.CAP;
        }
        List<Visit> visits = route != null ? route.visits()
                : List.of(Visit.ref(VisitKind.START, vehicle.depotId()), Visit.ref(VisitKind.END, vehicle.depotId()));
        Set<Reason> common = null;
        Map<Reason, Integer> counts = new EnumMap<>(Reason.class);
        for (int position = 1; position < visits.size(); position++) {
            for (List<Visit> insertion : insertions(stop, unloads)) {
                List<Visit> sequence = new ArrayList<>(visits.subList(0, position));
                sequence.addAll(insertion);
                sequence.addAll(visits.subList(position, visits.size()));
                Set<Reason> broken = broken(vehicle, stop, sequence);
                if (broken == null) {
                    continue;
                }
                if (broken.isEmpty()) {
                    return Reason.NONE;
                }
                broken.forEach(r -> counts.merge(r, 1, Integer::sum));
                if (common == null) {
                    common = EnumSet.copyOf(broken);
                } else {
                    common.retainAll(broken);
                }
            }
        }
        if (common != null && !common.isEmpty()) {
            return common.iterator().next();
        }
        return counts.entrySet().stream().max(Map.Entry.comparingByValue()).map(Map.Entry::getKey).orElse(Reason.TIME);
    }

    /**
     * The reasons one candidate sequence fails, from the checker's violations of its earliest schedule; null when the
     * candidate is no way to take the stop at all (a needless unload, a loaded return where an unload variant exists).
     */
    private Set<Reason> broken(Vehicle vehicle, Stop stop, List<Visit> sequence) {
        RouteScheduler.Schedule schedule = scheduler.schedule(vehicle, sequence, 0, new double[0], null, vehicle.shiftStart());
        Set<Reason> reasons = EnumSet.noneOf(Reason.class);
        Route route;
        if (schedule != null) {
            route = builder.build(vehicle, sequence, schedule.starts(), schedule.breakStart());
        } else {
            // No schedule meets every window, the shift and the break: find which by the plain earliest schedule.
            route = builder.build(vehicle, sequence, earliest(vehicle, sequence), null);
        }
        for (Violation violation : checker.check(route).violations()) {
            switch (violation.kind()) {
                case STREAM_NOT_ALLOWED, MIXED_STREAMS -> reasons.add(Reason.STREAM);
                case CAPACITY -> reasons.add(Reason.CAPACITY);
                case SHIFT_CAP, STOP_LIMIT -> reasons.add(Reason.CAP);
                case TIME_WINDOW -> reasons.add(stop.id().equals(violation.subject()) ? Reason.WINDOW : Reason.TIME);
                case SHIFT, TRAVEL_TIME -> reasons.add(Reason.TIME);
                case BREAK -> {
                    // the plain schedule has no break; the scheduler's failure counts as TIME below
                }
                default -> {
                    return null; // an unload with nothing on board, or none before an empty return: not a way to take it
                }
            }
        }
        if (schedule == null && !reasons.contains(Reason.WINDOW)) {
            reasons.add(Reason.TIME); // the windows hold without the break, or the shift ends first: time either way
        }
        return reasons;
    }

    /** Earliest service starts, waiting for window openings, never failing (windows may be missed). */
    private double[] earliest(Vehicle vehicle, List<Visit> sequence) {
        double[] starts = new double[sequence.size()];
        starts[0] = vehicle.shiftStart();
        for (int i = 1; i < starts.length; i++) {
            Visit previous = sequence.get(i - 1);
            TimeWindow window = builder.window(sequence.get(i));
            starts[i] = Math.max(window.start(), starts[i - 1] + builder.serviceTime(previous)
                    + builder.travelTime(previous, sequence.get(i)));
        }
        return starts;
    }

    /** The stop alone, then with an unload after it, then with an unload before it. */
    private static List<List<Visit>> insertions(Stop stop, List<Facility> unloads) {
        Visit visit = Visit.ref(VisitKind.STOP, stop.id());
        List<List<Visit>> out = new ArrayList<>();
        out.add(List.of(visit));
        for (Facility facility : unloads) {
            Visit unload = Visit.ref(VisitKind.UNLOAD, facility.id());
            out.add(List.of(visit, unload));
            out.add(List.of(unload, visit));
        }
        return out;
    }

    private static String detail(Stop stop, Reason main, Map<Reason, List<String>> trucksByReason) {
        String what = switch (main) {
            case STREAM -> "no truck can take stream " + stop.stream() + ": none collects it or can unload it where it "
                    + "must, or each truck's load holds another stream with no unload possible before it";
            case CAPACITY -> "its demand " + stop.demand().volume() + " l / " + stop.demand().weight()
                    + " kg fits in no truck: it exceeds one load, or what the truck has on board with no unload "
                    + "possible before or after it";
            case CAP -> "every truck that could take it would exceed its shift cap or its stop limit";
            case WINDOW -> "its window [" + stop.window().start() + ", " + stop.window().end() + "] cannot be met";
            case TIME -> "no truck has the time: inserting it breaks a shift end, a break, an opening or another window";
            case NONE -> "a truck could take it: the search left it out (try a longer --time-limit)";
        };
        if (trucksByReason.size() == 1) {
            return what + " (every truck: " + main.label() + ")";
        }
        List<String> parts = new ArrayList<>();
        trucksByReason.forEach((reason, trucks) -> parts.add(reason.label() + ": " + String.join(", ", trucks)));
        return what + " (" + String.join("; ", parts) + ")";
    }
}
