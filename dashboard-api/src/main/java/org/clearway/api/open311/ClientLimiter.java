package org.clearway.api.open311;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.HexFormat;
import org.clearway.api.security.RateLimiter;

/**
 * Rate limit of the public Open311 operations per client address: the TCP peer, or the last entry
 * of {@code X-Forwarded-For} when the API runs behind a proxy that sets it (trusted by configuration
 * only: a client can write any value in that header). An IPv6 client counts by its /64 network, the
 * block one subscriber usually holds, so that rotating addresses within it does not escape the limit.
 * Over the limit: 429 with {@code Retry-After}.
 */
final class ClientLimiter implements Handler<RoutingContext> {
    private static final java.util.regex.Pattern IPV6_LITERAL = java.util.regex.Pattern.compile("^[0-9A-Fa-f:.]{2,45}$");

    private final RateLimiter limiter;
    private final boolean trustForwardedFor;

    ClientLimiter(RateLimiter limiter, boolean trustForwardedFor) {
        this.limiter = limiter;
        this.trustForwardedFor = trustForwardedFor;
    }

    @Override
    public void handle(RoutingContext ctx) {
        Duration wait = limiter.acquire(key(clientAddress(ctx)));
        if (!wait.isZero()) {
            ctx.response().putHeader("Retry-After", RateLimiter.retryAfter(wait));
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

    /** The limiter's key: an IPv4 address as it is, an IPv6 address by its first 64 bits. */
    static String key(String address) {
        if (address.indexOf(':') < 0) {
            return address;
        }
        String literal = address.startsWith("[") && address.endsWith("]") ? address.substring(1, address.length() - 1) : address;
        if (!IPV6_LITERAL.matcher(literal).matches()) {
            return address;
        }
        try {
            // A literal of hex digits, colons and dots only: parsed, never looked up in DNS.
            byte[] bytes = InetAddress.getByName(literal).getAddress();
            if (bytes.length == 16) {
                return HexFormat.of().formatHex(bytes, 0, 8) + "::/64";
            }
            return InetAddress.getByAddress(bytes).getHostAddress();
        } catch (UnknownHostException e) {
            return address;
        }
    }
}
