package org.clearway.core.ops;

import java.util.LinkedHashMap;
import java.util.Map;
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
 * A service's operations endpoint: {@code GET /metrics} (Prometheus text format) and {@code GET /health}: 200 with
 * the service's report when it can do its part, else 503 with the same report. Both are computed off the event loop
 * (a health check may ask the database).
 */
public final class OpsServer {

    /**
     * What /health answers.
     *
     * @param up      whether the service can do its part (200) or not (503)
     * @param details the body's fields besides {@code status}, in order (for example {@code database: UP})
     */
    public record Health(boolean up, Map<String, String> details) {
        public Health {
            details = new LinkedHashMap<>(details);
        }

        /** {@code UP} or {@code DOWN}. */
        public static String state(boolean up) {
            return up ? "UP" : "DOWN";
        }

        JsonObject json() {
            JsonObject body = new JsonObject().put("status", state(up));
            details.forEach(body::put);
            return body;
        }
    }

    private static final Health UNKNOWN = new Health(false, Map.of("error", "the health check failed"));

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
            Health h = r.succeeded() && r.result() != null ? r.result() : UNKNOWN;
            ctx.response().setStatusCode(h.up() ? 200 : 503).putHeader("Content-Type", "application/json")
                    .end(h.json().encode());
        });
    }

    public Future<Void> stop() {
        return server == null ? Future.succeededFuture() : server.close();
    }
}
