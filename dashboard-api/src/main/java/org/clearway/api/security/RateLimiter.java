package org.clearway.api.security;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One token bucket per API token: {@code burst} requests at once, refilled at
 * {@code perSecond}. A request that finds the bucket empty is refused with how long to wait.
 */
public final class RateLimiter {
    private final Clock clock;
    private final double perSecond;
    private final double burst;
    private final ConcurrentHashMap<String, Bucket> buckets = new ConcurrentHashMap<>();

    public RateLimiter(Clock clock, double perSecond, int burst) {
        if (perSecond <= 0 || burst < 1) {
            throw new IllegalArgumentException("rate and burst must be positive");
        }
        this.clock = clock;
        this.perSecond = perSecond;
        this.burst = burst;
    }

    /** @return zero when the request may go ahead, else how long until a request would be allowed */
    public Duration acquire(String key) {
        Bucket bucket = buckets.computeIfAbsent(key, k -> new Bucket(burst, clock.millis()));
        synchronized (bucket) {
            long now = clock.millis();
            double elapsed = Math.max(0, now - bucket.updatedMillis) / 1000.0;
            bucket.tokens = Math.min(burst, bucket.tokens + elapsed * perSecond);
            bucket.updatedMillis = now;
            if (bucket.tokens >= 1) {
                bucket.tokens -= 1;
                return Duration.ZERO;
            }
            double waitSeconds = (1 - bucket.tokens) / perSecond;
            return Duration.ofMillis((long) Math.ceil(waitSeconds * 1000));
        }
    }

    private static final class Bucket {
        double tokens;
        long updatedMillis;

        Bucket(double tokens, long updatedMillis) {
            this.tokens = tokens;
            this.updatedMillis = updatedMillis;
        }
    }
}
