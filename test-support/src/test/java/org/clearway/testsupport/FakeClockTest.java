package org.clearway.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class FakeClockTest {

    @Test
    void standsStillUntilMoved() {
        FakeClock clock = FakeClock.at("2026-11-28T08:15:00Z");

        assertThat(clock.instant()).isEqualTo(Instant.parse("2026-11-28T08:15:00Z"));
        assertThat(clock.instant()).isEqualTo(clock.instant());
        assertThat(clock.getZone()).isEqualTo(ZoneOffset.UTC);
        assertThat(clock.millis()).isEqualTo(Instant.parse("2026-11-28T08:15:00Z").toEpochMilli());
    }

    @Test
    void advancesAndIsSet() {
        FakeClock clock = FakeClock.at("2026-11-28T08:15:00Z");

        assertThat(clock.advance(Duration.ofMinutes(5))).isEqualTo(Instant.parse("2026-11-28T08:20:00Z"));
        clock.set(Instant.parse("2026-01-01T00:00:00Z"));

        assertThat(clock.instant()).isEqualTo(Instant.parse("2026-01-01T00:00:00Z"));
        assertThatThrownBy(() -> clock.advance(Duration.ofSeconds(-1))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aClockInAnotherZoneSharesTheTime() {
        FakeClock clock = FakeClock.at("2026-11-28T08:15:00Z");
        var singapore = clock.withZone(ZoneId.of("Asia/Singapore"));

        clock.advance(Duration.ofHours(1));

        assertThat(singapore.instant()).isEqualTo(clock.instant());
        assertThat(singapore.getZone()).isEqualTo(ZoneId.of("Asia/Singapore"));
        assertThat(clock.withZone(ZoneOffset.UTC)).isSameAs(clock);
    }

    @Test
    void advancesFromManyThreadsLoseNoStep() throws InterruptedException {
        FakeClock clock = FakeClock.at("2026-11-28T00:00:00Z");
        try (ExecutorService pool = Executors.newFixedThreadPool(4)) {
            for (int i = 0; i < 4_000; i++) {
                pool.execute(() -> clock.advance(Duration.ofMillis(1)));
            }
            pool.shutdown();
            assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
        }

        assertThat(clock.instant()).isEqualTo(Instant.parse("2026-11-28T00:00:04Z"));
    }
}
