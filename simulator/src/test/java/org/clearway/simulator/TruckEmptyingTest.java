package org.clearway.simulator;

import org.clearway.simulator.expect.ExpectedReading;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A bin a truck empties shows the drop in its next reading, and not before the emptying's time. */
class TruckEmptyingTest {
    private final Clock clock = Clock.fixed(Instant.parse("2026-11-28T09:00:00Z"), ZoneOffset.UTC);

    private Simulation sim() {
        return Simulation.builder().seed(5).bins(30).maxSpeed().clock(clock).sleeper(TestClock.NO_WAIT)
                .distanceShare(0).outageShare(0).start(clock.instant().minus(Duration.ofDays(2))).build();
    }

    private static List<ExpectedReading> readingsOf(List<Publication> ps, String binId) {
        return ps.stream().flatMap(p -> p.expectation().valid().stream()).filter(r -> r.key().binId().equals(binId))
                .toList();
    }

    @Test
    void theNextReadingAfterTheEmptyingShowsTheDrop() {
        Simulation sim = sim();
        Instant half = clock.instant().minus(Duration.ofDays(1));
        List<Publication> before = sim.streamUntil(half).toList();
        // The fullest bin so far.
        String binId = sim.bins().stream().map(b -> b.id())
                .max((a, b) -> Double.compare(last(readingsOf(before, a)).fillPct(), last(readingsOf(before, b)).fillPct()))
                .orElseThrow();
        double fillBefore = last(readingsOf(before, binId)).fillPct();
        assertThat(fillBefore).isGreaterThan(20);

        Instant at = half.plus(Duration.ofMinutes(40));
        Emptied emptied = sim.emptyBin(binId, at).orElseThrow();
        assertThat(emptied.bin().id()).isEqualTo(binId);
        assertThat(emptied.fillPct()).isGreaterThan(15);
        assertThat(emptied.volumeL()).isEqualTo(emptied.bin().volumeL() * emptied.fillPct() / 100);

        List<ExpectedReading> after = readingsOf(sim.streamUntil(half.plus(Duration.ofHours(3))).toList(), binId);
        List<ExpectedReading> measuredBefore = after.stream().filter(r -> r.key().ts().isBefore(at)).toList();
        List<ExpectedReading> measuredAfter = after.stream().filter(r -> !r.key().ts().isBefore(at)).toList();
        assertThat(measuredBefore).isNotEmpty().allSatisfy(r -> assertThat(r.fillPct()).isGreaterThan(15));
        assertThat(measuredAfter).isNotEmpty();
        assertThat(measuredAfter.get(0).fillPct()).isLessThan(8);  // 0 to 5 % left, sensor noise on top
    }

    @Test
    void aBinOfAnotherSimulationIsNotEmptied() {
        assertThat(sim().emptyBin("no-such-bin", clock.instant())).isEmpty();
    }

    private static ExpectedReading last(List<ExpectedReading> rs) {
        return rs.get(rs.size() - 1);
    }
}
