package org.clearway.dispatch.plan;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.clearway.dispatch.fleet.FleetFacility;
import org.clearway.dispatch.fleet.Truck;

/**
 * What one plan starts from, read in one transaction: the fleet, the collection jobs not yet collected, and the
 * latest route of each truck on the shift day.
 *
 * @param jobs         collection jobs in state open, planned, dispatched, accepted or arrived
 * @param latestRoutes the newest route row of each truck for {@code shiftDate}, by truck id
 * @param positions    the last position each truck reported ({@code trucks.last_*}), by truck id
 * @param onBoard      what each truck carries: its collections of the shift day since it last reported an empty body
 *                     (a position with {@code loadPct} 0), by truck id; a truck not in it carries nothing
 * @param breaks       each truck's newest break reported since the start of the shift day ({@code truck_breaks}), by
 *                     truck id; a truck not in it has not reported one
 */
public record PlanSnapshot(Instant now, LocalDate shiftDate, List<Truck> trucks, List<FleetFacility> facilities,
                           List<PlanJob> jobs, Map<String, PublishedRoute> latestRoutes,
                           Map<String, Position> positions, Map<String, OnBoard> onBoard,
                           Map<String, ReportedBreak> breaks) {

    /** A snapshot with no reported break. */
    public PlanSnapshot(Instant now, LocalDate shiftDate, List<Truck> trucks, List<FleetFacility> facilities,
                        List<PlanJob> jobs, Map<String, PublishedRoute> latestRoutes, Map<String, Position> positions,
                        Map<String, OnBoard> onBoard) {
        this(now, shiftDate, trucks, facilities, jobs, latestRoutes, positions, onBoard, Map.of());
    }

    /** A snapshot with no load on board. */
    public PlanSnapshot(Instant now, LocalDate shiftDate, List<Truck> trucks, List<FleetFacility> facilities,
                        List<PlanJob> jobs, Map<String, PublishedRoute> latestRoutes, Map<String, Position> positions) {
        this(now, shiftDate, trucks, facilities, jobs, latestRoutes, positions, Map.of());
    }

    /** A snapshot with no reported truck positions. */
    public PlanSnapshot(Instant now, LocalDate shiftDate, List<Truck> trucks, List<FleetFacility> facilities,
                        List<PlanJob> jobs, Map<String, PublishedRoute> latestRoutes) {
        this(now, shiftDate, trucks, facilities, jobs, latestRoutes, Map.of());
    }

    public PlanSnapshot {
        Objects.requireNonNull(now, "now");
        Objects.requireNonNull(shiftDate, "shiftDate");
        trucks = List.copyOf(trucks);
        facilities = List.copyOf(facilities);
        jobs = List.copyOf(jobs);
        latestRoutes = Map.copyOf(latestRoutes);
        positions = Map.copyOf(positions);
        onBoard = Map.copyOf(onBoard);
        breaks = Map.copyOf(breaks);
    }

    /**
     * A break a truck reported (protocol version 2, docs/trucks.md): started at {@code startedAt}, ended at
     * {@code endedAt}, or null while the driver is on it.
     */
    public record ReportedBreak(Instant startedAt, Instant endedAt) {
        public ReportedBreak {
            Objects.requireNonNull(startedAt, "startedAt");
        }

        public boolean open() {
            return endedAt == null;
        }
    }

    /**
     * A truck's load since its last unload: the sum of its collections' volume and weight, and the stream of the
     * newest one (a load has one stream); with the load its newest position of the day reported and what it collected
     * after that position, when there is such a position.
     *
     * @param reportedPct   the newest position's {@code loadPct} today, or null
     * @param volumeAfterL  the collections' volume after that position
     * @param weightAfterKg their weight
     */
    public record OnBoard(double volumeL, double weightKg, String stream, Double reportedPct, double volumeAfterL,
                          double weightAfterKg) {
        public OnBoard {
            Objects.requireNonNull(stream, "stream");
        }

        /** The sums alone, with no reported load. */
        public OnBoard(double volumeL, double weightKg, String stream) {
            this(volumeL, weightKg, stream, null, 0, 0);
        }

        /**
         * The load, at most what the truck itself reported plus what it collected since: positions go at QoS 0, and
         * when the one reporting the empty body after an unload is lost, the sums run on across that unload (the
         * truck would look full for the rest of the day). {@code loadPct} is the fuller of volume and weight, so it
         * bounds both.
         */
        public OnBoard capped(double capacityVolumeL, double capacityWeightKg) {
            if (reportedPct == null) {
                return this;
            }
            double share = Math.max(0, reportedPct) / 100;
            return new OnBoard(Math.min(volumeL, share * capacityVolumeL + volumeAfterL),
                    Math.min(weightKg, share * capacityWeightKg + weightAfterKg), stream, reportedPct, volumeAfterL,
                    weightAfterKg);
        }
    }

    /** Where a truck last said it was, and when. */
    public record Position(double lat, double lon, Instant at) {
    }

    /**
     * A stored route.
     *
     * @param stopKeys what the route visits, in order ({@link RouteMessage#stopKeys}); equal keys mean an unchanged plan
     */
    public record PublishedRoute(String truckId, int revision, List<String> stopKeys) {
        public PublishedRoute {
            stopKeys = List.copyOf(stopKeys);
        }
    }
}
