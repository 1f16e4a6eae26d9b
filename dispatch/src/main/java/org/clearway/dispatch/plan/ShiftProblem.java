package org.clearway.dispatch.plan;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.clearway.routing.model.Load;
import org.clearway.routing.model.Location;
import org.clearway.routing.model.Problem;
import org.clearway.routing.model.Vehicle;

/**
 * The routing problem of one shift day, and how its stops map back to jobs.
 *
 * @param problem    what the solver gets: the trucks still able to work today, the open, planned and dispatched jobs
 * @param midnight   the start of the shift day in the city's time zone: the problem's times count seconds from it
 * @param jobsByStop every job of the problem (pinned ones too), by stop id
 * @param pinned     per truck, its accepted and arrived jobs, in the order it serves them, with their planned times;
 *                   they precede the solver's part of its route and are not in {@code problem}
 * @param starts     per truck of the fleet with a depot, where and with what its next route starts
 *                   ({@link RouteCompletion} makes every route complete from there)
 * @param binService seconds at a bin ({@link PlanTravel#binServiceSeconds}), for the pinned jobs
 */
public record ShiftProblem(Problem problem, LocalDate shiftDate, Instant midnight, Map<String, PlanJob> jobsByStop,
                           Map<String, List<PinnedStop>> pinned, Map<String, TruckStart> starts, long binService) {

    public ShiftProblem {
        Objects.requireNonNull(problem, "problem");
        jobsByStop = Map.copyOf(jobsByStop);
        pinned = Map.copyOf(pinned);
        starts = Map.copyOf(starts);
    }

    /**
     * Where a truck is when it is planned, and what it carries and may still do.
     *
     * @param here     its last position when fresh ({@link ProblemBuilder#POSITION_FRESH}), else its depot
     * @param away     whether {@code here} is away from its depot (a truck out on the road must come home)
     * @param at       when its route starts, seconds from midnight: the later of its shift start and now
     * @param onBoard  its load since its last unload
     * @param stream   that load's stream, or null when it carries nothing
     * @param vehicle  the truck as a routing vehicle with its full capacity, its shift (ending at its end, even when
     *                 that is past), its break from {@code at} on and whether it must end empty
     * @param reported the newest break it reported today, or null
     */
    public record TruckStart(Location here, boolean away, double at, Load onBoard, String stream, Vehicle vehicle,
                             PlanSnapshot.ReportedBreak reported) {
        public TruckStart {
            Objects.requireNonNull(here, "here");
            Objects.requireNonNull(onBoard, "onBoard");
            Objects.requireNonNull(vehicle, "vehicle");
        }
    }

    /** A pinned job and when the truck is planned to serve it, in seconds from midnight. */
    public record PinnedStop(PlanJob job, double arrival, double distance) {
    }

    /**
     * What a new plan would start from, in short: the shift day, the trucks able to work, the breaks they reported
     * (on one or taken) and every job's state and truck. Equal fingerprints: nothing to plan again.
     */
    public String fingerprint() {
        StringBuilder out = new StringBuilder(shiftDate.toString());
        problem.vehicles().stream().map(Vehicle::id).sorted().forEach(id -> out.append(' ').append(id));
        starts.entrySet().stream().filter(e -> e.getValue().reported() != null).map(e -> e.getKey() + ":"
                + (e.getValue().reported().open() ? "on-break" : "break-taken")).sorted()
                .forEach(b -> out.append(' ').append(b));
        out.append(" |");
        jobsByStop.values().stream().sorted(Comparator.comparingLong(PlanJob::id))
                .forEach(j -> out.append(' ').append(j.id()).append(':').append(j.state()).append(':').append(j.truckId()));
        return out.toString();
    }

    public List<PinnedStop> pinnedOf(String truckId) {
        return pinned.getOrDefault(truckId, List.of());
    }

    /** The instant of a time of the problem. */
    public Instant at(double secondsFromMidnight) {
        return midnight.plusMillis(Math.round(secondsFromMidnight * 1000));
    }

    /** The same shift day with one more job (an urgent stop already added to {@code newProblem}). */
    public ShiftProblem withJob(Problem newProblem, PlanJob job) {
        Map<String, PlanJob> more = new HashMap<>(jobsByStop);
        more.put(job.stopId(), job);
        return new ShiftProblem(newProblem, shiftDate, midnight, more, pinned, starts, binService);
    }

    /** The shift with its jobs' states and trucks as the commit left them. */
    ShiftProblem committed(PlanWriter.Result result) {
        Map<String, PlanJob> jobs = new HashMap<>();
        for (PlanJob job : jobsByStop.values()) {
            PlanStore.Assignment a = result.assignments().get(job.id());
            jobs.put(job.stopId(), a == null ? job : job.withAssignment(a.state(), a.truckId()));
        }
        return new ShiftProblem(problem, shiftDate, midnight, jobs, pinned, starts, binService);
    }
}
