package org.clearway.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.clearway.core.contract.DecodedMessage;
import org.clearway.core.contract.Reading;
import org.junit.jupiter.api.Test;

/**
 * The live city's stand-ins for collections (a bin past 95 to 100 % emptied a few hours later, a routine round now and
 * then) can be switched off, so that in the lab's city the simulated trucks do every collection (issue 12).
 */
class StandInCollectionsTest {
    static final Instant NOW = Instant.parse("2026-11-28T09:00:00Z");
    static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    /** How many bins' readings drop by more than 30 points over six days. */
    private static long binsWithADrop(boolean standIns) {
        Simulation sim = Simulation.builder().seed(3).bins(60).maxSpeed().clock(CLOCK).sleeper(TestClock.NO_WAIT)
                .outageShare(0).alarmRate(0).distanceShare(0).initialFill(90).standInCollections(standIns).build();
        Decoding decoding = new Decoding("", CLOCK, sim.bins());
        Map<String, List<Reading>> byBin = new HashMap<>();
        for (Publication p : sim.streamUntil(NOW).toList()) {
            DecodedMessage d = decoding.check(p);
            d.readings().forEach(r -> byBin.computeIfAbsent(r.binId(), k -> new ArrayList<>()).add(r));
        }
        return byBin.values().stream().filter(readings -> {
            for (int i = 2; i + 1 < readings.size(); i++) {
                // an echo reads 20 to 50 points too high once: the lower of two readings before, the higher of two after
                double before = Math.min(readings.get(i - 2).fill(), readings.get(i - 1).fill());
                double after = Math.max(readings.get(i).fill(), readings.get(i + 1).fill());
                if (before - after > 30) {
                    return true;
                }
            }
            return false;
        }).count();
    }

    @Test
    void withoutStandInsNoBinIsEmptiedWithoutATruck() {
        assertThat(binsWithADrop(true)).as("the live city empties full bins by itself").isGreaterThan(3);
        assertThat(binsWithADrop(false)).as("nothing empties a bin but a truck").isZero();
    }
}
