package org.clearway.api.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.clearway.testsupport.FakeClock;
import org.junit.jupiter.api.Test;

class RateLimiterTest {
    @Test
    void burstThenRefillAtTheRate() {
        FakeClock clock = FakeClock.at("2026-01-01T00:00:00Z");
        RateLimiter limiter = new RateLimiter(clock, 2, 2);
        assertThat(limiter.acquire("a")).isZero();
        assertThat(limiter.acquire("a")).isZero();
        assertThat(limiter.acquire("a")).isEqualTo(Duration.ofMillis(500));
        assertThat(limiter.acquire("b")).isZero();
        clock.advance(Duration.ofMillis(500));
        assertThat(limiter.acquire("a")).isZero();
        clock.advance(Duration.ofHours(1));
        assertThat(limiter.acquire("a")).isZero();
        assertThat(limiter.acquire("a")).isZero();
        assertThat(limiter.acquire("a")).isPositive();
    }
}
