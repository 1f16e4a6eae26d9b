package org.clearway.api.open311;

import io.vertx.core.Handler;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.openapi.validation.ValidatorException;
import org.clearway.api.http.ApiException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Failures on the Open311 paths, in the GeoReport v2 error shape
 * {@code [{"code": 400, "description": "..."}]} (code = the HTTP status) instead of the API's
 * {@code {"error": {...}}}: Open311 clients parse this one.
 */
public final class Open311Errors implements Handler<RoutingContext> {
    private static final Logger LOG = LoggerFactory.getLogger(Open311Errors.class);

    @Override
    public void handle(RoutingContext ctx) {
        Throwable failure = ctx.failure();
        Open311Exception error;
        if (failure instanceof Open311Exception open311) {
            error = open311;
        } else if (failure instanceof ApiException api && api.status() < 500) {
            error = new Open311Exception(api.status(), api.getMessage());
        } else if (validation(failure) != null) {
            error = Open311Exception.badRequest(validation(failure).getMessage());
        } else if (ctx.statusCode() == 413) {
            error = new Open311Exception(413, "the request body is too large");
        } else if (ctx.statusCode() >= 400 && ctx.statusCode() < 500) {
            error = new Open311Exception(ctx.statusCode(), failure != null && failure.getMessage() != null
                    ? failure.getMessage() : "the request was refused");
        } else {
            LOG.error("{} {} failed", ctx.request().method(), ctx.request().path(), failure);
            error = new Open311Exception(500, "internal error; it was logged");
        }
        send(ctx, error);
    }

    /** The contract validator's complaint, if that is what failed (it may come wrapped). */
    private static ValidatorException validation(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof ValidatorException invalid) {
                return invalid;
            }
        }
        return null;
    }

    static void send(RoutingContext ctx, Open311Exception error) {
        if (ctx.response().ended()) {
            return;
        }
        JsonArray body = new JsonArray().add(new JsonObject().put("code", error.status())
                .put("description", error.getMessage()));
        ctx.response().setStatusCode(error.status()).putHeader("Content-Type", Open311Api.JSON).end(body.encode());
    }
}
