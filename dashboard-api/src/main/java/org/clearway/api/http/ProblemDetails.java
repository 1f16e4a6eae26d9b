package org.clearway.api.http;

import io.vertx.core.json.JsonObject;
import java.util.Map;

/**
 * The NGSI-LD error shape (ETSI GS CIM 009, ProblemDetails after RFC 7807), which {@link ErrorMapper} uses for every
 * answer on a path under {@value #PATH_PREFIX}: {@code {"type": "https://uri.etsi.org/ngsi-ld/errors/BadRequestData",
 * "title": code, "status": 400, "detail": message}}.
 */
final class ProblemDetails {
    static final String PATH_PREFIX = "/ngsi-ld/";
    static final String ERRORS = "https://uri.etsi.org/ngsi-ld/errors/";
    /** The NGSI-LD error type of an HTTP status; a status without one is {@code about:blank}. */
    static final Map<Integer, String> TYPES = Map.of(
            400, ERRORS + "BadRequestData",
            404, ERRORS + "ResourceNotFound",
            406, ERRORS + "NotAcceptable",
            413, ERRORS + "RequestEntityTooLarge",
            500, ERRORS + "InternalError",
            503, ERRORS + "InternalError");

    private ProblemDetails() {
    }

    static boolean applies(String path) {
        return path != null && path.startsWith(PATH_PREFIX);
    }

    static JsonObject of(ApiException error) {
        return new JsonObject().put("type", TYPES.getOrDefault(error.status(), "about:blank"))
                .put("title", error.code()).put("status", error.status()).put("detail", error.getMessage());
    }
}
