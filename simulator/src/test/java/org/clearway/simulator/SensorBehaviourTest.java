package org.clearway.simulator;

import org.clearway.simulator.expect.ExpectedReading;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.clearway.core.contract.Alarm;
import org.clearway.core.contract.DecodedMessage;
import org.clearway.core.contract.Reading;
import org.clearway.simulator.city.SimBin;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Properties of what the sensors send, over six simulated days of 40 bins. */
class SensorBehaviourTest {
    static final Instant NOW = Instant.parse("2026-11-28T09:00:00Z");
    static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    static Simulation sim;
    static List<Publication> all;
    static Map<String, List<Reading>> byBin = new HashMap<>();

    @BeforeAll
    static void simulateSixDays() {
        sim = Simulation.builder().seed(3).bins(40).maxSpeed().clock(CLOCK).sleeper(TestClock.NO_WAIT)
                .outageShare(0.01).alarmRate(30).distanceShare(0.4).duplicateShare(0.05).build();
        Decoding decoding = new Decoding("", CLOCK, sim.bins());
        all = new ArrayList<>();
        for (Publication p : sim.streamUntil(NOW).toList()) {
            all.add(p);
            DecodedMessage d = decoding.check(p);
            if (!p.expectation().duplicate()) {
                d.readings().forEach(r -> byBin.computeIfAbsent(r.binId(), k -> new ArrayList<>()).add(r));
            }
        }
    }

    @Test
    void timestampsNeverPassTheClockAndNeverRepeatWithinABin() {
        for (List<Reading> readings : byBin.values()) {
            for (int i = 0; i < readings.size(); i++) {
                assertThat(readings.get(i).measuredAt()).isBeforeOrEqualTo(NOW)
                        .isAfterOrEqualTo(sim.settings().start());
                if (i > 0) {
                    assertThat(readings.get(i).measuredAt()).isAfter(readings.get(i - 1).measuredAt());
                }
            }
        }
        assertThat(sim.lastReportAt()).isBeforeOrEqualTo(NOW);
    }

    @Test
    void fillStaysWithinZeroToHundred() {
        assertThat(all).allSatisfy(p -> assertThat(p.expectation().valid())
                .allSatisfy(r -> assertThat(r.fillPct()).isBetween(0.0, 100.0)));
    }

    @Test
    void fullBinsAreEmptied() {
        long emptied = byBin.values().stream().filter(SensorBehaviourTest::wasEmptied).count();
        assertThat(emptied).isGreaterThan(3);
    }

    private static boolean wasEmptied(List<Reading> readings) {
        boolean full = false;
        for (Reading r : readings) {
            double fill = r.fill() != null ? r.fill() : -1;
            if (fill >= 94) {
                full = true;
            } else if (full && fill >= 0 && fill <= 6) {
                return true;
            }
        }
        return false;
    }

    @Test
    void batteriesDrainOrAreReplaced() {
        for (List<Reading> readings : byBin.values()) {
            Double previous = null;
            for (Reading r : readings) {
                if (r.battery() == null) {
                    continue;
                }
                if (previous != null && r.battery() != 100.0) {
                    assertThat(r.battery()).isLessThanOrEqualTo(previous);
                }
                previous = r.battery();
            }
        }
        assertThat(byBin.values().stream().mapToLong(l -> l.stream().filter(r -> r.battery() != null).count()).sum())
                .isPositive();
    }

    @Test
    void alarmsComeWithTheirSigns() {
        List<Reading> readings = byBin.values().stream().flatMap(List::stream).toList();
        assertThat(readings).anySatisfy(r -> assertThat(r.alarms()).contains(Alarm.FIRE));
        assertThat(readings).anySatisfy(r -> assertThat(r.alarms()).contains(Alarm.LID_OPEN));
        assertThat(readings).filteredOn(r -> r.alarms().contains(Alarm.FIRE))
                .allSatisfy(r -> assertThat(r.tempC()).isGreaterThanOrEqualTo(70.0));
        assertThat(readings).filteredOn(r -> r.alarms().contains(Alarm.TILT))
                .isNotEmpty().allSatisfy(r -> assertThat(r.tilt()).isTrue());
    }

    @Test
    void offlineSensorsSendTheirBufferOldestFirst() {
        List<Publication> batches = all.stream().filter(p -> p.expectation().valid().size() > 1).toList();
        assertThat(batches).isNotEmpty().allSatisfy(p -> {
            List<ExpectedReading> v = p.expectation().valid();
            assertThat(v).hasSizeLessThanOrEqualTo(100);
            for (int i = 1; i < v.size(); i++) {
                assertThat(v.get(i).key().ts()).isAfter(v.get(i - 1).key().ts());
            }
        });
        assertThat(batches).anySatisfy(p -> assertThat(p.expectation().valid()).hasSize(100));
    }

    @Test
    void distanceSensorsAreTheShareAskedFor() {
        long distance = sim.bins().stream().filter(SimBin::distanceSensor).count();
        assertThat(distance).isBetween(8L, 24L);
        for (SimBin bin : sim.bins()) {
            List<Reading> readings = byBin.getOrDefault(bin.id(), List.of());
            assertThat(readings).isNotEmpty().allSatisfy(r -> assertThat(r.distanceMm() != null)
                    .isEqualTo(bin.distanceSensor()));
        }
    }

    @Test
    void readingsCoverTheSimulatedDays() {
        Instant first = byBin.values().stream().map(l -> l.get(0).measuredAt()).min(Instant::compareTo).orElseThrow();
        Instant last = byBin.values().stream().map(l -> l.get(l.size() - 1).measuredAt()).max(Instant::compareTo)
                .orElseThrow();
        assertThat(Duration.between(first, last)).isGreaterThan(Duration.ofDays(5));
    }
}
