package org.clearway.api.http;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.Json;
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

    /**
     * The answer is encoded to bytes on the worker thread that made it, not on the event loop: encoding pages of bins
     * and jobs was about half of the event loops' samples at 8 clients (JFR, docs/assessment.md "Read benchmark,
     * 2026-12-07 evening (per-request CPU)"), and every request on a loop waited behind it.
     */
    public void json(RoutingContext ctx, int status, String contentType, Callable<Object> work) {
        vertx.executeBlocking(() -> Json.encodeToBuffer(work.call()), false).onComplete(r -> {
            if (r.failed()) {
                ctx.fail(r.cause());
                return;
            }
            ctx.response().setStatusCode(status).putHeader("Content-Type", contentType).end(r.result());
        });
    }

    /** Bytes of a media type (a driver's photo). */
    public record Binary(String contentType, byte[] bytes) {
    }

    /** Answers with the bytes, private to the caller: a photo is cached by the browser that was allowed to see it. */
    public void binary(RoutingContext ctx, Callable<Binary> work) {
        vertx.executeBlocking(work, false).onComplete(r -> {
            if (r.failed()) {
                ctx.fail(r.cause());
                return;
            }
            ctx.response().setStatusCode(200).putHeader("Content-Type", r.result().contentType())
                    .putHeader("Cache-Control", "private, max-age=3600").putHeader("X-Content-Type-Options", "nosniff")
                    .end(io.vertx.core.buffer.Buffer.buffer(r.result().bytes()));
        });
    }

    /** A cached, encoded body (a map layer): 200 with its bytes, or 304 with none when the client has it. */
    public interface Encoded {
        int status();

        String etag();

        Buffer body();

        boolean gzip();
    }

    /** Answers with an encoded body, or 304 when the client has it ({@link Encoded}). */
    public void map(RoutingContext ctx, Callable<? extends Encoded> work) {
        encoded(ctx, "application/geo+json", work);
    }

    /** Answers with an encoded body of this media type, or 304 when the client has it ({@link Encoded}). */
    public void encoded(RoutingContext ctx, String contentType, Callable<? extends Encoded> work) {
        vertx.executeBlocking(work, false).onComplete(r -> {
            if (r.failed()) {
                ctx.fail(r.cause());
                return;
            }
            Encoded a = r.result();
            var response = ctx.response().setStatusCode(a.status()).putHeader("ETag", a.etag())
                    .putHeader("Cache-Control", "private, no-cache").putHeader("Vary", "Accept-Encoding");
            if (a.body() == null) {
                response.end();
                return;
            }
            response.putHeader("Content-Type", contentType);
            if (a.gzip()) {
                response.putHeader("Content-Encoding", "gzip");
            }
            response.end(a.body());
        });
    }
}
