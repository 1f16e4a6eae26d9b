package org.clearway.simulator.trucks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import org.clearway.simulator.Emptied;
import org.clearway.simulator.city.SimBin;
import org.clearway.simulator.city.SimZone;
import org.clearway.simulator.city.WasteStream;
import org.clearway.simulator.trucks.TruckEvent.JobUpdate;
import org.clearway.simulator.trucks.TruckEvent.Position;
import org.junit.jupiter.api.Test;

class TruckDriverTest {
    private static final Instant T0 = Instant.parse("2026-11-28T06:00:00Z");
    private static final double DEPOT_LAT = 31.2710;
    private static final double DEPOT_LON = 121.4620;
    private static final DrivingModel MODEL = DrivingModel.DEFAULT;
    private final List<String> emptied = new ArrayList<>();
    private final TruckSpec spec = new TruckSpec("truck-n1", DEPOT_LAT, DEPOT_LON, 10_000, 5_000);

    private BinYard yard() {
        return (binId, at) -> {
            emptied.add(binId + "@" + at);
            SimBin bin = new SimBin(binId, 0, (SimZone) null, WasteStream.RESIDUAL, 660, 1000, 50, 0, 0, null, false);
            return Optional.of(new Emptied(bin, 80));
        };
    }

    private TruckDriver driver() {
        return new TruckDriver(spec, MODEL, yard(), new SplittableRandom(7));
    }

    private static Stop bin(int seq, long job, String binId, double lat, double lon) {
        return new Stop(seq, StopKind.BIN, job, binId, lat, lon, Duration.ZERO);
    }

    private static Route route(int revision, Stop... stops) {
        return new Route("truck-n1", "2026-11-28", revision, T0, List.of(stops));
    }

    private static List<JobUpdate> updates(List<TruckEvent> events) {
        return events.stream().filter(JobUpdate.class::isInstance).map(JobUpdate.class::cast).toList();
    }

    private static List<String> names(List<JobUpdate> updates) {
        return updates.stream().map(u -> u.jobId() + ":" + u.event()).toList();
    }

    @Test
    void drivesAtRoadSpeedServesTheBinAndWeighsWhatItEmptied() {
        TruckDriver d = driver();
        Stop b1 = bin(1, 42, "b-1", 31.2301, 121.4702);
        List<TruckEvent> first = d.adopt(route(1, b1), T0).orElseThrow();
        assertThat(names(updates(first))).containsExactly("42:accepted");
        assertThat(updates(first).get(0).ts()).isEqualTo(T0);

        double km = Geo.km(DEPOT_LAT, DEPOT_LON, b1.lat(), b1.lon()) * 1.3;
        Duration drive = Duration.ofMillis(Math.round(km / 25 * 3_600_000));
        assertThat(km).isBetween(5.0, 7.0);  // 4.6 km straight, 1.3 on the road
        List<TruckEvent> events = d.advance(T0.plus(Duration.ofHours(2)));
        List<JobUpdate> u = updates(events);
        assertThat(names(u)).containsExactly("42:arrived", "42:collected");
        assertThat(u.get(0).ts()).isEqualTo(T0.plus(drive));
        assertThat(u.get(1).ts()).isEqualTo(T0.plus(drive).plus(MODEL.binService()));
        assertThat(u.get(1).volumeL()).isEqualTo(528.0);  // 80 % of 660 L
        assertThat(u.get(1).weightKg()).isCloseTo(528 * 0.10, within(0.05));  // residual: 0.10 kg/l (StreamSpec)
        assertThat(emptied).containsExactly("b-1@" + u.get(1).ts());
        assertThat(d.loadPct()).isCloseTo(5.3, within(0.05));  // 528 of 10,000 L
    }

    @Test
    void onTheLabsStreetGridItDrivesAndCountsTheNorthSouthPlusEastWestDistance() {
        DrivingModel grid = MODEL.withGrid(true).withSpeedKmh(21.6);
        TruckDriver d = new TruckDriver(spec, grid, yard(), new SplittableRandom(7));
        Stop b1 = bin(1, 42, "b-1", 31.2301, 121.4702);
        d.adopt(route(1, b1), T0).orElseThrow();
        double north = (DEPOT_LAT - b1.lat()) * 111.32;
        double east = (b1.lon() - DEPOT_LON) * 111.32 * Math.cos(Math.toRadians((DEPOT_LAT + b1.lat()) / 2));
        Duration drive = Duration.ofMillis(Math.round((north + east) / 21.6 * 3_600_000));

        List<JobUpdate> u = updates(d.advance(T0.plus(Duration.ofHours(2))));

        assertThat(u.get(0).ts()).as("arrives after the grid distance at 21.6 km/h").isEqualTo(T0.plus(drive));
        assertThat(d.drivenKm()).isCloseTo(north + east, within(1e-9));
        assertThat(north + east).isBetween(5.3, 5.5);  // 4.55 km north, 0.90 km east
    }

    @Test
    void onScheduleATruckLeavesSoAsToArriveAtThePlannedTimeNeverBefore() {
        TruckDriver d = new TruckDriver(spec, MODEL.withOnSchedule(true), yard(), new SplittableRandom(7));
        Instant planned = T0.plus(Duration.ofHours(2));
        Stop b1 = new Stop(1, StopKind.BIN, 42L, "b-1", 31.2301, 121.4702, Duration.ZERO, planned);
        Stop late = new Stop(2, StopKind.BIN, 43L, "b-2", 31.2302, 121.4702, Duration.ZERO, T0.plusSeconds(60));
        d.adopt(route(1, b1, late), T0).orElseThrow();

        List<JobUpdate> u = updates(d.advance(T0.plus(Duration.ofHours(3))));

        assertThat(names(u)).containsExactly("42:arrived", "42:collected", "43:arrived", "43:collected");
        assertThat(u.get(0).ts()).as("waited at the depot, then arrived as planned").isEqualTo(planned);
        assertThat(u.get(2).ts()).as("running late: drives on at once").isAfter(u.get(1).ts())
                .isBefore(u.get(1).ts().plusSeconds(60));
        assertThat(d.drivenKm()).isCloseTo(MODEL.roadKm(DEPOT_LAT, DEPOT_LON, 31.2301, 121.4702)
                + MODEL.roadKm(31.2301, 121.4702, 31.2302, 121.4702), within(1e-9));
    }

    @Test
    void aLegLeftForANewRevisionCountsTheWayDrivenSoFar() {
        TruckDriver d = driver();
        Stop far = bin(1, 42, "b-1", 31.2301, 121.4702);
        d.adopt(route(1, far), T0).orElseThrow();
        double leg = MODEL.roadKm(DEPOT_LAT, DEPOT_LON, far.lat(), far.lon());
        Duration half = Duration.ofMillis(Math.round(leg / 25 * 3_600_000 / 2));
        d.advance(T0.plus(half));
        Stop near = bin(1, 43, "b-2", DEPOT_LAT, DEPOT_LON);
        d.adopt(route(2, near), T0.plus(half)).orElseThrow();

        assertThat(d.drivenKm()).as("half the first leg").isCloseTo(leg / 2, within(0.01));
        d.advance(T0.plus(Duration.ofHours(3)));
        assertThat(d.drivenKm()).as("and back to b-2 at the depot").isCloseTo(leg, within(0.02));
    }

    @Test
    void reportsPositionsAtItsIntervalAndOnlyTheNewestOfALongStep() {
        TruckDriver d = driver();
        assertThat(d.positionInterval()).isBetween(Duration.ofSeconds(15), Duration.ofSeconds(30));
        List<TruckEvent> first = d.adopt(route(1, bin(1, 1, "b-1", 31.2301, 121.4702)), T0).orElseThrow();
        Position p0 = (Position) first.get(first.size() - 1);
        assertThat(p0.ts()).isEqualTo(T0);
        assertThat(p0.lat()).isEqualTo(DEPOT_LAT);

        Duration step = d.positionInterval();
        List<Position> positions = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            d.advance(T0.plus(step.multipliedBy(i))).stream().filter(Position.class::isInstance)
                    .map(Position.class::cast).forEach(positions::add);
        }
        assertThat(positions).extracting(Position::ts).containsExactly(T0.plus(step), T0.plus(step.multipliedBy(2)),
                T0.plus(step.multipliedBy(3)), T0.plus(step.multipliedBy(4)), T0.plus(step.multipliedBy(5)));
        assertThat(positions).allSatisfy(p -> {
            assertThat(p.speedKmh()).isEqualTo(25.0);
            assertThat(p.headingDeg()).isBetween(150.0, 200.0);  // south, a little east
        });
        assertThat(positions.get(4).lat()).isLessThan(positions.get(0).lat());

        List<TruckEvent> jump = d.advance(T0.plus(Duration.ofMinutes(5)));
        assertThat(jump.stream().filter(Position.class::isInstance)).hasSize(1);
    }

    @Test
    void unloadsTakesItsBreakAndStopsAtTheDepot() {
        TruckDriver d = driver();
        Stop unload = new Stop(2, StopKind.UNLOAD, null, "transfer-east", 31.2280, 121.5350, Duration.ZERO);
        Stop pause = new Stop(3, StopKind.BREAK, null, null, Double.NaN, Double.NaN, Duration.ofMinutes(30));
        Stop depot = new Stop(4, StopKind.DEPOT, null, "depot-north", DEPOT_LAT, DEPOT_LON, Duration.ZERO);
        d.adopt(route(1, bin(1, 7, "b-7", 31.2301, 121.4702), unload, pause, depot), T0).orElseThrow();
        d.advance(T0.plus(Duration.ofMinutes(20)));
        assertThat(d.loadPct()).isPositive();

        Instant atPlant = T0.plus(Duration.ofMinutes(20)).plus(MODEL.travel(31.2301, 121.4702, unload.lat(), unload.lon()));
        d.advance(atPlant.plus(MODEL.unloadService()).plusSeconds(1));
        assertThat(d.loadPct()).isZero();
        assertThat(d.onRoute()).isTrue();

        List<TruckEvent> rest = d.advance(T0.plus(Duration.ofHours(6)));
        Position last = (Position) rest.get(rest.size() - 1);
        assertThat(last.lat()).isEqualTo(DEPOT_LAT);
        assertThat(last.speedKmh()).isZero();
        assertThat(d.onRoute()).isFalse();
        assertThat(d.advance(T0.plus(Duration.ofHours(7)))).as("no positions after the shift").isEmpty();
    }

    @Test
    void theEmptyBodyAfterAnUnloadIsReportedEvenWhenOneCallAlsoCoversTheNextCollection() {
        TruckDriver d = driver();
        Stop unload = new Stop(2, StopKind.UNLOAD, null, "transfer-east", 31.2280, 121.5350, Duration.ZERO);
        Stop next = bin(3, 8, "b-8", 31.2285, 121.5355);  // next door to the plant
        Stop depot = new Stop(4, StopKind.DEPOT, null, "depot-north", DEPOT_LAT, DEPOT_LON, Duration.ZERO);
        d.adopt(route(1, bin(1, 7, "b-7", 31.2301, 121.4702), unload, next, depot), T0).orElseThrow();
        d.advance(T0.plus(Duration.ofMinutes(20)));
        Instant atPlant = T0.plus(Duration.ofMinutes(20)).plus(MODEL.travel(31.2301, 121.4702, unload.lat(), unload.lon()));

        // one call (an accelerated clock's tick) from before the unload to after the next bin is emptied
        List<TruckEvent> events = d.advance(atPlant.plus(MODEL.unloadService()).plus(Duration.ofMinutes(5)));
        List<Position> positions = events.stream().filter(Position.class::isInstance).map(Position.class::cast).toList();
        assertThat(names(updates(events))).contains("8:collected");
        assertThat(positions).hasSize(2);
        assertThat(positions.get(0).loadPct()).as("the empty body, when the unload ended").isZero();
        assertThat(positions.get(1).loadPct()).as("the newest, after the next bin").isPositive();
    }

    @Test
    void aBreakHoldsTheTruckForItsMinutes() {
        TruckDriver d = driver();
        Stop pause = new Stop(1, StopKind.BREAK, null, null, Double.NaN, Double.NaN, Duration.ofMinutes(30));
        Stop b = bin(2, 5, "b-5", DEPOT_LAT, DEPOT_LON);  // at the depot: no driving
        d.adopt(route(1, pause, b), T0).orElseThrow();
        assertThat(updates(d.advance(T0.plus(Duration.ofMinutes(29))))).isEmpty();
        List<JobUpdate> u = updates(d.advance(T0.plus(Duration.ofMinutes(40))));
        assertThat(names(u)).containsExactly("5:arrived", "5:collected");
        assertThat(u.get(0).ts()).isEqualTo(T0.plus(Duration.ofMinutes(30)));
    }

    @Test
    void ignoresOlderRevisionsAndLeavesCollectedJobsOutOfANewOne() {
        TruckDriver d = driver();
        Stop b1 = bin(1, 1, "b-1", 31.2650, 121.4630);
        Stop b2 = bin(2, 2, "b-2", 31.2600, 121.4640);
        d.adopt(route(3, b1, b2), T0).orElseThrow();
        assertThat(d.adopt(route(2, b2), T0.plusSeconds(1))).isEmpty();
        assertThat(d.adopt(route(3, b2), T0.plusSeconds(1))).isEmpty();
        assertThat(d.revision()).isEqualTo(3);

        Instant afterFirst = T0.plus(MODEL.travel(DEPOT_LAT, DEPOT_LON, b1.lat(), b1.lon())).plus(MODEL.binService())
                .plusSeconds(1);
        assertThat(names(updates(d.advance(afterFirst)))).containsExactly("1:arrived", "1:collected");

        Stop b3 = bin(3, 3, "b-3", 31.2550, 121.4650);
        List<TruckEvent> newer = d.adopt(route(4, b1, b3, b2), afterFirst).orElseThrow();
        assertThat(names(updates(newer))).containsExactly("3:accepted");
        List<JobUpdate> rest = updates(d.advance(afterFirst.plus(Duration.ofHours(1))));
        assertThat(names(rest)).containsExactly("3:arrived", "3:collected", "2:arrived", "2:collected");
        assertThat(emptied).hasSize(3);
    }

    @Test
    void aBinLeftWhileServedAndComeBackToIsAnnouncedArrivedOnce() {
        TruckDriver d = driver();
        Stop b1 = bin(1, 1, "b-1", 31.2650, 121.4630);
        Stop b2 = bin(2, 2, "b-2", 31.2600, 121.4640);
        d.adopt(route(1, b1), T0).orElseThrow();
        Instant there = T0.plus(MODEL.travel(DEPOT_LAT, DEPOT_LON, b1.lat(), b1.lon())).plusSeconds(1);
        assertThat(names(updates(d.advance(there)))).containsExactly("1:arrived");
        d.adopt(route(2, b2), there).orElseThrow();  // a revision without the bin in hand: the truck leaves it
        assertThat(names(updates(d.advance(there.plus(Duration.ofHours(1)))))).containsExactly("2:arrived",
                "2:collected");
        d.adopt(route(3, b1), there.plus(Duration.ofHours(1))).orElseThrow();  // and comes back to it
        assertThat(names(updates(d.advance(there.plus(Duration.ofHours(2)))))).containsExactly("1:collected");
    }

    @Test
    void aWithdrawnRouteStopsTheTruckWhereItIs() {
        TruckDriver d = driver();
        d.adopt(route(1, bin(1, 1, "b-1", 31.2301, 121.4702)), T0).orElseThrow();
        d.adopt(route(2), T0.plus(Duration.ofMinutes(5))).orElseThrow();
        assertThat(d.onRoute()).isFalse();
        assertThat(d.advance(T0.plus(Duration.ofHours(2)))).isEmpty();
        assertThat(emptied).isEmpty();
    }

    @Test
    void aTruckWithoutAHomeStartsAtItsFirstStop() {
        TruckDriver d = new TruckDriver(TruckSpec.ofId("t-x"), MODEL, BinYard.NONE, new SplittableRandom(1));
        List<TruckEvent> e = d.adopt(route(1, bin(1, 9, "b-9", 31.2, 121.4)), T0).orElseThrow();
        assertThat(names(updates(e))).containsExactly("9:accepted", "9:arrived");
        List<JobUpdate> u = updates(d.advance(T0.plus(MODEL.binService())));
        assertThat(names(u)).containsExactly("9:collected");
        assertThat(u.get(0).weightKg()).as("a bin not simulated here: no weight").isNull();
    }

    @Test
    void aTruckAtItsDepotLeavesOnlyInTimeToReachItsFirstStopWhenThePlanHasItThere() {
        TruckDriver d = driver();
        Instant planned = T0.plus(Duration.ofHours(2));
        Stop b1 = new Stop(1, StopKind.BIN, 9L, "b-9", 31.2301, 121.4702, Duration.ZERO, planned);
        Duration drive = MODEL.travel(DEPOT_LAT, DEPOT_LON, b1.lat(), b1.lon());
        List<TruckEvent> first = d.adopt(route(1, b1), T0).orElseThrow();
        assertThat(names(updates(first))).containsExactly("9:accepted");
        assertThat(first).as("silent at the depot: no position before it leaves").hasSize(1);
        assertThat(d.waiting()).isTrue();
        assertThat(d.onRoute()).isFalse();

        Instant leave = planned.minus(drive).minus(TruckDriver.EARLY_SLACK);
        assertThat(d.advance(leave.minusSeconds(1))).isEmpty();
        List<TruckEvent> off = d.advance(leave);
        assertThat(off).singleElement().isInstanceOfSatisfying(Position.class, p -> {
            assertThat(p.ts()).isEqualTo(leave);
            assertThat(p.lat()).isEqualTo(DEPOT_LAT);
        });
        assertThat(d.onRoute()).isTrue();
        Instant arrival = planned.minus(TruckDriver.EARLY_SLACK);
        List<JobUpdate> there = updates(d.advance(arrival));
        assertThat(there).singleElement().satisfies(u -> {
            assertThat(u.event()).isEqualTo("arrived");
            assertThat(u.ts()).isEqualTo(arrival);
        });
    }

    @Test
    void aRoutePlannedFromNowWithSlowerDrivingThanTheTrucksOwnLeavesAtOnceEvenWhenRevisedOften() {
        TruckDriver d = driver();
        Stop at = bin(1, 4, "b-4", 31.2301, 121.4702);
        Duration drive = MODEL.travel(DEPOT_LAT, DEPOT_LON, at.lat(), at.lon());
        Instant now = T0;
        for (int revision = 1; revision <= 5; revision++) {
            // dispatch's model: 10 minutes more than this truck needs
            Instant planned = now.plus(drive).plus(Duration.ofMinutes(10));
            d.adopt(route(revision, new Stop(1, StopKind.BIN, 4L, "b-4", at.lat(), at.lon(), Duration.ZERO, planned)), now);
            assertThat(d.waiting()).as("revision " + revision).isFalse();
            now = now.plusSeconds(15);
        }
        assertThat(d.onRoute()).isTrue();
    }

    @Test
    void aTruckOutOnTheRoadTakesANewRevisionAtOnceAndARouteWithAPastPlanLeavesNow() {
        TruckDriver d = driver();
        d.adopt(route(1, bin(1, 1, "b-1", 31.2301, 121.4702)), T0).orElseThrow();
        Instant later = T0.plus(Duration.ofMinutes(2));
        d.advance(later);
        assertThat(d.onRoute()).isTrue();
        Stop planned = new Stop(1, StopKind.BIN, 2L, "b-2", 31.2301, 121.4702, Duration.ZERO, T0.plus(Duration.ofHours(3)));
        d.adopt(route(2, planned), later).orElseThrow();
        assertThat(d.waiting()).as("a driver already out does not park by the road").isFalse();
        assertThat(d.onRoute()).isTrue();

        TruckDriver fresh = driver();
        Stop late = new Stop(1, StopKind.BIN, 3L, "b-3", 31.2301, 121.4702, Duration.ZERO, T0.minus(Duration.ofHours(1)));
        fresh.adopt(route(1, late), T0).orElseThrow();
        assertThat(fresh.onRoute()).as("behind its plan: it leaves at once").isTrue();
    }
}
