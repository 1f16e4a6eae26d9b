package org.clearway.api.report;

import io.vertx.core.Handler;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.http.Cookie;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.handler.StaticHandler;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.clearway.api.assessment.Period;
import org.clearway.api.console.WebJars;
import org.clearway.api.http.ApiException;
import org.clearway.api.http.ErrorMapper;
import org.clearway.api.security.Principal;
import org.clearway.api.security.RateLimiter;
import org.clearway.api.security.Role;
import org.clearway.api.security.SessionLookup;
import org.clearway.api.security.TokenRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The officer's quarterly report as a screen (docs/report.md), on the API's root router outside the OpenAPI contract:
 *
 * <ul>
 *   <li>{@code GET /report}: the page (it asks for a token when there is no console session);</li>
 *   <li>{@code GET /report/data?quarter=&zone=}: its figures, with the console's session cookie (or a bearer token):
 *       the quarter (the current one by default) and the one before, within the token's zone;</li>
 *   <li>{@code POST /report/share} {@code {"zone", "quarter"}}: a signed, expiring link to that report (session or
 *       token, with the console header);</li>
 *   <li>{@code GET /report/shared?zone=&quarter=&expires=&sig=}: the page for a share link, no sign-in; a changed,
 *       expired or revoked link is a 403 page that says which; {@code GET /report/data} with the same four
 *       parameters;</li>
 *   <li>{@code GET /report/shares}: the unexpired links of the token's zones; {@code POST /report/shares/{id}/revoke}:
 *       revokes one ({@link ShareLinkStore}; session or token, with the console header);</li>
 *   <li>{@code /report/assets/...}: its modules and style sheet; {@code /report/lib/echarts/...}: Apache ECharts from
 *       its WebJar. Leaflet comes from the console's {@code /console/lib/leaflet/...}.</li>
 * </ul>
 */
public final class ReportRoutes implements Consumer<Router> {
    private static final Logger LOG = LoggerFactory.getLogger(ReportRoutes.class);
    static final String ROOT = "report";
    private static final long MAX_SHARE_BYTES = 4096;
    /** The principal a share link stands for: a viewer of the link's zone. */
    static final String SHARE_TOKEN_ID = "share-link";

    private final ReportData data;
    private final ShareLinks links;
    private final ShareLinkStore made;
    private final SessionLookup sessions;
    private final TokenRegistry tokens;
    private final RateLimiter limiter;
    private final WorkerExecutor workers;
    private final int queue;
    private final String securityPolicy;
    private final AtomicInteger running = new AtomicInteger();

    /**
     * @param workers        the assessment's worker threads (the report runs two assessments)
     * @param queue          reports running or waiting at most; one more is answered 503 with Retry-After
     * @param securityPolicy the console pages' Content-Security-Policy
     */
    public ReportRoutes(ReportData data, ShareLinks links, javax.sql.DataSource db, SessionLookup sessions,
                        TokenRegistry tokens, RateLimiter limiter, WorkerExecutor workers, int queue, String securityPolicy,
                        boolean secretGenerated) {
        this.data = data;
        this.links = links;
        // Revocation is in real time, like the links' expiry.
        this.made = new ShareLinkStore(db, java.time.Clock.systemUTC());
        this.sessions = sessions;
        this.tokens = tokens;
        this.limiter = limiter;
        this.workers = workers;
        this.queue = queue;
        this.securityPolicy = securityPolicy;
        if (secretGenerated) {
            LOG.warn("{} is not set: report share links are signed with a secret made for this run; they stop working"
                    + " when the API restarts and open only on this replica", ReportConfig.SHARE_SECRET);
        }
    }

    @Override
    public void accept(Router root) {
        Handler<RoutingContext> headers = this::securityHeaders;
        root.get("/report").handler(headers).handler(this::page);
        root.get("/report/shared").handler(headers).handler(this::sharedPage);
        root.get("/report/data").handler(this::data);
        root.post("/report/share").handler(BodyHandler.create(false).setBodyLimit(MAX_SHARE_BYTES)).handler(this::share);
        root.get("/report/shares").handler(ctx -> {
            Principal principal = signedIn(ctx);
            blocking(ctx, () -> made.list(principal));
        });
        root.post("/report/shares/:id/revoke").handler(this::revoke);
        root.get("/report/lib/echarts/*").handler(headers)
                .handler(StaticHandler.create(WebJars.root("org.webjars.npm", "echarts") + "/dist"));
        root.get("/report/assets/*").handler(headers).handler(StaticHandler.create(ROOT));
    }

    private void securityHeaders(RoutingContext ctx) {
        ctx.response().putHeader("Content-Security-Policy", securityPolicy)
                .putHeader("X-Content-Type-Options", "nosniff")
                .putHeader("X-Frame-Options", "DENY")
                .putHeader("Referrer-Policy", "no-referrer");
        ctx.next();
    }

    private void page(RoutingContext ctx) {
        ctx.response().putHeader("Cache-Control", "no-cache").sendFile(ROOT + "/report.html").onFailure(ctx::fail);
    }

    private void sharedPage(RoutingContext ctx) {
        ShareLinks.Check signed = check(ctx);
        String sig = ctx.request().getParam("sig");
        workers.executeBlocking(() -> signed == ShareLinks.Check.VALID && made.revoked(sig) ? ShareLinks.Check.REVOKED
                : signed, false).onComplete(r -> {
            if (r.failed()) {
                ctx.fail(r.cause());
                return;
            }
            if (r.result() != ShareLinks.Check.VALID) {
                ctx.response().setStatusCode(403).putHeader("Content-Type", "text/html; charset=utf-8")
                        .putHeader("Cache-Control", "no-store").end(DeniedPage.render(r.result()));
                return;
            }
            ctx.response().putHeader("Cache-Control", "no-store").sendFile(ROOT + "/report.html").onFailure(ctx::fail);
        });
    }

    private void revoke(RoutingContext ctx) {
        requireConsoleHeader(ctx);
        Principal principal = signedIn(ctx);
        String id = ctx.pathParam("id");
        if (id == null || !id.matches("^[1-9][0-9]{0,17}$")) {
            throw ApiException.notFound("share link " + id);
        }
        blocking(ctx, () -> made.revoke(principal, Long.parseLong(id)));
    }

    private static void requireConsoleHeader(RoutingContext ctx) {
        if (ctx.request().getHeader(SessionLookup.CONSOLE_HEADER) == null) {
            throw new ApiException(403, "forbidden", "the report's requests carry the " + SessionLookup.CONSOLE_HEADER
                    + " header");
        }
    }

    private void data(RoutingContext ctx) {
        Principal principal;
        String zone = ctx.request().getParam("zone");
        JsonObject shared = null;
        String sig = ctx.request().getParam("sig");
        if (sig != null) {
            ShareLinks.Check check = check(ctx);
            if (check != ShareLinks.Check.VALID) {
                throw DeniedPage.error(check);
            }
            principal = new Principal(SHARE_TOKEN_ID, Role.VIEWER, zone);
            admit(principal.tokenId() + ":" + sig);
            shared = new JsonObject().put("expiresAt", java.time.Instant.ofEpochSecond(
                    Long.parseLong(ctx.request().getParam("expires"))).toString());
        } else {
            principal = signedIn(ctx);
        }
        Period period = data.period(ctx.request().getParam("quarter"));
        JsonObject extra = new JsonObject().put("shared", shared).put("role", principal.role().id())
                .put("tokenZone", principal.zone());
        Principal who = principal;
        blocking(ctx, () -> {
            if (sig != null && made.revoked(sig)) {
                throw DeniedPage.error(ShareLinks.Check.REVOKED);
            }
            return data.load(who, zone, period).mergeIn(extra);
        });
    }

    private void share(RoutingContext ctx) {
        requireConsoleHeader(ctx);
        Principal principal = signedIn(ctx);
        JsonObject body;
        try {
            body = ctx.body().isEmpty() ? new JsonObject() : ctx.body().asJsonObject();
        } catch (DecodeException | ClassCastException e) {
            throw ApiException.badRequest("invalid_request", "send {\"zone\": \"...\", \"quarter\": \"2026-Q3\"} as JSON");
        }
        Object zone = body == null ? null : body.getValue("zone");
        Object quarter = body == null ? null : body.getValue("quarter");
        if ((zone != null && !(zone instanceof String)) || (quarter != null && !(quarter instanceof String))) {
            throw ApiException.badRequest("invalid_request", "zone and quarter are strings");
        }
        Period period = data.period((String) quarter);
        blocking(ctx, () -> {
            ShareLinks.Link link = links.sign(data.visibleZone(principal, (String) zone), period.label());
            long id = made.made(link, principal);
            return new JsonObject().put("id", id).put("url", "/report/shared?" + link.query()).put("zone", link.zone())
                    .put("quarter", link.quarter()).put("expiresAt", link.expiresAt().toString());
        });
    }

    private ShareLinks.Check check(RoutingContext ctx) {
        var r = ctx.request();
        return links.check(r.getParam("zone"), r.getParam("quarter"), r.getParam("expires"), r.getParam("sig"));
    }

    /** The caller of a signed-in request: a bearer token, else the console's session cookie. */
    private Principal signedIn(RoutingContext ctx) {
        String header = ctx.request().getHeader("Authorization");
        Principal principal = null;
        if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            principal = tokens.lookup(header.substring(7).trim()).orElse(null);
        } else if (header == null) {
            Cookie cookie = ctx.request().getCookie(SessionLookup.COOKIE);
            principal = cookie == null ? null : sessions.principal(cookie.getValue()).orElse(null);
        }
        if (principal == null) {
            throw new ApiException(401, "unauthorized", "sign in (or send a bearer token) to see the report");
        }
        admit(principal.tokenId());
        return principal;
    }

    private void admit(String key) {
        Duration wait = limiter.acquire(key);
        if (!wait.isZero()) {
            throw new ApiException(429, "rate_limited", "too many requests; retry after " + RateLimiter.retryAfter(wait)
                    + " s");
        }
    }

    private void blocking(RoutingContext ctx, Callable<JsonObject> work) {
        if (running.incrementAndGet() > queue) {
            running.decrementAndGet();
            throw ErrorMapper.unavailable();
        }
        workers.executeBlocking(work, false).onComplete(r -> {
            running.decrementAndGet();
            if (r.failed()) {
                ctx.fail(r.cause());
                return;
            }
            ctx.response().putHeader("Content-Type", "application/json").putHeader("Cache-Control", "no-store")
                    .end(r.result().encode());
        });
    }
}
