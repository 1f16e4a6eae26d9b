package org.clearway.api.http;

import io.vertx.core.Handler;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.openapi.validation.ValidatorException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place where failures become HTTP answers, always
 * {@code {"error": {"status": 400, "code": "...", "message": "..."}}}, except under {@code /ngsi-ld/}, where the same
 * error is an NGSI-LD {@link ProblemDetails}.
 */
public final class ErrorMapper implements Handler<RoutingContext> {
    private static final Logger LOG = LoggerFactory.getLogger(ErrorMapper.class);
    /** What a 503 asks the caller to wait before trying again. */
    public static final int RETRY_AFTER_SECONDS = 2;

    @Override
    public void handle(RoutingContext ctx) {
        ApiException error = map(ctx.failure(), ctx.statusCode());
        if (error.status() == 503) {
            LOG.warn("{} {} refused with 503: {}", ctx.request().method(), ctx.request().path(), String.valueOf(ctx.failure()));
        } else if (error.status() >= 500) {
            LOG.error("{} {} failed", ctx.request().method(), ctx.request().path(), ctx.failure());
        }
        send(ctx, error);
    }

    public static ApiException map(Throwable failure, int status) {
        if (failure instanceof ApiException api) {
            return api;
        }
        ValidatorException invalid = validation(failure);
        if (invalid != null) {
            return ApiException.badRequest("invalid_request", invalid.getMessage());
        }
        if (failure instanceof SQLException sql && fromSql(sql).status() < 500) {
            return fromSql(sql);
        }
        if (overloaded(failure)) {
            return unavailable();
        }
        return switch (status) {
            case 400 -> ApiException.badRequest("invalid_request", failure == null ? "bad request" : String.valueOf(failure.getMessage()));
            case 401 -> new ApiException(401, "unauthorized", "a valid bearer token is required");
            case 403 -> new ApiException(403, "forbidden", "this token's role may not do that");
            case 404 -> ApiException.notFound("resource");
            case 405 -> new ApiException(405, "method_not_allowed", "method not allowed on this resource");
            case 413 -> new ApiException(413, "too_large", "the request body is too large");
            case 415 -> new ApiException(415, "unsupported_media_type", "unsupported content type");
            default -> new ApiException(500, "internal", "internal error");
        };
    }

    /** The contract validator's complaint, if that is what failed: the router hands it over wrapped in a 400. */
    private static ValidatorException validation(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof ValidatorException invalid) {
                return invalid;
            }
        }
        return null;
    }

    /** 503 {@code overloaded}: the request may be repeated after {@link #RETRY_AFTER_SECONDS}. */
    public static ApiException unavailable() {
        return new ApiException(503, "overloaded", "the service is busy; retry after " + RETRY_AFTER_SECONDS + " s");
    }

    /**
     * Whether the failure is load, not a fault: no pooled connection within the pool's timeout, a statement cancelled
     * by its time budget ({@code statement_timeout}, SQLSTATE 57014), too many connections (53300), or the database out
     * of reach (class 08). Such a request gets 503 with Retry-After, never 500.
     */
    static boolean overloaded(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLTransientConnectionException) {
                return true;
            }
            if (t instanceof SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().equals("57014") || sql.getSQLState().equals("53300")
                    || sql.getSQLState().startsWith("08"))) {
                return true;
            }
        }
        return false;
    }

    /** The database's refusals that are the caller's fault; anything else is a 500. */
    public static ApiException fromSql(SQLException sql) {
        String state = sql.getSQLState() == null ? "" : sql.getSQLState();
        return switch (state) {
            case "23505" -> ApiException.conflict("conflict", "an object with that id exists");
            case "23503" -> ApiException.badRequest("unknown_reference", "a referenced zone or stream does not exist");
            case "23514", "22003", "22P02" -> ApiException.badRequest("invalid_value", "a value is out of its allowed range");
            default -> new ApiException(500, "internal", "internal error");
        };
    }

    public static void send(RoutingContext ctx, ApiException error) {
        if (ctx.response().ended()) {
            return;
        }
        JsonObject body;
        if (ProblemDetails.applies(ctx.request().path())) {
            body = ProblemDetails.of(error);
        } else {
            JsonObject fields = error.details() == null ? new JsonObject() : error.details().copy();
            body = new JsonObject().put("error", fields
                    .put("status", error.status()).put("code", error.code()).put("message", error.getMessage()));
        }
        if (error.status() == 503 && ctx.response().headers().get("Retry-After") == null) {
            ctx.response().putHeader("Retry-After", Integer.toString(RETRY_AFTER_SECONDS));
        }
        ctx.response().setStatusCode(error.status()).putHeader("Content-Type", "application/json").end(body.encode());
    }
}
