package org.clearway.api.routes;

import static org.clearway.api.security.AuthHandler.principal;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.openapi.router.OpenAPIRoute;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import io.vertx.openapi.contract.OpenAPIContract;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import org.clearway.api.assessment.AssessmentApi;
import org.clearway.api.ngsi.NgsiRoutes;
import org.clearway.api.open311.Open311Api;
import org.clearway.api.resources.BinCommands;
import org.clearway.api.resources.BinImport;
import org.clearway.api.resources.BinQueries;
import org.clearway.api.resources.ReadingQueries;
import org.clearway.api.resources.RejectedQueries;
import org.clearway.api.resources.ZoneQueries;
import org.clearway.api.security.AuthHandler;
import org.clearway.api.security.RateLimiter;
import org.clearway.api.security.SessionLookup;
import org.clearway.api.security.TokenRegistry;
import org.clearway.api.http.ApiException;
import org.clearway.api.http.ApiMetrics;
import org.clearway.api.http.Blocking;
import org.clearway.api.http.ErrorMapper;
import org.clearway.api.http.JsonBody;
import org.clearway.api.http.Params;
import org.clearway.api.http.CachedValidators;
import org.clearway.api.http.QueryOnce;

/**
 * The HTTP surface: {@code GET /openapi.yaml} (public), and every operation of openapi.yaml built
 * by vertx-web-openapi-router's RouterBuilder, which validates each request against the contract
 * after {@link AuthHandler} checked the token, the rate limit and the role. Failures of any kind
 * end in {@link ErrorMapper}.
 */
public final class ApiRouter {
    public static final String CONTRACT = "openapi.yaml";
    static final long MAX_BODY_BYTES = 1024 * 1024;

    /** The resources the operations call. */
    public record Resources(ZoneQueries zones, BinQueries bins, BinCommands binCommands, BinImport binImport,
                            ReadingQueries readings, RejectedQueries rejected, Open311Api open311,
                            AssessmentApi assessment, OperationsRoutes.Operations ops,
                            CredentialsRoutes.Credentials credentials, NgsiRoutes ngsi) {
    }

    private ApiRouter() {
    }

    /**
     * @param databaseUp answers {@code GET /health} (no token): whether the database answers
     */
    public static Future<Router> create(Vertx vertx, Resources resources, TokenRegistry tokens, RateLimiter limiter,
                                        java.util.function.BooleanSupplier databaseUp, ApiMetrics metrics) {
        return create(vertx, resources, tokens, limiter, SessionLookup.NONE, root -> { }, databaseUp, metrics);
    }

    /**
     * @param sessions the console's sign-in sessions, accepted in place of a bearer token ({@link AuthHandler})
     * @param pages    adds the routes outside the contract (the console's pages) to the root router, before the API's
     */
    public static Future<Router> create(Vertx vertx, Resources resources, TokenRegistry tokens, RateLimiter limiter,
                                        SessionLookup sessions, java.util.function.Consumer<Router> pages,
                                        java.util.function.BooleanSupplier databaseUp, ApiMetrics metrics) {
        Buffer contractText = Buffer.buffer(readContract());
        return OpenAPIContract.from(vertx, CONTRACT).map(contract -> {
            RouterBuilder builder = RouterBuilder.create(vertx, CachedValidators.of(contract), new QueryOnce(contract));
            // Vert.x orders body handlers before user handlers; the body is capped at MAX_BODY_BYTES.
            builder.rootHandler(BodyHandler.create(false).setBodyLimit(MAX_BODY_BYTES));
            builder.rootHandler(new AuthHandler(contract, tokens, limiter, sessions));
            // Every JSON body read once, strictly (core's StrictJson) and within caps, before the validator.
            builder.rootHandler(new JsonBody());
            for (OpenAPIRoute route : builder.getRoutes()) {
                // AuthHandler is the security of every operation (bearer tokens of our own format).
                route.setDoSecurity(false);
            }
            wire(builder, new Blocking(vertx), resources);
            resources.open311().wire(builder, new Blocking(vertx));
            resources.assessment().wire(builder, vertx);
            resources.ngsi().wire(builder);
            checkEveryOperation(builder);
            Router api = builder.createRouter();
            ErrorMapper errors = new ErrorMapper();
            api.route().failureHandler(errors);

            Router root = Router.router(vertx);
            root.route().handler(new HttpMetricsHandler(contract, metrics));
            root.get("/metrics").handler(ctx -> vertx.executeBlocking(metrics::scrape, false).onComplete(r -> {
                if (r.failed()) {
                    ctx.fail(r.cause());
                    return;
                }
                ctx.response().putHeader("Content-Type", "text/plain; version=0.0.4; charset=utf-8").end(r.result());
            }));
            root.get("/" + CONTRACT).handler(ctx -> ctx.response()
                    .putHeader("Content-Type", "application/yaml; charset=utf-8").end(contractText));
            root.get("/health").handler(ctx -> vertx.executeBlocking(databaseUp::getAsBoolean).onComplete(r -> {
                boolean up = r.succeeded() && r.result();
                ctx.response().setStatusCode(up ? 200 : 503).putHeader("Content-Type", "application/json")
                        .end(new io.vertx.core.json.JsonObject().put("status", up ? "UP" : "DOWN")
                                .put("database", up ? "UP" : "DOWN").encode());
            }));
            resources.open311().refuseXml(root);
            pages.accept(root);
            root.route("/*").subRouter(api);
            root.route().failureHandler(errors);
            for (int status : new int[] {404, 405, 413, 500}) {
                root.errorHandler(status, ctx -> ErrorMapper.send(ctx, ErrorMapper.map(ctx.failure(), status)));
            }
            return root;
        });
    }

    private static void wire(RouterBuilder builder, Blocking blocking, Resources r) {
        on(builder, "listZones", ctx -> blocking.encoded(ctx, "application/json",
                () -> r.zones().answer(principal(ctx), ctx.request().getHeader("If-None-Match"))));
        on(builder, "listBins", ctx -> blocking.json(ctx, 200, () -> r.bins().list(principal(ctx), Params.of(ctx))));
        on(builder, "createBin", ctx -> blocking.json(ctx, 201,
                () -> r.binCommands().create(principal(ctx), Params.of(ctx).jsonBody())));
        on(builder, "binsGeoJson", ctx -> blocking.json(ctx, 200, "application/geo+json",
                () -> r.bins().geoJson(principal(ctx), Params.of(ctx))));
        on(builder, "mapBins", ctx -> blocking.map(ctx, () -> r.bins().map().answer(principal(ctx),
                Params.of(ctx).string("zone"), ctx.request().getHeader("If-None-Match"),
                ctx.request().getHeader("Accept-Encoding"))));
        // The contract's validator cannot check a text body: the handler checks the content type and
        // every line itself (the body is capped by the BodyHandler).
        builder.getRoute("importBins").setDoValidation(false);
        on(builder, "importBins", ctx -> blocking.json(ctx, 200,
                () -> r.binImport().run(principal(ctx), csvBody(ctx))));
        on(builder, "getBin", ctx -> blocking.json(ctx, 200, () -> r.bins().get(principal(ctx), id(ctx))));
        on(builder, "patchBin", ctx -> blocking.json(ctx, 200,
                () -> r.binCommands().patch(principal(ctx), id(ctx), Params.of(ctx).jsonBody())));
        on(builder, "retireBin", ctx -> blocking.json(ctx, 200, () -> r.binCommands().retire(principal(ctx), id(ctx))));
        on(builder, "getBinDevice", ctx -> blocking.json(ctx, 200,
                () -> r.binCommands().devices().get(principal(ctx), id(ctx))));
        on(builder, "putBinDevice", ctx -> blocking.json(ctx, 200,
                () -> r.binCommands().devices().assign(principal(ctx), id(ctx), Params.of(ctx).jsonBody())));
        on(builder, "deleteBinDevice", ctx -> blocking.json(ctx, 200,
                () -> r.binCommands().devices().unassign(principal(ctx), id(ctx))));
        on(builder, "issueDeviceToken", ctx -> blocking.json(ctx, 201,
                () -> r.binCommands().deviceTokens().issue(principal(ctx), id(ctx))));
        on(builder, "getDeviceToken", ctx -> blocking.json(ctx, 200,
                () -> r.binCommands().deviceTokens().get(principal(ctx), id(ctx))));
        on(builder, "revokeDeviceToken", ctx -> blocking.json(ctx, 200,
                () -> r.binCommands().deviceTokens().revoke(principal(ctx), id(ctx))));
        on(builder, "getBinState", ctx -> blocking.json(ctx, 200, () -> r.bins().state(principal(ctx), id(ctx))));
        on(builder, "getReadings", ctx -> blocking.json(ctx, 200,
                () -> r.readings().readings(principal(ctx), id(ctx), Params.of(ctx))));
        on(builder, "listRejectedMessages", ctx -> blocking.json(ctx, 200,
                () -> r.rejected().list(principal(ctx), Params.of(ctx))));
        OperationsRoutes.wire(builder, blocking, r.ops());
        CredentialsRoutes.wire(builder, blocking, r.credentials());
    }

    /** Every operation of the contract has a handler and a minimum role: a new one cannot slip through unguarded. */
    private static void checkEveryOperation(RouterBuilder builder) {
        for (OpenAPIRoute route : builder.getRoutes()) {
            String id = route.getOperation().getOperationId();
            if (route.getHandlers().isEmpty()) {
                throw new IllegalStateException("operation " + id + " of openapi.yaml has no handler");
            }
            if (!route.getOperation().getExtensions().containsKey(AuthHandler.MIN_ROLE_EXTENSION)) {
                throw new IllegalStateException("operation " + id + " of openapi.yaml declares no x-min-role");
            }
        }
    }

    /** Adds the handler to the operation of openapi.yaml with that id; fails fast when the contract has none. */
    static void on(RouterBuilder builder, String operationId, Handler<RoutingContext> handler) {
        OpenAPIRoute route = builder.getRoute(operationId);
        if (route == null) {
            throw new IllegalStateException("openapi.yaml has no operation " + operationId);
        }
        route.addHandler(handler);
    }

    static String csvBody(RoutingContext ctx) {
        String type = ctx.request().getHeader("Content-Type");
        String mediaType = type == null ? "" : type.split(";")[0].trim().toLowerCase(java.util.Locale.ROOT);
        if (!mediaType.equals("text/plain") && !mediaType.equals("text/csv")) {
            throw new ApiException(415, "unsupported_media_type", "send the CSV as text/csv or text/plain");
        }
        String body = ctx.body().asString();
        return body == null ? "" : body;
    }

    private static String id(RoutingContext ctx) {
        return Params.of(ctx).path("id");
    }

    static byte[] readContract() {
        try (InputStream in = ApiRouter.class.getClassLoader().getResourceAsStream(CONTRACT)) {
            if (in == null) {
                throw new IllegalStateException(CONTRACT + " is missing from the classpath");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
