package org.clearway.api.assessment;

import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.openapi.router.OpenAPIRoute;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.clearway.api.http.ErrorMapper;
import org.clearway.api.http.Params;
import org.clearway.api.security.AuthHandler;

/**
 * The community assessment operations (docs/assessment.md): {@code GET /assessment} (JSON),
 * {@code /assessment.csv} and {@code /assessment/report.html}, each for a period and a zone the
 * token sees.
 */
public final class AssessmentApi {
    private final AssessmentQueries queries;
    private final WorkerExecutor workers;
    private final int queue;
    private final AtomicInteger running = new AtomicInteger();

    /**
     * @param workers the assessment's own worker threads (as many as its connections), so that reports never hold the
     *                threads cheap requests run on
     * @param queue   assessments running or waiting at most; one more is answered 503 with Retry-After at once
     */
    public AssessmentApi(AssessmentQueries queries, WorkerExecutor workers, int queue) {
        this.queries = queries;
        this.workers = workers;
        this.queue = queue;
    }

    public void wire(RouterBuilder builder, Vertx vertx) {
        on(builder, vertx, "getAssessment", "application/json", a -> a.toJson().encode());
        on(builder, vertx, "getAssessmentCsv", "text/csv; charset=utf-8; header=present", AssessmentCsv::render);
        on(builder, vertx, "getAssessmentReport", "text/html; charset=utf-8", AssessmentReport::render);
    }

    private void on(RouterBuilder builder, Vertx vertx, String operationId, String contentType,
                    Function<Assessment, String> render) {
        OpenAPIRoute route = builder.getRoute(operationId);
        if (route == null) {
            throw new IllegalStateException("openapi.yaml has no operation " + operationId);
        }
        route.addHandler(ctx -> {
            Callable<Assessment> work;
            try {
                work = request(ctx);
            } catch (RuntimeException e) {
                ctx.fail(e);
                return;
            }
            if (running.incrementAndGet() > queue) {
                running.decrementAndGet();
                ctx.fail(ErrorMapper.unavailable());
                return;
            }
            workers.executeBlocking(() -> render.apply(work.call()), false).onComplete(r -> {
                running.decrementAndGet();
                if (r.failed()) {
                    ctx.fail(r.cause());
                    return;
                }
                var response = ctx.response().putHeader("Content-Type", contentType);
                if (operationId.equals("getAssessmentCsv")) {
                    response.putHeader("Content-Disposition", "attachment; filename=\"" + fileName(ctx) + "\"");
                }
                response.end(r.result());
            });
        });
    }

    private Callable<Assessment> request(RoutingContext ctx) {
        Params params = Params.of(ctx);
        // Neither quarter nor from and to: the current quarter (counted up to now).
        Period period = Period.of(params.string("quarter"), params.instant("from"), params.instant("to"),
                queries.config().timeZone(), queries.now());
        String zone = params.string("zone");
        var principal = AuthHandler.principal(ctx);
        ctx.put("clearway.assessment.file", "assessment-" + (zone == null ? principal.zone().replace("*", "city") : zone)
                + "-" + period.fileName() + ".csv");
        return () -> queries.assess(principal, zone, period);
    }

    private static String fileName(RoutingContext ctx) {
        String name = ctx.get("clearway.assessment.file");
        return name.replaceAll("[^A-Za-z0-9_.-]", "_");
    }
}
