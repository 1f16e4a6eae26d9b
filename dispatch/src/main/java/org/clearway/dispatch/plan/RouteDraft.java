package org.clearway.dispatch.plan;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.LongPredicate;

import org.clearway.routing.model.Location;
import org.clearway.routing.model.ProblemIndex;
import org.clearway.routing.model.Route;
import org.clearway.routing.model.Vehicle;
import org.clearway.routing.model.Visit;

/**
 * A truck's route before it is stored: its pinned jobs first, then the solver's visits (bins, unloads, the depot at
 * the end). A route with no bin stop has no stops at all: publishing it withdraws the truck's route.
 *
 * @param distanceM planned length in metres
 * @param durationS planned time from the first departure to the return, seconds
 */
public record RouteDraft(String truckId, List<DraftStop> stops, double distanceM, double durationS) {

    public RouteDraft {
        Objects.requireNonNull(truckId, "truckId");
        stops = stops.stream().anyMatch(s -> s.kind() == Kind.BIN) ? List.copyOf(stops) : List.of();
        if (stops.isEmpty()) {
            distanceM = 0;
            durationS = 0;
        }
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

    /** The truck's route in the plan: its pinned jobs, then its solver route (null: none). */
    public static RouteDraft of(String truckId, ShiftProblem shift, Route route) {
        List<DraftStop> stops = new ArrayList<>();
        double distance = 0;
        Double first = null;
        double last = 0;
        for (ShiftProblem.PinnedStop p : shift.pinnedOf(truckId)) {
            stops.add(new DraftStop(Kind.BIN, p.job(), null, p.job().lat(), p.job().lon(), shift.at(p.arrival()), 0));
            distance += p.distance();
            first = first == null ? p.arrival() : first;
            last = p.arrival() + ProblemBuilder.SERVICE_SECONDS;
        }
        if (route != null) {
            ProblemIndex index = new ProblemIndex(shift.problem());
            for (Visit visit : route.visits()) {
                switch (visit.kind()) {
                    case START -> first = first == null ? visit.start() : first;
                    case STOP -> {
                        PlanJob job = shift.jobsByStop().get(visit.id());
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
                        last = visit.start();
                    }
                }
            }
            distance += route.distance();
            Vehicle vehicle = index.vehicle(truckId);
            if (route.breakStart() != null && vehicle.breakRule() != null) {
                insertBreak(stops, shift.at(route.breakStart()), vehicle.breakRule().duration() / 60);
            }
        }
        return new RouteDraft(truckId, stops, distance, first == null ? 0 : Math.max(0, last - first));
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
     * a load: an unload whose bins were all left out (no bin stop since the start or the unload before) goes too, so
     * a published route never has two unloads in a row nor an unload with nothing on board, as the route checker
     * requires of every plan.
     */
    public RouteDraft keeping(LongPredicate keep) {
        List<DraftStop> kept = new ArrayList<>(stops.size());
        boolean loaded = false;
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
        return new RouteDraft(truckId, kept, distanceM, durationS);
    }

    public List<Long> jobIds() {
        return stops.stream().filter(s -> s.kind() == Kind.BIN).map(s -> s.job().id()).toList();
    }

    public List<String> stopKeys() {
        return stops.stream().map(DraftStop::key).toList();
    }
}
