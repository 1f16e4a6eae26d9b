package org.clearway.api.http;

import io.vertx.core.Vertx;
import io.vertx.ext.web.RoutingContext;
import java.util.concurrent.Callable;

/** Runs a resource's JDBC work off the event loop and answers with its JSON, or fails the request. */
public final class Blocking {
    private final Vertx vertx;

    public Blocking(Vertx vertx) {
        this.vertx = vertx;
    }

    public void json(RoutingContext ctx, int status, Callable<Object> work) {
        json(ctx, status, "application/json", work);
    }

    public void json(RoutingContext ctx, int status, String contentType, Callable<Object> work) {
        vertx.executeBlocking(work, false).onComplete(r -> {
            if (r.failed()) {
                ctx.fail(r.cause());
                return;
            }
            ctx.response().setStatusCode(status).putHeader("Content-Type", contentType)
                    .end(io.vertx.core.json.Json.encode(r.result()));
        });
    }
}
