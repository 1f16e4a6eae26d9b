package org.clearway.api.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
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

    @Test
    void aSlowRateWaitsWholeSecondsAndEachKeyIsOnItsOwn() {
        FakeClock clock = FakeClock.at("2026-01-01T00:00:00Z");
        RateLimiter limiter = new RateLimiter(clock, 1.0 / 60, 2);
        assertThat(limiter.acquire("a")).isZero();
        assertThat(limiter.acquire("a")).isZero();
        assertThat(limiter.acquire("a")).isEqualTo(Duration.ofSeconds(60));
        assertThat(limiter.acquire("b")).isZero();
        clock.advance(Duration.ofSeconds(30));
        assertThat(limiter.acquire("a")).isEqualTo(Duration.ofSeconds(30));
        clock.advance(Duration.ofSeconds(30));
        assertThat(limiter.acquire("a")).isZero();
    }

    @Test
    void fullBucketsAreDroppedSoThatManyKeysCannotFillMemory() {
        FakeClock clock = FakeClock.at("2026-01-01T00:00:00Z");
        RateLimiter limiter = new RateLimiter(clock, 1, 5);
        for (int i = 0; i < RateLimiter.SWEEP_EVERY - 1; i++) {
            limiter.acquire("10.0." + (i / 256) + "." + (i % 256));
        }
        assertThat(limiter.size()).isEqualTo(RateLimiter.SWEEP_EVERY - 1);
        limiter.acquire("spent");
        limiter.acquire("spent");
        clock.advance(Duration.ofSeconds(5));
        for (int i = 0; i < RateLimiter.SWEEP_EVERY; i++) {
            limiter.acquire("spent");
        }
        // The sweep dropped every bucket that had refilled; "spent" is empty and stays.
        assertThat(limiter.size()).isEqualTo(1);
        assertThat(limiter.acquire("spent")).isPositive();
    }

    @Test
    void retryAfterIsWholeSecondsRoundedUp() {
        assertThat(RateLimiter.retryAfter(Duration.ofMillis(1))).isEqualTo("1");
        assertThat(RateLimiter.retryAfter(Duration.ofMillis(1000))).isEqualTo("1");
        assertThat(RateLimiter.retryAfter(Duration.ofMillis(1001))).isEqualTo("2");
        assertThat(RateLimiter.retryAfter(Duration.ofSeconds(60))).isEqualTo("60");
    }

    @Test
    void manyThreadsTogetherGetExactlyTheBurst() throws InterruptedException {
        FakeClock clock = FakeClock.at("2026-01-01T00:00:00Z");
        RateLimiter limiter = new RateLimiter(clock, 1, 500);
        AtomicInteger allowed = new AtomicInteger();
        Thread[] threads = new Thread[8];
        for (int t = 0; t < threads.length; t++) {
            threads[t] = Thread.ofPlatform().start(() -> {
                for (int i = 0; i < 200; i++) {
                    if (limiter.acquire("shared").isZero()) {
                        allowed.incrementAndGet();
                    }
                }
            });
        }
        for (Thread thread : threads) {
            thread.join();
        }
        assertThat(allowed.get()).isEqualTo(500);
    }
}
