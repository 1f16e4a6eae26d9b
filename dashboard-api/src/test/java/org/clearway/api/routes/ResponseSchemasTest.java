package org.clearway.api.routes;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.openapi.contract.OpenAPIContract;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every success answer of openapi.yaml declares what it carries (issue 15): each 2xx response of each operation has
 * content with a schema for each of its media types. The ITs then check real answers against these schemas
 * (ApiHarness). {@link #WITHOUT_SCHEMA_YET} is the known, shrinking list of operations still to do: an operation in
 * it that gets a schema must leave it.
 */
final class ResponseSchemasTest {
    /**
     * Operations whose 2xx responses have no schema yet; it only shrinks (empty now: keep it so). Answers in media
     * types that Vert.x's OpenAPI contract (vertx-openapi 5.0) refuses to load in a response's content
     * (application/geo+json, text/csv, text/html, text/event-stream) give their schema as x-schema on the response,
     * which ApiHarness checks as it checks content schemas.
     */
    static final Set<String> WITHOUT_SCHEMA_YET = Set.of();

    private static Vertx vertx;
    private static JsonObject contract;

    @BeforeAll
    static void load() {
        vertx = Vertx.vertx();
        contract = OpenAPIContract.from(vertx, ApiRouter.CONTRACT).await().getRawContract();
    }

    @AfterAll
    static void close() {
        vertx.close().await();
    }

    @Test
    void everySuccessResponseHasASchema() {
        Set<String> missing = new TreeSet<>();
        List<String> details = new ArrayList<>();
        JsonObject paths = contract.getJsonObject("paths");
        for (String path : paths.fieldNames()) {
            if (!(paths.getValue(path) instanceof JsonObject item)) {
                continue;
            }
            for (String method : item.fieldNames()) {
                if (!(item.getValue(method) instanceof JsonObject op) || !op.containsKey("operationId")) {
                    continue;
                }
                JsonObject responses = op.getJsonObject("responses", new JsonObject());
                for (String status : responses.fieldNames()) {
                    if (!status.startsWith("2")) {
                        continue;
                    }
                    JsonObject content = responses.getJsonObject(status).getJsonObject("content");
                    // Vert.x's loader adds bookkeeping keys such as __absolute_uri__: media types contain a '/'.
                    boolean ok = responses.getJsonObject(status).getValue("x-schema") instanceof JsonObject
                            || content != null && content.fieldNames().stream().anyMatch(type -> type.contains("/"))
                            && content.fieldNames().stream().filter(type -> type.contains("/"))
                            .allMatch(type -> content.getJsonObject(type).getValue("schema") instanceof JsonObject);
                    if (!ok) {
                        missing.add(op.getString("operationId"));
                        details.add(method.toUpperCase(java.util.Locale.ROOT) + " " + path + " " + status);
                    }
                }
            }
        }
        assertThat(missing).as("2xx responses without a schema: %s", details).isSubsetOf(WITHOUT_SCHEMA_YET);
        assertThat(WITHOUT_SCHEMA_YET).as("operations that have their schemas now: take them off the list")
                .isSubsetOf(missing);
    }
}
