package org.clearway.api.http;

import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import io.vertx.openapi.validation.RequestParameter;
import io.vertx.openapi.validation.ValidatedRequest;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Map;

/** A request's parameters as validated against openapi.yaml, with typed getters. */
public final class Params {
    public static final int DEFAULT_LIMIT = 100;

    private final ValidatedRequest request;
    private final RoutingContext ctx;

    private Params(ValidatedRequest request, RoutingContext ctx) {
        this.request = request;
        this.ctx = ctx;
    }

    public static Params of(RoutingContext ctx) {
        ValidatedRequest request = ctx.get(RouterBuilder.KEY_META_DATA_VALIDATED_REQUEST);
        if (request == null) {
            throw new IllegalStateException("request was not validated against the contract");
        }
        return new Params(request, ctx);
    }

    public String path(String name) {
        return value(request.getPathParameters(), name).getString();
    }

    public String string(String name) {
        RequestParameter p = value(request.getQuery(), name);
        return p == null || p.isNull() ? null : p.getString();
    }

    public int integer(String name, int defaultValue) {
        RequestParameter p = value(request.getQuery(), name);
        return p == null || p.isNull() ? defaultValue : p.getInteger();
    }

    public int limit() {
        return integer("limit", DEFAULT_LIMIT);
    }

    public boolean bool(String name, boolean defaultValue) {
        RequestParameter p = value(request.getQuery(), name);
        return p == null || p.isNull() ? defaultValue : p.getBoolean();
    }

    /** An RFC 3339 time with an offset, or null when absent; 400 {@code bad_time} when unreadable. */
    public Instant instant(String name) {
        String text = string(name);
        if (text == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            throw ApiException.badRequest("bad_time", name + " is not an RFC 3339 time such as 2026-01-31T12:00:00Z");
        }
    }

    /**
     * @param from the start of a range, or null when open
     * @param to   its end (exclusive), or null when open
     * @throws ApiException 400 {@code bad_range} when both are given and from is not before to
     */
    public static void requireBefore(Instant from, Instant to) {
        if (from != null && to != null && !from.isBefore(to)) {
            throw ApiException.badRequest("bad_range", "from must be before to");
        }
    }

    /** The JSON object of the body, as read strictly by {@link JsonBody} (400 if it is not an object). */
    public JsonObject jsonBody() {
        return JsonBody.of(ctx);
    }

    private static RequestParameter value(Map<String, RequestParameter> map, String name) {
        return map == null ? null : map.get(name);
    }
}
