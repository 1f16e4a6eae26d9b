package org.clearway.api.open311;

import io.vertx.core.Handler;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.openapi.router.OpenAPIRoute;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import javax.sql.DataSource;
import org.clearway.api.http.Blocking;
import org.clearway.api.http.JsonBody;
import org.clearway.api.security.RateLimiter;

/**
 * The Open311 GeoReport v2 operations (docs/open311.md): public (no token; {@code x-min-role: public}
 * in openapi.yaml), limited per client address, answering errors in the specification's shape. JSON
 * only: the {@code .xml} forms answer 400.
 */
public final class Open311Api {
    static final String JSON = "application/json; charset=utf-8";

    private final ReportStore store;
    private final ReportQueries queries;
    private final ClientLimiter posts;
    private final ClientLimiter reads;
    private final Open311Errors errors = new Open311Errors();

    public Open311Api(DataSource dataSource, Clock clock, Open311Config config) {
        this.store = new ReportStore(dataSource, clock, config);
        this.queries = new ReportQueries(dataSource, clock, config);
        this.posts = new ClientLimiter(new RateLimiter(clock, config.postsPerHour() / 3600.0, config.postBurst()),
                config.trustForwardedFor());
        this.reads = new ClientLimiter(new RateLimiter(clock, config.readsPerSecond(), config.readBurst()),
                config.trustForwardedFor());
    }

    /** Adds the handlers of the Open311 operations of openapi.yaml. */
    public void wire(RouterBuilder builder, Blocking blocking) {
        on(builder, "open311ListServices", reads, ctx -> ctx.response().putHeader("Content-Type", JSON)
                .end(new JsonArray(Arrays.stream(Open311Service.values()).map(s -> (Object) s.listEntry()).toList()).encode()));
        on(builder, "open311GetService", reads, ctx -> {
            String code = jsonName(ctx.pathParam("service"));
            Open311Service service = Open311Service.byCode(code)
                    .orElseThrow(() -> Open311Exception.notFound("service_code " + code + " not found"));
            ctx.response().putHeader("Content-Type", JSON).end(service.definition().encode());
        });
        // Form bodies are beyond the contract's validator: the handler checks every field itself.
        builder.getRoute("open311CreateRequest").setDoValidation(false);
        on(builder, "open311CreateRequest", posts, ctx -> {
            NewReport report = NewReport.parse(fields(ctx));
            blocking.json(ctx, 201, JSON, () -> {
                ReportStore.Stored stored = store.create(report);
                return new JsonArray().add(new JsonObject().put("service_request_id", Long.toString(stored.id()))
                        .put("service_notice", stored.notice()).put("account_id", null));
            });
        });
        on(builder, "open311ListRequests", reads, ctx -> {
            ReportQueries.Filter filter = filter(ctx);
            blocking.json(ctx, 200, JSON, () -> queries.list(filter));
        });
        on(builder, "open311GetRequest", reads, ctx -> {
            long id = Long.parseLong(jsonName(ctx.pathParam("request")));
            blocking.json(ctx, 200, JSON, () -> new JsonArray().add(queries.get(id)));
        });
    }

    /** The {@code .xml} forms of the list paths, outside the contract: 400 saying to use JSON. */
    public void refuseXml(Router root) {
        root.routeWithRegex("^/open311/v2/(services|requests)\\.xml$").handler(ctx -> Open311Errors.send(ctx,
                Open311Exception.badRequest("XML is not supported by this server: use the .json form of the path")));
    }

    private void on(RouterBuilder builder, String operationId, ClientLimiter limiter, Handler<RoutingContext> handler) {
        OpenAPIRoute route = builder.getRoute(operationId);
        if (route == null) {
            throw new IllegalStateException("openapi.yaml has no operation " + operationId);
        }
        route.addHandler(limiter).addHandler(ctx -> {
            try {
                handler.handle(ctx);
            } catch (RuntimeException e) {
                ctx.fail(e);
            }
        }).addFailureHandler(errors);
    }

    /** {@code name.json} to {@code name}; {@code name.xml} is refused. */
    static String jsonName(String segment) {
        if (segment.endsWith(".json")) {
            return segment.substring(0, segment.length() - ".json".length());
        }
        throw Open311Exception.badRequest("XML is not supported by this server: use the .json form of the path");
    }

    /** The fields of a posted report: form-urlencoded (as the specification posts them) or a JSON object. */
    private static Function<String, String> fields(RoutingContext ctx) {
        String type = ctx.request().getHeader("Content-Type");
        String media = type == null ? "" : type.split(";")[0].trim().toLowerCase(Locale.ROOT);
        switch (media) {
            case "application/x-www-form-urlencoded", "multipart/form-data" -> {
                return name -> ctx.request().getFormAttribute(name);
            }
            case "application/json" -> {
                JsonObject body;
                try {
                    body = JsonBody.of(ctx);
                } catch (RuntimeException e) {
                    throw Open311Exception.badRequest("the body is not a JSON object");
                }
                if (body == null) {
                    throw Open311Exception.badRequest("the body is empty");
                }
                return name -> {
                    Object value = body.getValue(name);
                    if (value instanceof JsonObject || value instanceof JsonArray) {
                        throw Open311Exception.badRequest(name + " must be a string or a number");
                    }
                    return value == null ? null : value.toString();
                };
            }
            default -> throw new Open311Exception(415,
                    "send the request as application/x-www-form-urlencoded or application/json");
        }
    }

    private ReportQueries.Filter filter(RoutingContext ctx) {
        String ids = ctx.queryParams().get("service_request_id");
        String statuses = ctx.queryParams().get("status");
        return new ReportQueries.Filter(
                ids == null || ids.isBlank() ? null : Arrays.stream(ids.split(",")).map(String::trim).map(Long::parseLong).toList(),
                blankToNull(ctx.queryParams().get("service_code")),
                time(ctx, "start_date"), time(ctx, "end_date"),
                statuses == null || statuses.isBlank() ? null : List.of(statuses.split(",")));
    }

    private static Instant time(RoutingContext ctx, String name) {
        String text = blankToNull(ctx.queryParams().get(name));
        if (text == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            throw Open311Exception.badRequest(name + " is not a W3C date-time such as 2026-07-01T00:00:00Z");
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
