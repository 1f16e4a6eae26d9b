package org.clearway.simulator;

import org.clearway.simulator.expect.ExpectedReading;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The simulation against a clock that moves: reports come when simulated time has reached them, never ahead of now. */
class TimeOfSimulationTest {
    private static final Instant NOW = Instant.parse("2026-11-28T09:00:00Z");

    @Test
    void catchesUpWithRealTimeAndNeverPublishesTheFuture() {
        TestClock clock = new TestClock(NOW);
        Simulation sim = Simulation.builder().seed(5).bins(10).speed(3_600).clock(clock)
                .sleeper(d -> clock.advance(d)).build();
        assertThat(sim.settings().start()).isEqualTo(NOW.minus(SimulationBuilder.DEFAULT_HISTORY));
        Instant previous = Instant.MIN;
        boolean caughtUp = false;
        for (Publication p : sim.stream(8_000).toList()) {
            for (ExpectedReading r : p.expectation().valid()) {
                assertThat(r.key().ts()).isBeforeOrEqualTo(clock.instant());
            }
            assertThat(sim.lastReportAt()).isAfterOrEqualTo(previous).isBeforeOrEqualTo(clock.instant());
            previous = sim.lastReportAt();
            caughtUp |= sim.time().caughtUp();
        }
        // 6 days at 3,600x take 144 s of wall time, then it goes on at real time.
        assertThat(caughtUp).isTrue();
        assertThat(clock.instant()).isAfter(NOW.plus(Duration.ofSeconds(144)));
    }

    @Test
    void startsNowAtRealSpeed() {
        TestClock clock = new TestClock(NOW);
        Simulation sim = Simulation.builder().speed(1).clock(clock).sleeper(d -> clock.advance(d)).build();
        assertThat(sim.settings().start()).isEqualTo(NOW);
        Publication p = sim.next();
        assertThat(p.expectation().valid().get(0).key().ts()).isBetween(NOW, NOW.plus(Duration.ofMinutes(15)));
    }

    @Test
    void refusesAStartOlderThanTheIngestKeeps() {
        TestClock clock = new TestClock(NOW);
        assertThatThrownBy(() -> Simulation.builder().clock(clock).start(NOW.minus(Duration.ofDays(7))).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("too far back");
        assertThatThrownBy(() -> Simulation.builder().clock(clock).start(NOW.plusSeconds(1)).build())
                .hasMessageContaining("in the future");
        assertThatThrownBy(() -> Simulation.builder().clock(clock).speed(0.5).build())
                .hasMessageContaining("speed must be 1 or more");
        assertThatThrownBy(() -> Simulation.builder().clock(clock).topicPrefix("city/+/").build())
                .hasMessageContaining("must hold no + or #");
    }

    @Test
    void dropsReadingsThatFellTooCloseToTheMaximumAge() {
        TestClock clock = new TestClock(NOW);
        Simulation sim = Simulation.builder().seed(2).bins(5).maxSpeed().clock(clock).sleeper(TestClock.NO_WAIT)
                .start(NOW.minus(Duration.ofDays(6))).build();
        sim.next();
        // Publishing stalls for a day and a half: what is left of the first hours is now too old to send.
        clock.advance(Duration.ofHours(36));
        Publication p = sim.next();
        assertThat(sim.droppedReadings()).isPositive();
        assertThat(p.expectation().valid().get(0).key().ts())
                .isAfterOrEqualTo(clock.instant().minus(Duration.ofDays(7)).plus(Duration.ofHours(1)));
    }
}
