package org.clearway.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.clearway.core.contract.DecodedMessage;
import org.clearway.core.contract.Reading;
import org.clearway.simulator.city.CityBin;
import org.clearway.simulator.city.SimBin;
import org.clearway.simulator.waste.LiveWaste;
import org.clearway.simulator.waste.WasteGenerator;
import org.clearway.simulator.waste.WastePattern;
import org.junit.jupiter.api.Test;

/** The live sensors' fill rises with the city model's waste: each bin's rate and its stream's weekly rhythm. */
class CityWasteTest {
    private static final Instant NOW = Instant.parse("2026-11-28T09:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    @Test
    void binsFillAtTheirModelRateInTheirStreamsRhythm() {
        Simulation sim = Simulation.builder().seed(5).bins(80).maxSpeed().clock(CLOCK).sleeper(TestClock.NO_WAIT)
                .outageShare(0).alarmRate(0).distanceShare(0).initialFill(20).build();
        Decoding decoding = new Decoding("", CLOCK, sim.bins());
        Map<String, List<Reading>> byBin = new HashMap<>();
        for (Publication p : sim.streamUntil(NOW).toList()) {
            DecodedMessage d = decoding.check(p);
            d.readings().forEach(r -> byBin.computeIfAbsent(r.binId(), k -> new ArrayList<>()).add(r));
        }
        LiveWaste clock = new LiveWaste(sim.city().model(), LiveWaste.weekStart(sim.settings().start(),
                sim.settings().sensors().zone()));
        double risen = 0;
        double expected = 0;
        int bins = 0;
        for (SimBin bin : sim.bins()) {
            // From the first reading until just before the bin nears full or is emptied: nothing but waste. Each
            // reading is taken as the median of it and its two neighbours on each side (an echo reads 20-50 too high).
            List<Reading> readings = byBin.get(bin.id());
            int firstAt = 2;
            int lastAt = firstAt;
            for (int k = firstAt + 1; k < readings.size() - 2; k++) {
                if (median(readings, k) >= 85 || median(readings, k) < median(readings, lastAt) - 10) {
                    break;
                }
                lastAt = k;
            }
            Reading first = readings.get(firstAt);
            Reading last = readings.get(lastAt);
            int from = clock.stepsUntil(first.measuredAt());
            int to = clock.stepsUntil(last.measuredAt());
            if (to - from < WasteGenerator.STEPS_PER_DAY) {
                continue;
            }
            CityBin model = sim.city().model().bins().get(bin.index());
            WastePattern rhythm = WastePattern.of(model.stream().code());
            for (int step = from; step < to; step++) {
                expected += model.ratePctPerHour() / WasteGenerator.STEPS_PER_HOUR
                        * rhythm.factor(WasteGenerator.hourOfWeek(step));
            }
            risen += median(readings, lastAt) - median(readings, firstAt);
            bins++;
        }
        assertThat(bins).isGreaterThan(40);
        // Noise averages out over days and bins; events add about 1 %.
        assertThat(risen / expected).as("%d bins rose %.1f points, their rates and rhythm say %.1f", bins, risen, expected)
                .isCloseTo(1.0, within(0.1));
    }

    private static double median(List<Reading> readings, int k) {
        return readings.subList(k - 2, k + 3).stream().mapToDouble(Reading::fill).sorted().toArray()[2];
    }
}
