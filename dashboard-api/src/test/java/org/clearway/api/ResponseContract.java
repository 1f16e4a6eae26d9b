package org.clearway.api;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.json.schema.JsonSchema;
import io.vertx.json.schema.OutputUnit;
import io.vertx.openapi.contract.OpenAPIContract;
import io.vertx.openapi.contract.Operation;
import io.vertx.openapi.validation.ResponseValidator;
import io.vertx.openapi.validation.ValidatableResponse;
import org.clearway.api.routes.ApiRouter;

/**
 * Checks the real answers of the ITs against the response schemas of openapi.yaml (issue 15): every 2xx answer
 * of an operation whose response declares a schema is validated by Vert.x's OpenAPI response validator, and a
 * mismatch fails the test that made the request.
 */
final class ResponseContract {
    /**
     * The schema of an answer in a media type that vertx-openapi 5.0 does not accept in a response's content
     * (application/geo+json, text/csv, text/html, text/event-stream): given beside the content, checked here.
     */
    static final String X_SCHEMA = "x-schema";

    private final OpenAPIContract contract;
    private final ResponseValidator validator;

    ResponseContract(Vertx vertx) {
        contract = OpenAPIContract.from(vertx, ApiRouter.CONTRACT).await();
        validator = ResponseValidator.create(vertx, contract);
    }

    /** Throws AssertionError when a 2xx answer does not match its declared schema. */
    void check(String method, String pathAndQuery, ApiHarness.Response response) {
        if (response.status() < 200 || response.status() > 299) {
            return;
        }
        String path = pathAndQuery.split("\\?", 2)[0];
        Operation operation = contract.findOperation(path, HttpMethod.valueOf(method));
        if (operation == null) {
            return;
        }
        io.vertx.openapi.contract.Response declared = operation.getResponse(response.status());
        if (declared == null) {
            return;
        }
        if (declared.getContent() == null || declared.getContent().isEmpty()) {
            checkExtension(operation.getOperationId(), declared.getOpenAPIModel().getJsonObject(X_SCHEMA), response);
            return;
        }
        String contentType = response.header("content-type");
        if (contentType != null && contentType.startsWith("application/ld+json")) {
            // JSON-LD is JSON: the NGSI-LD answers declare their schema under application/json (docs/ngsi-ld.md).
            contentType = "application/json";
        }
        ValidatableResponse actual = ValidatableResponse.create(response.status(),
                response.body() == null ? null : Buffer.buffer(response.body()),
                contentType == null ? null : contentType.split(";", 2)[0].trim());
        try {
            validator.validate(actual, operation.getOperationId()).await();
        } catch (RuntimeException e) {
            String body = response.body() == null ? "" : response.body();
            throw new AssertionError(operation.getOperationId() + " " + response.status() + " does not match openapi.yaml: "
                    + e.getMessage() + "\n" + body.substring(0, Math.min(body.length(), 2000)), e);
        }
    }

    private void checkExtension(String operationId, JsonObject schema, ApiHarness.Response response) {
        if (schema == null) {
            return;
        }
        Object body = "string".equals(schema.getValue("type")) ? response.body() : new JsonObject(response.body());
        OutputUnit result = contract.getSchemaRepository().validator(JsonSchema.of(schema)).validate(body);
        if (!result.getValid()) {
            throw new AssertionError(operationId + " " + response.status() + " does not match the x-schema of openapi.yaml: "
                    + result.getErrors() + "\n" + response.body().substring(0, Math.min(response.body().length(), 2000)));
        }
    }
}
