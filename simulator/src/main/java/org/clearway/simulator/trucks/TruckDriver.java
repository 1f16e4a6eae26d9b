package org.clearway.simulator.trucks;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import org.clearway.simulator.Emptied;
import org.clearway.simulator.trucks.TruckEvent.JobUpdate;
import org.clearway.simulator.trucks.TruckEvent.Position;

/**
 * One truck driving its route in simulated time, without any I/O: {@link #adopt} takes a route,
 * {@link #advance} moves the truck to an instant and returns what happened on the way, in order.
 *
 * <p>On a route the truck accepts every bin job at once, then takes the stops in {@code seq} order:
 * it drives straight to each at road speed ({@link DrivingModel}), announces {@code arrived} at a
 * bin, empties it after the service time ({@code collected}, with the bin's fill times its volume
 * and its stream's density), unloads at {@code unload} stops (load back to 0, reported at once in a
 * position with {@code loadPct} 0, from which dispatch counts its load again), takes its breaks
 * where it stands, and stops at the depot. While on a route it reports its position every 15 to 30
 * s (one interval per truck, from its random stream); when one call covers several positions only
 * the newest is returned (a position replaces the ones before it), except the one reporting the empty body after an
 * unload, which is always returned (dispatch counts the load on board from it; on an accelerated clock one call
 * covers minutes, and a truck may have collected again before its end). A new revision replaces the
 * stops: jobs already collected are left out, a stop being served is finished first if the new
 * route still has it, and otherwise the truck heads from where it is to the new first stop. A bin the truck
 * arrived at, left for a revision without it and comes back to is announced {@code arrived} once only (the job is
 * arrived already; dispatch rejects a second arrival). A truck that is not out on the road when a route comes (at its
 * depot, before its shift or after a route) waits there, silent, until {@link #EARLY_SLACK} before it must leave to
 * reach the first stop at its {@code plannedArrival} (a first break at its {@code plannedStart}), as a driver would
 * not start long before the shift;
 * a truck already driving goes on at once. Not thread-safe.
 */
public final class TruckDriver {
    private enum Phase { IDLE, WAITING, DRIVING, SERVING, DONE }

    /**
     * How early a waiting truck may leave. Dispatch's travel times are not the truck's own: a route planned from now
     * has the truck at its first stop a little later than this truck would drive it, and each new revision (every plan)
     * would push a wait for that difference further; a wait only starts beyond this slack (a shift that starts later).
     */
    static final Duration EARLY_SLACK = Duration.ofMinutes(15);

    private final TruckSpec spec;
    private final DrivingModel model;
    private final BinYard yard;
    private final Duration positionEvery;
    private final ArrayDeque<Stop> stops = new ArrayDeque<>();
    private final Set<Long> accepted = new HashSet<>();
    private final Set<Long> arrived = new HashSet<>();
    private final Set<Long> collected = new HashSet<>();
    private double lat;
    private double lon;
    private double loadL;
    private double loadKg;
    private int revision;
    private Phase phase = Phase.IDLE;
    private Stop current;
    private Instant phaseStart;
    private Instant phaseEnd;
    private double fromLat;
    private double fromLon;
    private Instant nextPositionAt;
    /** The next position is the one after an unload (load 0): it is sent even when a newer one follows at once. */
    private boolean emptyReport;
    /** Written by the thread that advances the truck, read by any. */
    private volatile double drivenKm;
    /** The part of {@link #drivenKm} driven on legs a new revision turned away from; written and read as it. */
    private volatile double abandonedKm;

    public TruckDriver(TruckSpec spec, DrivingModel model, BinYard yard, SplittableRandom rng) {
        this.spec = spec;
        this.model = model;
        this.yard = yard;
        this.lat = spec.homeLat();
        this.lon = spec.homeLon();
        long least = model.positionEvery().toMillis();
        this.positionEvery = Duration.ofMillis(least + rng.nextLong(least + 1));
    }

    public String truckId() {
        return spec.id();
    }

    /** The revision of the route the truck follows; 0 before the first. */
    public int revision() {
        return revision;
    }

    /** True while the truck has stops to drive or one to finish. */
    public boolean onRoute() {
        return phase == Phase.DRIVING || phase == Phase.SERVING;
    }

    /** True while the truck has a route and waits at its depot for the time to leave. */
    public boolean waiting() {
        return phase == Phase.WAITING;
    }

    public Duration positionInterval() {
        return positionEvery;
    }

    /** Load in percent of the body (the fuller of volume and weight), 0 to 100. */
    public double loadPct() {
        double pct = 100 * Math.max(loadL / spec.capacityVolumeL(), loadKg / spec.capacityWeightKg());
        return Math.min(100, Math.round(pct * 10) / 10.0);
    }

    /**
     * Takes a newer route at {@code now} (after moving the truck up to it). A route whose revision is
     * not above the one followed is ignored: the result is then empty and nothing changes.
     */
    public Optional<List<TruckEvent>> adopt(Route route, Instant now) {
        if (route.revision() <= revision) {
            return Optional.empty();
        }
        List<TruckEvent> out = new ArrayList<>(advance(now));
        revision = route.revision();
        List<Stop> fresh = new ArrayList<>();
        for (Stop s : route.stops()) {
            if (s.kind() == StopKind.BIN && collected.contains(s.jobId())) {
                continue;
            }
            fresh.add(s);
            if (s.kind() == StopKind.BIN && accepted.add(s.jobId())) {
                out.add(JobUpdate.of(now, s.jobId(), "accepted"));
            }
        }
        if (Double.isNaN(lat)) {
            fresh.stream().filter(Stop::located).findFirst().ifPresent(s -> {
                lat = s.lat();
                lon = s.lon();
            });
        }
        stops.clear();
        if (phase == Phase.SERVING && fresh.stream().anyMatch(s -> s.sameAs(current))) {
            fresh.removeIf(s -> s.sameAs(current));  // finish the stop in hand, then go on with the new order
            stops.addAll(fresh);
        } else {
            boolean onTheRoad = onRoute();
            boolean turnedAway = phase == Phase.DRIVING && (fresh.isEmpty() || !fresh.getFirst().sameAs(current));
            double before = drivenKm;
            settleAt(now);
            if (turnedAway) {
                abandonedKm += drivenKm - before;
            }
            stops.addAll(fresh);
            Instant leave = onTheRoad || fresh.isEmpty() ? now : departure(fresh.getFirst(), now);
            if (fresh.isEmpty()) {
                phase = Phase.IDLE;
                current = null;
                nextPositionAt = null;
            } else if (leave.isAfter(now)) {
                phase = Phase.WAITING;
                current = null;
                phaseStart = now;
                phaseEnd = leave;
                nextPositionAt = null;
            } else {
                startNext(now);
                nextPositionAt = now;
            }
        }
        out.addAll(advance(now));
        return Optional.of(out);
    }

    /** Moves the truck up to {@code now} and returns the updates on the way and the newest position due. */
    public List<TruckEvent> advance(Instant now) {
        List<TruckEvent> out = new ArrayList<>();
        Position newest = null;
        while (true) {
            boolean phaseDue = (onRoute() || phase == Phase.WAITING) && !phaseEnd.isAfter(now);
            boolean positionDue = nextPositionAt != null && !nextPositionAt.isAfter(now);
            if (positionDue && (!phaseDue || nextPositionAt.isBefore(phaseEnd))) {
                newest = positionAt(nextPositionAt);
                if (emptyReport) {
                    out.add(newest);  // dispatch counts the load from this one: never replaced by a newer position
                    newest = null;
                    emptyReport = false;
                }
                // After the last stop, one final position where the truck stands, then silence.
                nextPositionAt = phase == Phase.DONE ? null : nextPositionAt.plus(positionEvery);
            } else if (phaseDue) {
                finishPhase(out);
            } else {
                break;
            }
        }
        if (newest != null) {
            out.add(newest);
        }
        return out;
    }

    private void finishPhase(List<TruckEvent> out) {
        Instant at = phaseEnd;
        if (phase == Phase.WAITING) {
            startNext(at);
            nextPositionAt = at;
            return;
        }
        if (phase == Phase.DRIVING) {
            drove(current.lat(), current.lon());
            lat = current.lat();
            lon = current.lon();
            switch (current.kind()) {
                case BIN -> {
                    if (arrived.add(current.jobId())) {
                        out.add(JobUpdate.of(at, current.jobId(), "arrived"));
                    }
                    serve(at, model.binService());
                }
                case UNLOAD -> serve(at, model.unloadService());
                case DEPOT -> finish(at);
                case BREAK -> throw new IllegalStateException("a break is never driven to");
            }
            return;
        }
        switch (current.kind()) {
            case BIN -> out.add(collect(at));
            case UNLOAD -> {
                loadL = 0;
                loadKg = 0;
                // the empty body is reported at once (loadPct 0): dispatch counts the load from there
                nextPositionAt = at;
                emptyReport = true;
            }
            default -> {
            }
        }
        startNext(at);
    }

    private JobUpdate collect(Instant at) {
        collected.add(current.jobId());
        Optional<Emptied> emptied = yard.empty(current.place(), at);
        if (emptied.isEmpty()) {
            return JobUpdate.of(at, current.jobId(), "collected");
        }
        double litres = round1(emptied.get().volumeL());
        double kg = round1(litres * emptied.get().bin().stream().kgPerLitre());
        loadL += litres;
        loadKg += kg;
        return new JobUpdate(at, current.jobId(), "collected", kg, litres);
    }

    private void finish(Instant at) {
        phase = Phase.DONE;
        nextPositionAt = at;
    }

    private void serve(Instant at, Duration service) {
        phase = Phase.SERVING;
        phaseStart = at;
        phaseEnd = at.plus(service);
    }

    private void startNext(Instant at) {
        current = stops.poll();
        if (current == null) {
            finish(at);
            return;
        }
        if (current.kind() == StopKind.BREAK) {
            serve(at, current.breakTime());
            return;
        }
        if (!current.located()) {
            throw new IllegalArgumentException("stop " + current.seq() + " (" + current.kind() + ") has no position");
        }
        phase = Phase.DRIVING;
        fromLat = lat;
        fromLon = lon;
        Duration travel = model.travel(lat, lon, current.lat(), current.lon());
        Instant depart = at;
        if (model.onSchedule() && current.planned() != null
                && current.planned().minus(travel).isAfter(at)) {
            depart = current.planned().minus(travel);  // waits where it stands, then arrives on time
        }
        phaseStart = depart;
        phaseEnd = depart.plus(travel);
    }

    /**
     * When a truck standing where it is leaves to be at {@code first} when the plan has it there: its planned arrival
     * less the drive (a break's planned start), less {@link #EARLY_SLACK}; {@code now} when the route gives no time or
     * that time is past.
     */
    private Instant departure(Stop first, Instant now) {
        if (first.planned() == null) {
            return now;
        }
        Instant leave = (first.located()
                ? first.planned().minus(model.travel(lat, lon, first.lat(), first.lon()))
                : first.planned()).minus(EARLY_SLACK);
        return leave.isAfter(now) ? leave : now;
    }

    /** Stops where the truck is at {@code now}, leaving the leg it was driving. */
    private void settleAt(Instant now) {
        if (phase == Phase.DRIVING) {
            double[] p = pointAt(now);
            drove(p[0], p[1]);
            lat = p[0];
            lon = p[1];
        }
    }

    /** The leg driven from where it began to this point counts in {@link #drivenKm()}. */
    private void drove(double toLat, double toLon) {
        drivenKm += model.roadKm(fromLat, fromLon, toLat, toLon);
    }

    /**
     * The road kilometres this truck has driven: every leg it finished, and the part of a leg it left for a new
     * revision of its route (on a grid, the lab's street distance). Safe to read from any thread.
     */
    public double drivenKm() {
        return drivenKm;
    }

    /**
     * The part of {@link #drivenKm()} driven towards a stop that a new revision then no longer had first: the truck
     * turned away from the leg where it was (the cost of re-planning a truck on the road). Safe to read from any thread.
     */
    public double abandonedKm() {
        return abandonedKm;
    }

    private double[] pointAt(Instant t) {
        long total = Duration.between(phaseStart, phaseEnd).toMillis();
        double f = total <= 0 ? 1 : (double) Duration.between(phaseStart, t).toMillis() / total;
        return Geo.between(fromLat, fromLon, current.lat(), current.lon(), f);
    }

    private Position positionAt(Instant t) {
        if (phase == Phase.DRIVING && t.isBefore(phaseStart)) {
            return new Position(t, fromLat, fromLon, 0, 0, loadPct());  // on schedule: waiting to leave
        }
        if (phase == Phase.DRIVING) {
            double[] p = pointAt(t);
            double heading = Math.round(Geo.bearing(fromLat, fromLon, current.lat(), current.lon()));
            return new Position(t, p[0], p[1], model.speedKmh(), heading >= 360 ? 0 : heading, loadPct());
        }
        return new Position(t, lat, lon, 0, 0, loadPct());
    }

    private static double round1(double v) {
        return Math.round(v * 10) / 10.0;
    }
}
