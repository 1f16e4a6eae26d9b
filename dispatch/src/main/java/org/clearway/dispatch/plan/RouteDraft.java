package org.clearway.dispatch.plan;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.LongPredicate;

import org.clearway.routing.model.Location;
import org.clearway.routing.model.ProblemIndex;
import org.clearway.routing.model.Route;
import org.clearway.routing.model.Visit;
import org.clearway.routing.model.VisitKind;

/**
 * A truck's route before it is stored, complete from where the truck is ({@link RouteCompletion}): its pinned jobs,
 * then the solver's bins, the unloads its load needs, its break, its depot. A route with nothing to do for a truck
 * standing at its depot with an empty body has no stops at all: publishing it withdraws the truck's route. A truck
 * away from its depot, or carrying a load, always gets a route home (an unload when it must end empty, then its depot).
 *
 * @param distanceM     planned length in metres, from where the truck is
 * @param durationS     planned time from the route's start to the return, seconds
 * @param away          whether the truck starts away from its depot
 * @param loadedAtStart whether it starts with a load on board (its first unload empties it even with no bin before)
 * @param violations    what routing's checker found wrong with the route (none for a route that passed, and none
 *                      for a truck at its depot with nothing to do: it is home)
 */
public record RouteDraft(String truckId, List<DraftStop> stops, double distanceM, double durationS, boolean away,
                         boolean loadedAtStart, List<String> violations) {

    public RouteDraft {
        Objects.requireNonNull(truckId, "truckId");
        boolean work = stops.stream().anyMatch(s -> s.kind() == Kind.BIN || s.kind() == Kind.UNLOAD);
        stops = work || away ? List.copyOf(stops) : List.of();
        // a truck standing at its depot with nothing to do breaks no rule, even after its shift (it is home)
        violations = stops.isEmpty() ? List.of() : List.copyOf(violations);
        if (stops.isEmpty()) {
            distanceM = 0;
            durationS = 0;
        }
    }

    /** A route of a truck starting empty at its depot. */
    public RouteDraft(String truckId, List<DraftStop> stops, double distanceM, double durationS) {
        this(truckId, stops, distanceM, durationS, false, false, List.of());
    }

    /** What a stop of the published route is. */
    public enum Kind {
        BIN, UNLOAD, DEPOT, BREAK;

        public String code() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * One stop.
     *
     * @param job        for a bin stop, its job; else null
     * @param facilityId for an unload or the depot; else null
     * @param lat        where, for every kind but a break (NaN)
     * @param at         planned arrival (start of service), or the break's planned start
     * @param minutes    a break's length; 0 for the other kinds
     */
    public record DraftStop(Kind kind, PlanJob job, String facilityId, double lat, double lon, Instant at, long minutes) {

        /** The driver's break, wherever the truck is when it starts. */
        static DraftStop pause(Instant at, long minutes) {
            return new DraftStop(Kind.BREAK, null, null, Double.NaN, Double.NaN, at, minutes);
        }

        /**
         * The stop's identity for change detection: {@code bin:42}, {@code unload:transfer-east},
         * {@code depot:depot-north}, {@code break:30}.
         */
        public String key() {
            return kind.code() + ":" + switch (kind) {
                case BIN -> Long.toString(job.id());
                case BREAK -> Long.toString(minutes);
                case UNLOAD, DEPOT -> facilityId;
            };
        }
    }

    /**
     * The truck's complete route in the plan: from where it is, its pinned jobs, then the bins of its solver route
     * (null: none) in that order, with the unloads, break and depot {@link RouteCompletion} adds, checked.
     */
    public static RouteDraft of(String truckId, ShiftProblem shift, Route route) {
        ShiftProblem.TruckStart start = shift.starts().get(truckId);
        if (start == null) {
            return new RouteDraft(truckId, List.of(), 0, 0);
        }
        List<PlanJob> pinned = shift.pinnedOf(truckId).stream().map(ShiftProblem.PinnedStop::job).toList();
        List<String> free = route == null ? List.of() : route.visits().stream().filter(v -> v.kind() == VisitKind.STOP)
                .map(Visit::id).toList();
        RouteCompletion.Completed done = new RouteCompletion(shift, start).complete(pinned, free);
        ProblemIndex index = new ProblemIndex(shift.problem());
        List<DraftStop> stops = new ArrayList<>();
        Map<String, PlanJob> jobs = new HashMap<>(shift.jobsByStop());
        pinned.forEach(j -> jobs.put(j.stopId(), j));
        List<Visit> visits = done.route().visits();
        for (Visit visit : visits.subList(2, visits.size())) {
            switch (visit.kind()) {
                case STOP -> {
                    PlanJob job = jobs.get(visit.id());
                    stops.add(new DraftStop(Kind.BIN, job, null, job.lat(), job.lon(), shift.at(visit.start()), 0));
                }
                case UNLOAD -> {
                    Location location = index.facility(visit.id()).location();
                    stops.add(new DraftStop(Kind.UNLOAD, null, visit.id(), location.y(), location.x(),
                            shift.at(visit.start()), 0));
                }
                case END -> {
                    Location location = index.depot(visit.id()).location();
                    stops.add(new DraftStop(Kind.DEPOT, null, visit.id(), location.y(), location.x(),
                            shift.at(visit.start()), 0));
                }
                case START -> throw new IllegalStateException("a route starts once");
            }
        }
        Double breakStart = done.route().breakStart();
        if (breakStart != null && start.vehicle().breakRule() != null) {
            insertBreak(stops, shift.at(breakStart), start.vehicle().breakRule().duration() / 60);
        }
        double distance = Math.max(0, done.route().distance() - done.virtualDistance());
        double duration = Math.max(0, done.route().endTime() - start.at());
        return new RouteDraft(truckId, stops, distance, duration, start.away(), !start.onBoard().isZero(),
                done.violations().stream().map(Object::toString).toList());
    }

    /**
     * The break goes before the first stop planned at or after its start; a break after the return to the depot is
     * left out (the route's work is done by then).
     */
    private static void insertBreak(List<DraftStop> stops, Instant start, long minutes) {
        int at = stops.size();
        for (int i = stops.size() - 1; i >= 0 && !stops.get(i).at().isBefore(start); i--) {
            at = i;
        }
        if (at < stops.size()) {
            stops.add(at, DraftStop.pause(start, minutes));
        }
    }

    /**
     * The same route keeping only the bin stops whose job passes {@code keep}, and only the unloads that still empty
     * a load: an unload whose bins were all left out (no bin stop since the start, unless the truck started loaded, or
     * the unload before) goes too, so
     * a published route never has two unloads in a row nor an unload with nothing on board, as the route checker
     * requires of every plan.
     */
    public RouteDraft keeping(LongPredicate keep) {
        List<DraftStop> kept = new ArrayList<>(stops.size());
        boolean loaded = loadedAtStart;
        for (DraftStop stop : stops) {
            switch (stop.kind()) {
                case BIN -> {
                    if (!keep.test(stop.job().id())) {
                        continue;
                    }
                    loaded = true;
                }
                case UNLOAD -> {
                    if (!loaded) {
                        continue;
                    }
                    loaded = false;
                }
                case DEPOT, BREAK -> {
                }
            }
            kept.add(stop);
        }
        return new RouteDraft(truckId, kept, distanceM, durationS, away, loadedAtStart, violations);
    }

    public List<Long> jobIds() {
        return stops.stream().filter(s -> s.kind() == Kind.BIN).map(s -> s.job().id()).toList();
    }

    public List<String> stopKeys() {
        return stops.stream().map(DraftStop::key).toList();
    }
}
