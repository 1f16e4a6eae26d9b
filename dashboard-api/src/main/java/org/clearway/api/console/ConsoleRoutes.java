package org.clearway.api.console;

import io.vertx.core.Handler;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.handler.StaticHandler;
import java.time.Duration;
import java.util.function.Consumer;
import org.clearway.api.http.ApiException;
import org.clearway.api.security.Principal;
import org.clearway.api.security.RateLimiter;
import org.clearway.api.security.SessionLookup;
import org.clearway.api.security.TokenRegistry;

/**
 * The dispatcher console's routes on the API's root router, outside the OpenAPI contract:
 *
 * <ul>
 *   <li>{@code GET /}: the console's page (it asks for the token when there is no session);</li>
 *   <li>{@code GET /console/...}: its ES modules and style sheet; {@code /console/lib/leaflet/...} and
 *       {@code /console/lib/swagger-ui/...}: Leaflet and Swagger UI from their WebJars on the classpath;</li>
 *   <li>{@code POST /console/session} {@code {"token": "..."}}: sign in; sets the HttpOnly, SameSite=Strict session
 *       cookie (Secure on TLS), answers the role and zone. The token travels in the body only, never in a URL;</li>
 *   <li>{@code GET /console/session}: who is signed in, and the map's tile settings; 401 without a session;</li>
 *   <li>{@code POST /console/session/end}: sign out (the session is dropped and the cookie cleared);</li>
 *   <li>{@code GET /api-docs}: the OpenAPI document rendered by Swagger UI.</li>
 * </ul>
 *
 * Every change here needs {@link SessionLookup#CONSOLE_HEADER}, like a change made with the session cookie.
 */
public final class ConsoleRoutes implements Consumer<Router> {
    static final String ROOT = "console";
    private static final long MAX_SIGN_IN_BYTES = 4096;

    private final ConsoleConfig config;
    private final ConsoleSessions sessions;
    private final TokenRegistry tokens;
    private final RateLimiter limiter;
    private final String securityPolicy;

    public ConsoleRoutes(ConsoleConfig config, ConsoleSessions sessions, TokenRegistry tokens, RateLimiter limiter) {
        this.config = config;
        this.sessions = sessions;
        this.tokens = tokens;
        this.limiter = limiter;
        this.securityPolicy = securityPolicy(config);
    }

    /** The pages' Content-Security-Policy (the console's, the API reference's, the officer's report's). */
    public static String securityPolicy(ConsoleConfig config) {
        String tiles = config.tileUrl().isEmpty() ? "" : " " + ConsoleConfig.tileOrigin(config.tileUrl());
        // Scripts and data from this origin only; inline styles for the map's and Swagger UI's positioning.
        return "default-src 'self'; script-src 'self'; connect-src 'self'; img-src 'self' data:" + tiles
                + "; style-src 'self' 'unsafe-inline'; object-src 'none'; base-uri 'none'; frame-ancestors 'none';"
                + " form-action 'self'";
    }

    @Override
    public void accept(Router root) {
        Handler<RoutingContext> headers = this::securityHeaders;
        root.get("/").handler(headers).handler(page("index.html"));
        root.get("/api-docs").handler(headers).handler(page("api-docs.html"));
        root.post("/console/session").handler(BodyHandler.create(false).setBodyLimit(MAX_SIGN_IN_BYTES))
                .handler(this::signIn);
        root.get("/console/session").handler(this::whoIsSignedIn);
        root.post("/console/session/end").handler(this::signOut);
        root.get("/console/lib/leaflet/*").handler(headers)
                .handler(StaticHandler.create(WebJars.root("org.webjars.npm", "leaflet") + "/dist"));
        root.get("/console/lib/swagger-ui/*").handler(headers)
                .handler(StaticHandler.create(WebJars.root("org.webjars", "swagger-ui")));
        root.get("/console/*").handler(headers).handler(StaticHandler.create(ROOT).setIndexPage("index.html"));
    }

    private void securityHeaders(RoutingContext ctx) {
        ctx.response().putHeader("Content-Security-Policy", securityPolicy)
                .putHeader("X-Content-Type-Options", "nosniff")
                .putHeader("X-Frame-Options", "DENY")
                .putHeader("Referrer-Policy", "no-referrer");
        ctx.next();
    }

    private static Handler<RoutingContext> page(String file) {
        return ctx -> ctx.response().putHeader("Cache-Control", "no-cache").sendFile(ROOT + "/" + file)
                .onFailure(ctx::fail);
    }

    private void signIn(RoutingContext ctx) {
        requireConsoleHeader(ctx);
        String token;
        try {
            JsonObject body = ctx.body().asJsonObject();
            token = body == null ? null : body.getString("token");
        } catch (DecodeException | ClassCastException e) {
            throw new ApiException(400, "invalid_request", "send {\"token\": \"...\"} as JSON");
        }
        if (token == null || token.isBlank()) {
            throw new ApiException(400, "invalid_request", "send {\"token\": \"...\"} as JSON");
        }
        Principal principal = tokens.lookup(token.trim()).orElse(null);
        if (principal == null) {
            ctx.response().putHeader("WWW-Authenticate", "Bearer realm=\"clearway\"");
            throw new ApiException(401, "unauthorized", "this token is not known");
        }
        Duration wait = limiter.acquire(principal.tokenId());
        if (!wait.isZero()) {
            ctx.response().putHeader("Retry-After", RateLimiter.retryAfter(wait));
            throw new ApiException(429, "rate_limited", "too many requests for this token; retry later");
        }
        String session = sessions.open(principal).orElseThrow(() ->
                new ApiException(503, "too_many_sessions", "too many console sessions are open; try again later"));
        ctx.response().addCookie(cookie(ctx, session).setMaxAge(sessions.ttl().toSeconds()));
        json(ctx, describe(principal));
    }

    private void whoIsSignedIn(RoutingContext ctx) {
        Cookie cookie = ctx.request().getCookie(SessionLookup.COOKIE);
        Principal principal = cookie == null ? null : sessions.lookup(cookie.getValue()).orElse(null);
        if (principal == null) {
            throw new ApiException(401, "unauthorized", "not signed in");
        }
        json(ctx, describe(principal));
    }

    private void signOut(RoutingContext ctx) {
        requireConsoleHeader(ctx);
        Cookie cookie = ctx.request().getCookie(SessionLookup.COOKIE);
        if (cookie != null) {
            sessions.close(cookie.getValue());
        }
        ctx.response().addCookie(cookie(ctx, "").setMaxAge(0));
        ctx.response().setStatusCode(204).end();
    }

    private JsonObject describe(Principal principal) {
        return new JsonObject().put("role", principal.role().id()).put("zone", principal.zone())
                .put("token", principal.tokenId())
                .put("tiles", new JsonObject().put("url", config.tileUrl()).put("attribution", config.tileAttribution()));
    }

    private Cookie cookie(RoutingContext ctx, String value) {
        return Cookie.cookie(SessionLookup.COOKIE, value).setPath("/").setHttpOnly(true)
                .setSameSite(CookieSameSite.STRICT).setSecure(config.cookieSecure() || ctx.request().isSSL());
    }

    private static void requireConsoleHeader(RoutingContext ctx) {
        if (ctx.request().getHeader(SessionLookup.CONSOLE_HEADER) == null) {
            throw new ApiException(403, "forbidden", "the console's requests carry the " + SessionLookup.CONSOLE_HEADER
                    + " header");
        }
    }

    private static void json(RoutingContext ctx, JsonObject body) {
        ctx.response().putHeader("Content-Type", "application/json").putHeader("Cache-Control", "no-store")
                .end(body.encode());
    }
}
