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
    void aHeldClockStandsStillAndThenRunsOnFromWhereItStood() {
        AtomicLong nanos = new AtomicLong(0);
        DbClock clock = DbClock.accelerated(ROUNDS_UP, 60, nanos::get);
        Instant start = DbClock.truncate(ROUNDS_UP);
        java.time.Clock inAnotherZone = clock.withZone(java.time.ZoneId.of("Asia/Shanghai"));
        nanos.addAndGet(Duration.ofSeconds(1).toNanos());
        DbClock.Hold outer = clock.hold();
        DbClock.Hold inner = clock.hold();
        nanos.addAndGet(Duration.ofSeconds(30).toNanos());
        assertThat(clock.instant()).as("held: 30 s of solving are not 30 min of city time")
                .isEqualTo(start.plus(Duration.ofMinutes(1)));
        assertThat(inAnotherZone.instant()).as("a copy in another zone is held too").isEqualTo(start.plus(Duration.ofMinutes(1)));
        inner.close();
        nanos.addAndGet(Duration.ofSeconds(5).toNanos());
        assertThat(clock.instant()).as("still held by the outer hold").isEqualTo(start.plus(Duration.ofMinutes(1)));
        outer.close();
        outer.close();
        nanos.addAndGet(Duration.ofSeconds(2).toNanos());
        assertThat(clock.instant()).as("runs on from where it stood; a second close changes nothing")
                .isEqualTo(start.plus(Duration.ofMinutes(3)));
        try (DbClock.Hold again = clock.hold()) {
            nanos.addAndGet(Duration.ofSeconds(10).toNanos());
        }
        nanos.addAndGet(Duration.ofSeconds(1).toNanos());
        assertThat(clock.instant()).isEqualTo(start.plus(Duration.ofMinutes(4)));
    }

    @Test
    void realTimeCannotBeHeld() {
        AtomicLong nanos = new AtomicLong(0);
        DbClock realTime = DbClock.accelerated(ROUNDS_UP, 1, nanos::get);
        try (DbClock.Hold held = realTime.hold()) {
            nanos.addAndGet(Duration.ofSeconds(7).toNanos());
            assertThat(realTime.instant()).isEqualTo(DbClock.truncate(ROUNDS_UP).plusSeconds(7));
        }
        DbClock fixed = DbClock.of(Clock.fixed(ROUNDS_UP, ZoneOffset.UTC));
        try (DbClock.Hold held = fixed.hold()) {
            assertThat(fixed.instant()).isEqualTo(DbClock.truncate(ROUNDS_UP));
        }
    }

    @Test
    void aSpeedMustBePositive() {
        assertThatThrownBy(() -> DbClock.accelerated(ROUNDS_UP, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DbClock.accelerated(ROUNDS_UP, Double.NaN)).isInstanceOf(IllegalArgumentException.class);
    }
}
