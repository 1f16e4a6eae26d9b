package org.clearway.api.open311;

/**
 * An Open311 request the API refuses, answered in the GeoReport v2 error shape
 * {@code [{"code": 400, "description": "..."}]} by {@link Open311Errors}.
 */
public final class Open311Exception extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int status;

    public Open311Exception(int status, String description) {
        super(description, null, false, false);
        this.status = status;
    }

    public int status() {
        return status;
    }

    public static Open311Exception badRequest(String description) {
        return new Open311Exception(400, description);
    }

    public static Open311Exception notFound(String description) {
        return new Open311Exception(404, description);
    }
}
