package org.clearway.api.ngsi;

import io.vertx.core.MultiMap;
import io.vertx.ext.web.RoutingContext;

/**
 * The query parameters of an NGSI-LD request, read here rather than by the contract's validator: NGSI-LD values hold
 * JSON ({@code coordinates=[13.4,52.5]}), quotes ({@code q=status=="ok"}) and semicolons
 * ({@code georel=near;maxDistance==100}, a normal character here), which the validator would parse as JSON or split.
 * openapi.yaml still documents every parameter.
 */
final class NgsiParams {
    private final MultiMap query;

    private NgsiParams(MultiMap query) {
        this.query = query;
    }

    static NgsiParams of(RoutingContext ctx) {
        return new NgsiParams(ctx.request().params(true));
    }

    /** The value, or null when absent; 400 when it is given twice. */
    String string(String name) {
        var values = query.getAll(name);
        if (values.size() > 1) {
            throw QFilter.bad(name + " is given more than once");
        }
        return values.isEmpty() ? null : values.get(0);
    }

    int integer(String name, int defaultValue, int min, int max) {
        String text = string(name);
        if (text == null) {
            return defaultValue;
        }
        try {
            int value = Integer.parseInt(text);
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw QFilter.bad(name + " is an integer from " + min + " to " + max);
    }

    boolean bool(String name) {
        String text = string(name);
        if (text == null || text.equals("false")) {
            return false;
        }
        if (text.equals("true")) {
            return true;
        }
        throw QFilter.bad(name + " is true or false");
    }
}
