package org.clearway.dispatch.plan;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import org.clearway.core.job.JobReason;
import org.clearway.core.job.JobState;
import org.clearway.core.job.Priority;
import org.clearway.dispatch.fleet.FacilityKind;
import org.clearway.dispatch.fleet.FleetFacility;
import org.clearway.dispatch.fleet.Truck;
import org.clearway.dispatch.fleet.TruckStatus;
import org.clearway.routing.model.Depot;
import org.clearway.routing.model.DistanceModel;
import org.clearway.routing.model.Facility;
import org.clearway.routing.model.Load;
import org.clearway.routing.model.Location;
import org.clearway.routing.model.Problem;
import org.clearway.routing.model.Stop;
import org.clearway.routing.model.TimeWindow;
import org.clearway.routing.model.TravelMetric;
import org.clearway.routing.model.Vehicle;

/**
 * Builds the routing problem of the shift day from a {@link PlanSnapshot} (docs/dispatch.md, "Planning and routes"):
 *
 * <ul>
 *   <li>depots and facilities from {@code facilities}, with their local opening hours and {@link #UNLOAD_SECONDS};</li>
 *   <li>one vehicle per active truck whose shift has not ended: capacity, streams, its shift from the later of its
 *       start and now (plus what is left of the break it is on, {@link DriverBreak#remaining}), to its end; the
 *       drivers' break ({@link DriverBreak#forShift}) when its time reaches the break's window and it has reported
 *       no break today ({@link DriverBreak#after}: a truck that took its break, or is on it, gets none); it must unload its last load at a facility before it returns when some facility takes each of its
 *       streams ({@link #endEmpty});</li>
 *   <li>one stop per collection job (reasons threshold, forecast, fire_alarm, manual, round, risk, urgent, citizen; maintenance jobs are not
 *       truck collections) in state open, planned or dispatched: demand = the bin's volume times its last fill
 *       (a bin with no stored reading counts as full), weight by the stream's density; {@link #SERVICE_SECONDS} at
 *       the bin; service must start by the job's {@code due_at} (a job overdue or due within
 *       {@link #DUE_MARGIN_SECONDS} may be served any time: better late than dropped);</li>
 *   <li>accepted and arrived jobs, and open jobs a dispatcher gave to a truck (open with a truck: the API's
 *       reassign), stay on their truck, first on its route ({@link ShiftProblem#pinned}): the truck's
 *       shift in the problem starts when it is done with them (timed from its last position when reported within
 *       {@link #POSITION_FRESH}, else from its depot), and its capacity is less their demand and its load on board.</li>
 *   <li>every truck's start ({@link ShiftProblem.TruckStart}): where it is, its load on board, its whole shift and
 *       break, from which {@link RouteCompletion} makes each of its routes complete.</li>
 * </ul>
 * Distances and times as {@link PlanTravel} says (by default great-circle at {@link #SPEED_MPS}, {@link #SERVICE_SECONDS}
 * at a bin). Times are seconds from the local midnight of the shift day.
 */
public final class ProblemBuilder {

    /** Minutes at a bin, by default ({@link PlanTravel#binServiceSeconds}). */
    public static final long SERVICE_SECONDS = 120;
    /** An unload at a transfer station or treatment plant. */
    public static final long UNLOAD_SECONDS = 900;
    /** Average speed in town by default, in metres a second ({@link PlanTravel#DEFAULT_SPEED_KMH}). */
    public static final double SPEED_MPS = PlanTravel.DEFAULT_SPEED_KMH / 3.6;
    /**
     * A job due sooner than this (or overdue) gets no window end: a window the trucks can hardly reach would make the
     * solver drop the job, which is worse than serving it late.
     */
    public static final long DUE_MARGIN_SECONDS = 3600;
    /** The drop weight of an urgent job's priority; routine jobs weigh 1 ({@link #dropWeight}). */
    static final long URGENT_WEIGHT = 100;
    /** Overdue hours beyond this add no more weight. */
    static final long MAX_OVERDUE_HOURS = 24;
    /** A truck position this recent is where its pinned jobs are timed from (else its depot). */
    public static final Duration POSITION_FRESH = Duration.ofMinutes(10);
    /** A truck this close to its depot is at its depot: with nothing to do it needs no route home. */
    static final double AT_DEPOT_METRES = 150;
    /** Typical loose densities (kg per litre) of the streams, for the weight of a bin's content. */
    static final Map<String, Double> DENSITY_KG_PER_L = Map.of("kitchen", 0.5, "recyclable", 0.08, "hazardous", 0.3,
            "residual", 0.15);
    static final double DEFAULT_DENSITY_KG_PER_L = 0.2;
    /** Reasons that send a truck to empty the bin. */
    public static final Set<JobReason> COLLECTION_REASONS = EnumSet.of(JobReason.THRESHOLD, JobReason.FORECAST,
            JobReason.FIRE_ALARM, JobReason.MANUAL, JobReason.ROUND, JobReason.RISK, JobReason.URGENT, JobReason.CITIZEN);
    /**
     * Every truck unloads its last load at a facility before it returns to its depot (the multi-trip search closes
     * every route with an unload when the truck must end empty; docs/routing.md).
     */
    static final boolean END_EMPTY = true;
    private static final long DAY = 24 * 3600;

    private final ZoneId zone;
    private final DriverBreak driverBreak;
    private final boolean truckCost;
    private final PlanTravel travel;
    private final TravelMetric metric;

    /** The drivers' break this builder plans. */
    DriverBreak driverBreak() {
        return driverBreak;
    }

    /** @param driverBreak the drivers' break, given to every truck whose time reaches its window */
    public ProblemBuilder(ZoneId zone, DriverBreak driverBreak) {
        this(zone, driverBreak, false);
    }

    /**
     * @param truckCost whether a truck used costs the solver the drive from its depot to the nearest facility that takes
     *                  its streams and back, as the policy evaluation's planner charges it, so that a second truck goes
     *                  out only when it saves more than that ({@link PlanSettings#truckCost})
     */
    public ProblemBuilder(ZoneId zone, DriverBreak driverBreak, boolean truckCost) {
        this(zone, driverBreak, truckCost, PlanTravel.DEFAULT);
    }

    /** @param travel how legs and bins are timed ({@link PlanTravel}) */
    public ProblemBuilder(ZoneId zone, DriverBreak driverBreak, boolean truckCost, PlanTravel travel) {
        this.zone = zone;
        this.driverBreak = Objects.requireNonNull(driverBreak, "driverBreak");
        this.truckCost = truckCost;
        this.travel = Objects.requireNonNull(travel, "travel");
        this.metric = new TravelMetric(travel.distanceModel());
    }

    /** What using the truck at all costs the solver, in metres: 0 unless {@code truckCost}. */
    double fixedCost(Truck truck, Location depot, List<Facility> facilities) {
        if (!truckCost) {
            return 0;
        }
        return facilities.stream().filter(f -> truck.streams().stream().anyMatch(f::accepts))
                .mapToDouble(f -> 2 * metric.distance(depot, f.location())).min().orElse(0);
    }

    /** The default distances: great-circle at {@link #SPEED_MPS} ({@link PlanTravel#DEFAULT}). */
    public static DistanceModel distanceModel() {
        return PlanTravel.DEFAULT.distanceModel();
    }

    public ShiftProblem build(PlanSnapshot snapshot) {
        Instant midnight = snapshot.shiftDate().atStartOfDay(zone).toInstant();
        double now = seconds(midnight, snapshot.now());
        List<Depot> depots = new ArrayList<>();
        List<Facility> facilities = new ArrayList<>();
        Map<String, Location> depotLocations = new HashMap<>();
        for (FleetFacility f : snapshot.facilities()) {
            Location location = Location.ofLatLon(f.lat(), f.lon());
            if (f.kind() == FacilityKind.DEPOT) {
                depots.add(new Depot(f.id(), location));
                depotLocations.put(f.id(), location);
            } else {
                facilities.add(new Facility(f.id(), location, Set.copyOf(f.acceptedStreams()),
                        new TimeWindow(secondOfDay(f.opens()), secondOfDay(f.closes())), UNLOAD_SECONDS));
            }
        }
        Map<String, PlanJob> jobsByStop = new LinkedHashMap<>();
        Map<String, List<PlanJob>> pinnedJobs = new HashMap<>();
        List<Stop> stops = new ArrayList<>();
        for (PlanJob job : snapshot.jobs()) {
            if (!COLLECTION_REASONS.contains(job.reason())) {
                continue;
            }
            jobsByStop.put(job.stopId(), job);
            if (job.pinned()) {
                pinnedJobs.computeIfAbsent(job.truckId(), t -> new ArrayList<>()).add(job);
            } else if (job.state() == JobState.OPEN || job.state() == JobState.PLANNED
                    || job.state() == JobState.DISPATCHED) {
                stops.add(stop(job, midnight, now));
            }
        }
        Map<String, List<ShiftProblem.PinnedStop>> pinned = new HashMap<>();
        Map<String, ShiftProblem.TruckStart> starts = new HashMap<>();
        List<Vehicle> vehicles = new ArrayList<>();
        for (Truck truck : snapshot.trucks()) {
            Location depot = depotLocations.get(truck.depotId());
            if (depot == null) {
                continue;
            }
            PlanSnapshot.ReportedBreak reported = snapshot.breaks().get(truck.id());
            DriverBreak toPlan = driverBreak.after(reported);
            double start = Math.max(secondOfDay(truck.shiftStart()), now)
                    + driverBreak.remaining(reported, snapshot.now()).toMillis() / 1000.0;
            Location here = from(snapshot.positions().get(truck.id()), snapshot.now(), reported, depot);
            PlanSnapshot.PublishedRoute published = snapshot.latestRoutes().get(truck.id());
            List<ShiftProblem.PinnedStop> chain = chain(pinnedJobs.getOrDefault(truck.id(), List.of()),
                    published == null ? List.of() : published.stopKeys(), here, start);
            if (!chain.isEmpty()) {
                pinned.put(truck.id(), chain);
            }
            long end = secondOfDay(truck.shiftEnd());
            Load capacity = new Load((long) Math.floor(truck.capacityVolumeL()), (long) Math.floor(truck.capacityWeightKg()));
            PlanSnapshot.OnBoard summed = snapshot.onBoard().get(truck.id());
            PlanSnapshot.OnBoard carried = summed == null ? null
                    : summed.capped(truck.capacityVolumeL(), truck.capacityWeightKg());
            Load onBoard = carried == null ? Load.ZERO : new Load(
                    Math.min(capacity.volume(), Math.max(0, Math.round(carried.volumeL()))),
                    Math.min(capacity.weight(), Math.max(0, Math.round(carried.weightKg()))));
            long from = (long) Math.ceil(start);
            Vehicle whole = new Vehicle(truck.id(), truck.depotId(), capacity, Set.copyOf(truck.streams()),
                    Math.min(from, end), end, toPlan.forShift(from, end), fixedCost(truck, depot, facilities),
                    endEmpty(truck, facilities));
            starts.put(truck.id(), new ShiftProblem.TruckStart(here, metric.distance(here, depot) > AT_DEPOT_METRES,
                    start, onBoard, onBoard.isZero() ? null : carried.stream(), whole, reported));
            double freeAt = chain.isEmpty() ? start : chain.get(chain.size() - 1).arrival() + travel.binServiceSeconds();
            if (truck.status() != TruckStatus.ACTIVE || freeAt >= end) {
                continue;
            }
            Load taken = chain.stream().map(p -> demand(p.job())).reduce(onBoard, Load::plus);
            Load left = new Load(Math.max(0, capacity.volume() - taken.volume()),
                    Math.max(0, capacity.weight() - taken.weight()));
            long free = (long) Math.ceil(freeAt);
            vehicles.add(new Vehicle(truck.id(), truck.depotId(), left, Set.copyOf(truck.streams()),
                    free, end, toPlan.forShift(free, end), fixedCost(truck, depot, facilities),
                    endEmpty(truck, facilities)));
        }
        Problem problem = new Problem("shift-" + snapshot.shiftDate(), travel.distanceModel(), depots, facilities, vehicles,
                stops);
        return new ShiftProblem(problem, snapshot.shiftDate(), midnight, jobsByStop, pinned, starts,
                travel.binServiceSeconds());
    }

    /** Whether the truck ends empty: {@link #END_EMPTY}, when some facility takes each of its streams. */
    static boolean endEmpty(Truck truck, List<Facility> facilities) {
        return END_EMPTY && truck.streams().stream().allMatch(s -> facilities.stream().anyMatch(f -> f.accepts(s)));
    }

    /** The routing stop of a job: where, what stream, how much, until when. */
    public Stop stop(PlanJob job, Instant midnight, double now) {
        double due = seconds(midnight, job.dueAt());
        TimeWindow window = due <= now + DUE_MARGIN_SECONDS || due >= TimeWindow.ALWAYS.end()
                ? TimeWindow.ALWAYS : new TimeWindow(0, (long) Math.floor(due));
        return new Stop(job.stopId(), Location.ofLatLon(job.lat(), job.lon()), job.stream(), demand(job),
                travel.binServiceSeconds(), window, dropWeight(job.priority(), due - now));
    }

    /**
     * How much leaving a job out of the plan weighs (docs/dispatch.md): its priority ({@link #URGENT_WEIGHT} for an
     * urgent job, 1 otherwise) times its lateness (1 when due later than {@link #DUE_MARGIN_SECONDS} from now, 2 when
     * due sooner, 2 plus the whole hours overdue, at most {@link #MAX_OVERDUE_HOURS}, when overdue). An urgent job
     * (at least 200) always outweighs a routine one (at most 26), an overdue one a job not due yet.
     *
     * @param dueIn seconds from now to the job's due time (negative: overdue)
     */
    static long dropWeight(Priority priority, double dueIn) {
        long lateness = dueIn > DUE_MARGIN_SECONDS ? 1
                : dueIn >= 0 ? 2 : 2 + Math.min(MAX_OVERDUE_HOURS, (long) Math.floor(-dueIn / 3600));
        return (priority == Priority.URGENT ? URGENT_WEIGHT : 1) * lateness;
    }

    /** Where a truck's pinned jobs are timed from: its last position when fresh, else its depot. */
    static Location from(PlanSnapshot.Position position, Instant now, Location depot) {
        return from(position, now, null, depot);
    }

    /**
     * Where a truck's route starts: its last position when fresh, or (a truck on a break, {@code reported} open,
     * stands still) reported since {@link #POSITION_FRESH} before its break started; else its depot.
     */
    static Location from(PlanSnapshot.Position position, Instant now, PlanSnapshot.ReportedBreak reported,
                         Location depot) {
        Instant fresh = now.minus(POSITION_FRESH);
        if (reported != null && reported.open() && reported.startedAt().minus(POSITION_FRESH).isBefore(fresh)) {
            fresh = reported.startedAt().minus(POSITION_FRESH);
        }
        return position != null && !position.at().isBefore(fresh) && !position.at().isAfter(now)
                ? Location.ofLatLon(position.lat(), position.lon()) : depot;
    }

    /** The bin's content: volume times the last fill (full when unknown), weight by the stream's density. */
    public static Load demand(PlanJob job) {
        double fill = job.fillPct() == null ? 100 : Math.max(0, Math.min(100, job.fillPct()));
        long volume = Math.round(job.volumeL() * fill / 100);
        long weight = Math.round(volume * DENSITY_KG_PER_L.getOrDefault(job.stream(), DEFAULT_DENSITY_KG_PER_L));
        return new Load(volume, weight);
    }

    /**
     * Pinned jobs in serving order (arrived first, then accepted, then given by a dispatcher; within each, in the order
     * of the truck's newest published route, {@code routeKeys}, then by when it last changed), timed from
     * {@code from}. A truck accepts all its route's jobs at once: ordering them by that time alone would throw away
     * the route's order (and its grouping of one stream per load).
     */
    private List<ShiftProblem.PinnedStop> chain(List<PlanJob> jobs, List<String> routeKeys, Location from, double start) {
        List<PlanJob> ordered = new ArrayList<>(jobs);
        ordered.sort(Comparator.comparing((PlanJob j) -> j.state() == JobState.ARRIVED ? 0 : j.takenByTruck() ? 1 : 2)
                .thenComparingInt(j -> {
                    int at = routeKeys.indexOf("bin:" + j.id());
                    return at < 0 ? Integer.MAX_VALUE : at;
                })
                .thenComparing(PlanJob::lastEventAt).thenComparingLong(PlanJob::id));
        List<ShiftProblem.PinnedStop> chain = new ArrayList<>();
        Location at = from;
        double time = start;
        for (PlanJob job : ordered) {
            Location next = Location.ofLatLon(job.lat(), job.lon());
            double distance = metric.distance(at, next);
            time += metric.time(at, next);
            chain.add(new ShiftProblem.PinnedStop(job, time, distance));
            time += travel.binServiceSeconds();
            at = next;
        }
        return chain;
    }

    static double seconds(Instant midnight, Instant at) {
        return Duration.between(midnight, at).toMillis() / 1000.0;
    }

    /** Local time as seconds of the day; {@link LocalTime#MAX} stands for 24:00. */
    static long secondOfDay(LocalTime time) {
        return time.equals(LocalTime.MAX) ? DAY : time.toSecondOfDay();
    }
}
