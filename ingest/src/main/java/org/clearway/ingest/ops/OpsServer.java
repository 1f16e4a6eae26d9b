package org.clearway.ingest.ops;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.function.BooleanSupplier;

/**
 * The operations endpoint: {@code GET /metrics} (Prometheus text format) and {@code GET /health}
 * (200 when the broker and the database are reachable, 503 with which one is not).
 */
public final class OpsServer {
    private final Vertx vertx;
    private final PrometheusMeterRegistry registry;
    private final BooleanSupplier brokerUp;
    private final BooleanSupplier databaseUp;
    private HttpServer server;

    public OpsServer(Vertx vertx, PrometheusMeterRegistry registry, BooleanSupplier brokerUp,
                     BooleanSupplier databaseUp) {
        this.vertx = vertx;
        this.registry = registry;
        this.brokerUp = brokerUp;
        this.databaseUp = databaseUp;
    }

    public Future<Integer> start(String host, int port) {
        Router router = Router.router(vertx);
        router.get("/metrics").handler(this::metrics);
        router.get("/health").handler(this::health);
        return vertx.createHttpServer().requestHandler(router).listen(port, host).map(s -> {
            server = s;
            return s.actualPort();
        });
    }

    private void metrics(RoutingContext ctx) {
        vertx.executeBlocking(registry::scrape).onComplete(r -> {
            if (r.succeeded()) {
                ctx.response().putHeader("Content-Type", "text/plain; version=0.0.4; charset=utf-8").end(r.result());
            } else {
                ctx.fail(r.cause());
            }
        });
    }

    private void health(RoutingContext ctx) {
        vertx.executeBlocking(() -> new boolean[] {brokerUp.getAsBoolean(), databaseUp.getAsBoolean()})
                .onComplete(r -> {
                    boolean broker = r.succeeded() && r.result()[0];
                    boolean database = r.succeeded() && r.result()[1];
                    JsonObject body = new JsonObject()
                            .put("status", broker && database ? "UP" : "DOWN")
                            .put("broker", broker ? "UP" : "DOWN")
                            .put("database", database ? "UP" : "DOWN");
                    ctx.response().setStatusCode(broker && database ? 200 : 503)
                            .putHeader("Content-Type", "application/json").end(body.encode());
                });
    }

    public Future<Void> stop() {
        return server == null ? Future.succeededFuture() : server.close();
    }
}
