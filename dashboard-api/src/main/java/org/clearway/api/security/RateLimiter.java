package org.clearway.api.security;

import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

/**
 * Token buckets by key (an API token, a client address): {@code burst} requests at once, refilled at
 * {@code perSecond}. A request that finds its bucket empty is refused with how long to wait.
 *
 * <p>The keys may come from anyone on the internet, so the map is kept small: a bucket that has refilled completely
 * is the same as no bucket and is dropped, in a sweep every {@link #SWEEP_EVERY} requests. Memory is bounded by the
 * keys seen within one refill time. Thread-safe: one lock around a few arithmetic steps per request.
 */
public final class RateLimiter {
    static final int SWEEP_EVERY = 1024;

    private final Clock clock;
    private final double perSecond;
    private final double burst;
    private final Map<String, Bucket> buckets = new HashMap<>();
    private int sinceSweep;

    public RateLimiter(Clock clock, double perSecond, int burst) {
        if (perSecond <= 0 || burst < 1) {
            throw new IllegalArgumentException("rate and burst must be positive");
        }
        this.clock = clock;
        this.perSecond = perSecond;
        this.burst = burst;
    }

    /** @return zero when the request may go ahead, else how long until a request would be allowed */
    public synchronized Duration acquire(String key) {
        long now = clock.millis();
        if (++sinceSweep >= SWEEP_EVERY) {
            sweep(now);
        }
        Bucket bucket = buckets.computeIfAbsent(key, k -> new Bucket(burst, now));
        bucket.refill(now, perSecond, burst);
        if (bucket.tokens >= 1) {
            bucket.tokens -= 1;
            return Duration.ZERO;
        }
        return Duration.ofMillis((long) Math.ceil((1 - bucket.tokens) / perSecond * 1000));
    }

    /** The value of a {@code Retry-After} header for a refusal's wait: whole seconds, rounded up, at least 1. */
    public static String retryAfter(Duration wait) {
        return Long.toString(Math.max(1, (wait.toMillis() + 999) / 1000));
    }

    /** How many buckets are held: those not yet refilled completely, and any new since the last sweep. */
    synchronized int size() {
        return buckets.size();
    }

    private void sweep(long now) {
        sinceSweep = 0;
        for (Iterator<Bucket> it = buckets.values().iterator(); it.hasNext(); ) {
            Bucket bucket = it.next();
            bucket.refill(now, perSecond, burst);
            if (bucket.tokens >= burst) {
                it.remove();
            }
        }
    }

    private static final class Bucket {
        double tokens;
        long updatedMillis;

        Bucket(double tokens, long updatedMillis) {
            this.tokens = tokens;
            this.updatedMillis = updatedMillis;
        }

        void refill(long now, double perSecond, double burst) {
            double elapsed = Math.max(0, now - updatedMillis) / 1000.0;
            tokens = Math.min(burst, tokens + elapsed * perSecond);
            updatedMillis = Math.max(updatedMillis, now);
        }
    }
}
