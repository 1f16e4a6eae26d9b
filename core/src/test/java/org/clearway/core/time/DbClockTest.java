package org.clearway.core.time;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

class DbClockTest {

    /** The time: PostgreSQL would round it UP to ...22.414931Z. */
    private static final Instant ROUNDS_UP = Instant.parse("2026-12-01T08:15:22.414930758Z");

    @Test
    void aClockIsTruncatedToWhatTheDatabaseKeeps() {
        DbClock clock = DbClock.of(Clock.fixed(ROUNDS_UP, ZoneOffset.UTC));
        assertThat(clock.instant()).isEqualTo(Instant.parse("2026-12-01T08:15:22.414930Z"));
        assertThat(clock.millis()).isEqualTo(ROUNDS_UP.toEpochMilli());
        assertThat(DbClock.of(clock)).isSameAs(clock);
    }

    @Test
    void theWallClockHasNoNanoseconds() {
        for (int i = 0; i < 1_000; i++) {
            assertThat(DbClock.wall().instant().getNano() % 1_000).isZero();
        }
    }

    @Test
    void truncateKeepsMicrosecondsAndNull() {
        assertThat(DbClock.truncate(ROUNDS_UP)).isEqualTo(Instant.parse("2026-12-01T08:15:22.414930Z"));
        assertThat(DbClock.truncate(null)).isNull();
    }

    @Test
    void anAcceleratedClockStartsWhereToldAndRunsAtItsSpeed() {
        AtomicLong nanos = new AtomicLong(5_000_000_000L);
        DbClock clock = DbClock.accelerated(ROUNDS_UP, 60, nanos::get);
        assertThat(clock.instant()).isEqualTo(DbClock.truncate(ROUNDS_UP));
        nanos.addAndGet(Duration.ofSeconds(1).toNanos());
        assertThat(clock.instant()).isEqualTo(DbClock.truncate(ROUNDS_UP).plus(Duration.ofMinutes(1)));
        nanos.addAndGet(1_001);
        assertThat(clock.instant().getNano() % 1_000).isZero();
        assertThat(clock.speed()).isEqualTo(60);
        assertThat(clock.realTime(Duration.ofHours(1))).isEqualTo(Duration.ofMinutes(1));
        assertThat(DbClock.wall().realTime(Duration.ofHours(1))).isEqualTo(Duration.ofHours(1));
        assertThat(clock.simulated(Duration.ofSeconds(2))).isEqualTo(Duration.ofMinutes(2));
        assertThat(clock.realTimeClock().speed()).as("infrastructure timers stay in real time").isEqualTo(1);
        DbClock fake = DbClock.of(Clock.fixed(ROUNDS_UP, ZoneOffset.UTC));
        assertThat(fake.realTimeClock()).isSameAs(fake);
    }

    @Test
    void aSpeedMustBePositive() {
        assertThatThrownBy(() -> DbClock.accelerated(ROUNDS_UP, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DbClock.accelerated(ROUNDS_UP, Double.NaN)).isInstanceOf(IllegalArgumentException.class);
    }
}
