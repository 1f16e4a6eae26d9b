package org.clearway.api.assessment;

import io.vertx.core.Context;
import io.vertx.core.Future;
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
 * token sees. Identical requests (token zone, zone, period; any of the three forms) share one computation on the
 * assessment's workers ({@link SharedAssessments}); the answer is then rendered on the API's worker threads.
 */
public final class AssessmentApi {
    private final AssessmentQueries queries;
    private final WorkerExecutor workers;
    private final int queue;
    private final SharedAssessments shared;
    private final AtomicInteger running = new AtomicInteger();

    /**
     * @param workers the assessment's own worker threads (as many as its connections), so that reports never hold the
     *                threads cheap requests run on
     * @param queue   assessments running or waiting at most; one more is answered 503 with Retry-After at once (a
     *                request that shares a computation does not count)
     */
    public AssessmentApi(AssessmentQueries queries, WorkerExecutor workers, int queue, SharedAssessments shared) {
        this.queries = queries;
        this.workers = workers;
        this.queue = queue;
        this.shared = shared;
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
            Request request;
            try {
                request = request(ctx);
            } catch (RuntimeException e) {
                ctx.fail(e);
                return;
            }
            // A shared computation completes on whichever thread ran it: each request goes on on its own event loop.
            Context context = vertx.getOrCreateContext();
            shared.get(request.key(), () -> compute(request.work())).onComplete(a -> context.runOnContext(v -> {
                if (a.failed()) {
                    ctx.fail(a.cause());
                    return;
                }
                vertx.executeBlocking(() -> render.apply(a.result()), false).onComplete(r -> {
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
            }));
        });
    }

    /** One computation on the assessment's workers, or 503 at once when the queue is full. */
    private Future<Assessment> compute(Callable<Assessment> work) {
        if (running.incrementAndGet() > queue) {
            running.decrementAndGet();
            return Future.failedFuture(ErrorMapper.unavailable());
        }
        return workers.executeBlocking(work, false).onComplete(r -> running.decrementAndGet());
    }

    private record Request(SharedAssessments.Key key, Callable<Assessment> work) {
    }

    private Request request(RoutingContext ctx) {
        Params params = Params.of(ctx);
        // Neither quarter nor from and to: the current quarter (counted up to now).
        Period period = Period.of(params.string("quarter"), params.instant("from"), params.instant("to"),
                queries.config().timeZone(), queries.now());
        String zone = params.string("zone");
        var principal = AuthHandler.principal(ctx);
        ctx.put("clearway.assessment.file", "assessment-" + (zone == null ? principal.zone().replace("*", "city") : zone)
                + "-" + period.fileName() + ".csv");
        return new Request(new SharedAssessments.Key(principal.zone(), zone, period),
                () -> queries.assess(principal, zone, period));
    }

    private static String fileName(RoutingContext ctx) {
        String name = ctx.get("clearway.assessment.file");
        return name.replaceAll("[^A-Za-z0-9_.-]", "_");
    }
}
