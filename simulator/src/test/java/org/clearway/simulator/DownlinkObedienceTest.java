package org.clearway.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import org.clearway.simulator.devices.Fleet;
import org.clearway.simulator.devices.SimDevice;
import org.junit.jupiter.api.Test;

/** A simulated LoRaWAN device told a new interval reports at it from its next uplink on (Class A). */
class DownlinkObedienceTest {
    static final Instant NOW = Instant.parse("2026-11-28T09:00:00Z");

    @Test
    void aDeviceReportsAtTheIntervalItWasToldFromItsNextUplink() {
        Simulation sim = Simulation.builder().seed(5).bins(4).fleet(Fleet.LORAWAN).maxSpeed()
                .clock(Clock.fixed(NOW, ZoneOffset.UTC)).sleeper(TestClock.NO_WAIT).outageShare(0)
                .start(NOW.minus(Duration.ofDays(3))).reportInterval(Duration.ofMinutes(15)).build();
        SimDevice device = sim.devices().get(0);
        String bin = device.bin().id();
        Instant told = NOW.minus(Duration.ofDays(2));
        List<Instant> before = times(sim, told, bin);
        assertThat(before).hasSizeGreaterThan(50);
        sim.device(device.devEui()).orElseThrow().setInterval().accept(Duration.ofHours(4));
        List<Instant> after = times(sim, NOW, bin);
        // The first uplink after the downlink still comes at the old interval; from then on every 4 h +- 10 %.
        assertThat(Duration.between(before.get(before.size() - 1), after.get(0))).isLessThan(Duration.ofMinutes(20));
        for (int i = 1; i < after.size(); i++) {
            assertThat(Duration.between(after.get(i - 1), after.get(i)))
                    .isBetween(Duration.ofMinutes(216), Duration.ofMinutes(264));
        }
        assertThat(after).hasSizeBetween(10, 14);
        assertThat(sim.device("ffffffffffffffff")).isEmpty();
    }

    private static List<Instant> times(Simulation sim, Instant until, String bin) {
        List<Instant> times = new ArrayList<>();
        sim.streamUntil(until).forEach(p -> p.expectation().valid().stream()
                .filter(r -> r.key().binId().equals(bin)).forEach(r -> times.add(r.key().ts())));
        return times;
    }
}
