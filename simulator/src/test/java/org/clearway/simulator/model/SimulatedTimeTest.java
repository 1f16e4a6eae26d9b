package org.clearway.simulator.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.clearway.simulator.TestClock;
import org.junit.jupiter.api.Test;

class SimulatedTimeTest {
    private static final Instant NOW = Instant.parse("2026-11-28T09:00:00Z");

    @Test
    void runsAtSpeedThenAtRealTimeOnceCaughtUp() {
        TestClock clock = new TestClock(NOW);
        SimulatedTime time = new SimulatedTime(clock, NOW.minus(Duration.ofDays(6)), 60);
        assertThat(time.now()).isEqualTo(NOW.minus(Duration.ofDays(6)));
        clock.advance(Duration.ofHours(1));
        assertThat(time.now()).isEqualTo(NOW.minus(Duration.ofDays(6)).plus(Duration.ofHours(60)));
        assertThat(time.caughtUp()).isFalse();
        // It catches up when 60 x e = 6 days + e, after about 2.44 hours of wall time.
        clock.advance(Duration.ofHours(1));
        assertThat(time.now()).isBefore(clock.instant());
        clock.advance(Duration.ofMinutes(30));
        assertThat(time.now()).isEqualTo(clock.instant());
        assertThat(time.caughtUp()).isTrue();
        clock.advance(Duration.ofDays(3));
        assertThat(time.now()).isEqualTo(clock.instant());
    }

    @Test
    void saysHowLongToWait() {
        TestClock clock = new TestClock(NOW);
        SimulatedTime time = new SimulatedTime(clock, NOW.minus(Duration.ofHours(1)), 10);
        assertThat(time.wallTimeUntil(NOW.minus(Duration.ofHours(2)))).isZero();
        assertThat(time.wallTimeUntil(NOW.minus(Duration.ofMinutes(50)))).isEqualTo(Duration.ofMinutes(1));
        // Both limits hold: 65 simulated minutes take 6.5 minutes at 10x, longer than the real 5 minutes.
        assertThat(time.wallTimeUntil(NOW.plus(Duration.ofMinutes(5)))).isEqualTo(Duration.ofSeconds(390));
        assertThat(new SimulatedTime(clock, NOW.minus(Duration.ofHours(1)), 1_000).wallTimeUntil(
                NOW.plus(Duration.ofMinutes(5)))).as("the real now is the limit").isEqualTo(Duration.ofMinutes(5));
        clock.advance(Duration.ofMinutes(6));
        assertThat(time.wallTimeUntil(NOW.minus(Duration.ofMinutes(1)))).isZero();
    }

    @Test
    void unlimitedSpeedIsTheRealNow() {
        TestClock clock = new TestClock(NOW);
        SimulatedTime time = new SimulatedTime(clock, NOW.minus(Duration.ofDays(6)), Double.POSITIVE_INFINITY);
        assertThat(time.now()).isEqualTo(NOW);
        assertThat(time.wallTimeUntil(NOW.minus(Duration.ofDays(5)))).isZero();
        assertThat(time.wallTimeUntil(NOW.plusSeconds(7))).isEqualTo(Duration.ofSeconds(7));
    }

    @Test
    void refusesWhatCannotWork() {
        TestClock clock = new TestClock(NOW);
        assertThatThrownBy(() -> new SimulatedTime(clock, NOW, 0.5)).hasMessageContaining("speed must be 1 or more");
        assertThatThrownBy(() -> new SimulatedTime(clock, NOW.plusSeconds(60), 1)).hasMessageContaining("future");
    }
}
