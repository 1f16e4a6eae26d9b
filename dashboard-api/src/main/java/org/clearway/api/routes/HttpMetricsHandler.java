package org.clearway.api.routes;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import io.vertx.openapi.contract.OpenAPIContract;
import io.vertx.openapi.contract.Operation;
import java.util.Set;
import org.clearway.api.http.ApiMetrics;

/**
 * First on every request: when the response ends, records it in {@link ApiMetrics} by route template, method and
 * status, and counts token failures and rate limiting by their answers.
 */
final class HttpMetricsHandler implements Handler<RoutingContext> {
    private static final Set<String> FIXED_ROUTES = Set.of("/health", "/metrics", "/api-docs", "/" + ApiRouter.CONTRACT);

    private final OpenAPIContract contract;
    private final ApiMetrics metrics;

    HttpMetricsHandler(OpenAPIContract contract, ApiMetrics metrics) {
        this.contract = contract;
        this.metrics = metrics;
    }

    @Override
    public void handle(RoutingContext ctx) {
        long start = System.nanoTime();
        ctx.addEndHandler(ended -> {
            int status = ctx.response().getStatusCode();
            metrics.request(route(ctx), ctx.request().method().name(), status, System.nanoTime() - start);
            if (status == 401) {
                metrics.authFailure("unauthorized");
            } else if (status == 403) {
                metrics.authFailure("forbidden");
            } else if (status == 429 && ctx.get(ApiMetrics.NOT_RATE_LIMIT) == null) {
                metrics.rateLimited();
            }
        });
        ctx.next();
    }

    private String route(RoutingContext ctx) {
        String path = ctx.normalizedPath();
        if (FIXED_ROUTES.contains(path)) {
            return path;
        }
        if (path.equals("/") || path.startsWith("/console/")) {
            return "/console";
        }
        if (path.equals("/report") || path.startsWith("/report/")) {
            return "/report";
        }
        Operation operation = contract.findOperation(path, ctx.request().method());
        return operation == null ? "unmatched" : operation.getOpenAPIPath();
    }
}
