package org.clearway.api.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.util.Locale;
import java.util.Map;
import org.clearway.core.json.StrictJson;

/**
 * Reads every JSON request body once, strictly, before the contract's validator sees it: core's {@link StrictJson}
 * (a repeated key, trailing data or nesting deeper than {@value #MAX_NESTING} is 400 {@code invalid_request}, as
 * ingest refuses them), at most {@value #MAX_BYTES} bytes (413 {@code too_large}) and {@value #MAX_TOKENS} tokens
 * (400 {@code too_complex}), so no body can hold the event loop: the parse stops at the first token over the cap
 * and costs well under a millisecond. The handlers take the parsed object from {@link #of}.
 */
public final class JsonBody implements Handler<RoutingContext> {
    /** The largest JSON body: far above any object of the contract (a bin is about 300 bytes). */
    public static final int MAX_BYTES = 64 * 1024;
    /** Keys, values and brackets of one body at most: a bin with every field is about 25. */
    public static final long MAX_TOKENS = 1_000;
    public static final int MAX_NESTING = 16;
    private static final String PARSED = "clearway.json-body";
    private static final ObjectMapper JSON = StrictJson.mapper(MAX_NESTING, MAX_TOKENS);

    @Override
    public void handle(RoutingContext ctx) {
        Buffer body = ctx.body() == null ? null : ctx.body().buffer();
        if (body == null || body.length() == 0 || !isJson(ctx.request().getHeader("Content-Type"))) {
            ctx.next();
            return;
        }
        if (body.length() > MAX_BYTES) {
            ctx.fail(new ApiException(413, "too_large",
                    "the JSON body is " + body.length() + " bytes; the maximum is " + MAX_BYTES));
            return;
        }
        try {
            ctx.put(PARSED, parse(body.getBytes()));
        } catch (ApiException e) {
            ctx.fail(e);
            return;
        }
        ctx.next();
    }

    /** The body read strictly: a Map for an object, a List for an array, or a plain value. */
    static Object parse(byte[] bytes) {
        try {
            return JSON.readValue(bytes, Object.class);
        } catch (StreamConstraintsException e) {
            if (String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT).contains("token count")) {
                throw ApiException.badRequest("too_complex", "the JSON body holds more than " + MAX_TOKENS
                        + " tokens (keys, values and brackets)");
            }
            throw ApiException.badRequest("invalid_request", "the body is not acceptable JSON: " + e.getOriginalMessage());
        } catch (JsonProcessingException e) {
            throw ApiException.badRequest("invalid_request", "the body is not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw ApiException.badRequest("invalid_request", "the body could not be read as JSON: " + e.getMessage());
        }
    }

    /** The request's JSON object as read by this handler. */
    @SuppressWarnings("unchecked")
    public static JsonObject of(RoutingContext ctx) {
        Object parsed = ctx.get(PARSED);
        if (parsed instanceof Map<?, ?> map) {
            return new JsonObject((Map<String, Object>) map);
        }
        throw ApiException.badRequest("invalid_request", parsed == null
                ? "send a JSON object as application/json" : "the body must be a JSON object");
    }

    static boolean isJson(String contentType) {
        if (contentType == null) {
            return false;
        }
        String media = contentType.split(";")[0].trim().toLowerCase(Locale.ROOT);
        return media.equals("application/json") || media.endsWith("+json");
    }
}
