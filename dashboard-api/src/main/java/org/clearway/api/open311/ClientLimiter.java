package org.clearway.api.open311;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import org.clearway.api.security.RateLimiter;

/**
 * Rate limit of the public Open311 operations per client address: the TCP peer, or the last entry
 * of {@code X-Forwarded-For} when the API runs behind a proxy that sets it (trusted by configuration
 * only: a client can write any value in that header). Over the limit: 429 with {@code Retry-After}.
 */
final class ClientLimiter implements Handler<RoutingContext> {
    private final RateLimiter limiter;
    private final boolean trustForwardedFor;

    ClientLimiter(RateLimiter limiter, boolean trustForwardedFor) {
        this.limiter = limiter;
        this.trustForwardedFor = trustForwardedFor;
    }

    @Override
    public void handle(RoutingContext ctx) {
        Duration wait = limiter.acquire(clientAddress(ctx));
        if (!wait.isZero()) {
            ctx.response().putHeader("Retry-After", Long.toString(Math.max(1, (wait.toMillis() + 999) / 1000)));
            ctx.fail(new Open311Exception(429, "too many requests from this address; retry later"));
            return;
        }
        ctx.next();
    }

    String clientAddress(RoutingContext ctx) {
        if (trustForwardedFor) {
            String forwarded = ctx.request().getHeader("X-Forwarded-For");
            if (forwarded != null && !forwarded.isBlank()) {
                String[] hops = forwarded.split(",");
                return hops[hops.length - 1].trim();
            }
        }
        return ctx.request().remoteAddress() == null ? "unknown" : ctx.request().remoteAddress().hostAddress();
    }
}
