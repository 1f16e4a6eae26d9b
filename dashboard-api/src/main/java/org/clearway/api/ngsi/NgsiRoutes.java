package org.clearway.api.ngsi;

import static org.clearway.api.security.AuthHandler.principal;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.openapi.router.OpenAPIRoute;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.clearway.api.http.ApiException;

/**
 * The NGSI-LD entity operations of openapi.yaml (docs/ngsi-ld.md): {@code GET /ngsi-ld/v1/entities} and
 * {@code GET /ngsi-ld/v1/entities/{entityId}}. An application/json answer carries the model's context in a Link
 * header, an application/ld+json answer (when the Accept header asks for it) inline in every entity. Failures go to
 * the API's ErrorMapper, which answers them as NGSI-LD ProblemDetails.
 */
public final class NgsiRoutes {
    private final Vertx vertx;
    private final WasteContainerQueries containers;

    public NgsiRoutes(Vertx vertx, WasteContainerQueries containers) {
        this.vertx = vertx;
        this.containers = containers;
    }

    public void wire(RouterBuilder builder) {
        on(builder, "ngsiQueryEntities", ctx -> {
            boolean ld = jsonLd(ctx);
            EntityQuery query = EntityQuery.from(NgsiParams.of(ctx));
            answer(ctx, ld, () -> {
                WasteContainerQueries.Page page = containers.list(principal(ctx), query);
                if (page.count() != null) {
                    ctx.response().putHeader(NgsiLd.RESULTS_COUNT, Long.toString(page.count()));
                }
                JsonArray body = new JsonArray();
                page.entities().forEach(e -> body.add(ld ? WasteContainerEntity.withContext(e) : e));
                return body.encode();
            });
        });
        on(builder, "ngsiGetEntity", ctx -> {
            boolean ld = jsonLd(ctx);
            NgsiParams params = NgsiParams.of(ctx);
            EntityQuery.Form form = EntityQuery.form(params);
            Attrs attrs = Attrs.parse(params.string("attrs"));
            String id = ctx.pathParam("entityId");
            answer(ctx, ld, () -> {
                JsonObject entity = containers.get(principal(ctx), id, form, attrs);
                return (ld ? WasteContainerEntity.withContext(entity) : entity).encode();
            });
        });
    }

    private void answer(RoutingContext ctx, boolean ld, Callable<String> work) {
        vertx.executeBlocking(work, false).onComplete(r -> {
            if (r.failed()) {
                ctx.fail(r.cause());
                return;
            }
            var response = ctx.response().setStatusCode(200);
            if (ld) {
                response.putHeader("Content-Type", NgsiLd.JSON_LD);
            } else {
                response.putHeader("Content-Type", NgsiLd.JSON).putHeader("Link", NgsiLd.LINK);
            }
            response.end(r.result());
        });
    }

    /**
     * Whether the caller asked for application/ld+json; application/json, any JSON or no Accept header give
     * application/json; anything else is 406.
     */
    static boolean jsonLd(RoutingContext ctx) {
        String accept = ctx.request().getHeader("Accept");
        if (accept == null || accept.isBlank()) {
            return false;
        }
        boolean json = false;
        for (String range : accept.split(",")) {
            String type = range.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
            if (type.equals(NgsiLd.JSON_LD)) {
                return true;
            }
            json |= type.equals(NgsiLd.JSON) || type.equals("*/*") || type.equals("application/*");
        }
        if (!json) {
            throw new ApiException(406, "not_acceptable", "answers are application/json or application/ld+json");
        }
        return false;
    }

    private static void on(RouterBuilder builder, String operationId, io.vertx.core.Handler<RoutingContext> handler) {
        OpenAPIRoute route = builder.getRoute(operationId);
        if (route == null) {
            throw new IllegalStateException("openapi.yaml has no operation " + operationId);
        }
        // NgsiParams reads the query; the validator would parse its JSON values and split at semicolons.
        route.setDoValidation(false);
        route.addHandler(handler);
    }
}
