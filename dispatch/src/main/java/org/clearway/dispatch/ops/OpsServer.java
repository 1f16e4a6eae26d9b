package org.clearway.dispatch.ops;

import java.util.Objects;
import java.util.function.Supplier;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * The operations endpoint: {@code GET /metrics} (Prometheus text format) and {@code GET /health}: 200 with the
 * instance's role when it can do its part (a standby: reach the database; the leader: also be subscribed), else 503.
 */
public final class OpsServer {

    /** What /health reports. */
    public record Health(boolean leader, boolean databaseUp, boolean brokerUp) {

        public boolean up() {
            return databaseUp && (!leader || brokerUp);
        }

        JsonObject json() {
            return new JsonObject()
                    .put("status", up() ? "UP" : "DOWN")
                    .put("role", leader ? "leader" : "standby")
                    .put("database", databaseUp ? "UP" : "DOWN")
                    .put("broker", leader ? (brokerUp ? "UP" : "DOWN") : "NOT_CONNECTED");
        }
    }

    private final Vertx vertx;
    private final PrometheusMeterRegistry registry;
    private final Supplier<Health> health;
    private HttpServer server;

    public OpsServer(Vertx vertx, PrometheusMeterRegistry registry, Supplier<Health> health) {
        this.vertx = Objects.requireNonNull(vertx, "vertx");
        this.registry = Objects.requireNonNull(registry, "registry");
        this.health = Objects.requireNonNull(health, "health");
    }

    /** @return the port it listens on (port 0 picks a free one) */
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
        vertx.executeBlocking(health::get).onComplete(r -> {
            Health h = r.succeeded() ? r.result() : new Health(false, false, false);
            ctx.response().setStatusCode(h.up() ? 200 : 503).putHeader("Content-Type", "application/json")
                    .end(h.json().encode());
        });
    }

    public Future<Void> stop() {
        return server == null ? Future.succeededFuture() : server.close();
    }
}
