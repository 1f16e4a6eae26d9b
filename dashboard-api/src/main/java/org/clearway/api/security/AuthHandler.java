package org.clearway.api.security;

import io.vertx.core.Handler;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import io.vertx.openapi.contract.OpenAPIContract;
import io.vertx.openapi.contract.Operation;
import java.time.Duration;
import org.clearway.api.http.ApiException;

/**
 * Runs before request validation on every API request: first the path and method (404 for a path the public contract
 * does not have, 405 for a method its path does not have, the same for every caller), then the bearer token (401 without or with an
 * unknown one), the token's rate limit (429 with Retry-After), and the operation's minimum role
 * from its {@code x-min-role} in openapi.yaml (403 below it). Zone checks are the resources' work.
 * An operation whose {@code x-min-role} is {@value #PUBLIC} (the Open311 citizen operations) needs no
 * token and carries its own limits.
 *
 * <p>A request without an {@code Authorization} header may instead carry the console's session cookie
 * ({@link SessionLookup#COOKIE}), which stands for the token it was opened with: same principal, same rate bucket, same
 * role and zone. A change made with the cookie (any method but GET and HEAD) must also carry
 * {@link SessionLookup#CONSOLE_HEADER}, else 403. A bearer token, when sent, is checked exactly as before and wins.
 */
public final class AuthHandler implements Handler<RoutingContext> {
    public static final String PRINCIPAL = "clearway.principal";
    public static final String MIN_ROLE_EXTENSION = "x-min-role";
    public static final String PUBLIC = "public";
    private static final String BEARER = "bearer ";

    private final OpenAPIContract contract;
    private final TokenRegistry tokens;
    private final RateLimiter limiter;
    private final SessionLookup sessions;

    public AuthHandler(OpenAPIContract contract, TokenRegistry tokens, RateLimiter limiter) {
        this(contract, tokens, limiter, SessionLookup.NONE);
    }

    public AuthHandler(OpenAPIContract contract, TokenRegistry tokens, RateLimiter limiter, SessionLookup sessions) {
        this.contract = contract;
        this.tokens = tokens;
        this.limiter = limiter;
        this.sessions = sessions;
    }

    @Override
    public void handle(RoutingContext ctx) {
        Operation operation = contract.findOperation(ctx.normalizedPath(), ctx.request().method());
        if (operation == null) {
            // Not an operation of the contract (which is public): the same 404, or 405, for every caller, token or
            // not. Answered here, so that no handler of the router can run without a principal.
            ctx.fail(contract.findPath(ctx.normalizedPath()) != null
                    ? new ApiException(405, "method_not_allowed", "method not allowed on this resource")
                    : ApiException.notFound("path " + ctx.normalizedPath()));
            return;
        }
        Object declared = operation.getExtensions().get(MIN_ROLE_EXTENSION);
        if (PUBLIC.equals(declared)) {
            ctx.next();
            return;
        }
        String header = ctx.request().getHeader("Authorization");
        if (header == null && ctx.request().getCookie(SessionLookup.COOKIE) != null) {
            fromSession(ctx, declared);
            return;
        }
        if (header == null || header.length() <= BEARER.length()
                || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            unauthorized(ctx);
            return;
        }
        Principal principal = tokens.lookup(header.substring(BEARER.length()).trim()).orElse(null);
        if (principal == null) {
            unauthorized(ctx);
            return;
        }
        admit(ctx, principal, declared);
    }

    /** A console request: the session cookie stands for its token; a change must carry the console header. */
    private void fromSession(RoutingContext ctx, Object declared) {
        Principal principal = sessions.principal(ctx.request().getCookie(SessionLookup.COOKIE).getValue()).orElse(null);
        if (principal == null) {
            unauthorized(ctx);
            return;
        }
        HttpMethod method = ctx.request().method();
        if (!HttpMethod.GET.equals(method) && !HttpMethod.HEAD.equals(method)
                && ctx.request().getHeader(SessionLookup.CONSOLE_HEADER) == null) {
            ctx.fail(new ApiException(403, "forbidden", "a change made with the console's session needs the "
                    + SessionLookup.CONSOLE_HEADER + " header"));
            return;
        }
        admit(ctx, principal, declared);
    }

    private void admit(RoutingContext ctx, Principal principal, Object declared) {
        Duration wait = limiter.acquire(principal.tokenId());
        if (!wait.isZero()) {
            ctx.response().putHeader("Retry-After", RateLimiter.retryAfter(wait));
            ctx.fail(new ApiException(429, "rate_limited", "too many requests for this token; retry later"));
            return;
        }
        Role required = requiredRole(declared);
        if (!principal.role().atLeast(required)) {
            ctx.fail(new ApiException(403, "forbidden", "this needs the " + required.id() + " role or higher"));
            return;
        }
        ctx.put(PRINCIPAL, principal);
        ctx.next();
    }

    private static Role requiredRole(Object role) {
        // An operation without a declared role needs the highest one: forgetting it fails closed (and the API
        // refuses to start with one).
        return role == null ? Role.ADMIN : Role.parse(role.toString());
    }

    private static void unauthorized(RoutingContext ctx) {
        ctx.response().putHeader("WWW-Authenticate", "Bearer realm=\"clearway\"");
        ctx.fail(new ApiException(401, "unauthorized", "a valid bearer token is required"));
    }

    public static Principal principal(RoutingContext ctx) {
        Principal principal = ctx.get(PRINCIPAL);
        if (principal == null) {
            throw new IllegalStateException("no principal: the auth handler did not run");
        }
        return principal;
    }
}
