package org.clearway.api.http;

/**
 * A request the API answers with an error: the caller's fault (4xx) with a stable code, turned
 * into the JSON error shape by {@link ErrorMapper} only.
 */
public final class ApiException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int status;
    private final String code;
    private final transient io.vertx.core.json.JsonObject details;

    public ApiException(int status, String code, String message) {
        this(status, code, message, null);
    }

    private ApiException(int status, String code, String message, io.vertx.core.json.JsonObject details) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
        this.details = details;
    }

    /** The same error with one more field in its JSON (e.g. the id of the object a 409 names). */
    public ApiException withDetail(String field, Object value) {
        io.vertx.core.json.JsonObject more = details == null ? new io.vertx.core.json.JsonObject() : details.copy();
        return new ApiException(status, code, getMessage(), more.put(field, value));
    }

    /** Extra fields of the error object, or null. */
    public io.vertx.core.json.JsonObject details() {
        return details;
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    public static ApiException badRequest(String code, String message) {
        return new ApiException(400, code, message);
    }

    /** Also the answer for an object outside the caller's zone: its existence is not revealed. */
    public static ApiException notFound(String what) {
        return new ApiException(404, "not_found", what + " not found");
    }

    public static ApiException conflict(String code, String message) {
        return new ApiException(409, code, message);
    }
}
