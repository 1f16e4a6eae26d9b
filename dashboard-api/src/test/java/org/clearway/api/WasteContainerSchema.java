package org.clearway.api;

import io.vertx.core.json.JsonObject;
import io.vertx.json.schema.Draft;
import io.vertx.json.schema.JsonSchema;
import io.vertx.json.schema.JsonSchemaOptions;
import io.vertx.json.schema.OutputFormat;
import io.vertx.json.schema.OutputUnit;
import io.vertx.json.schema.SchemaRepository;
import io.vertx.json.schema.Validator;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The Smart Data Models WasteContainer schema, from the copies in test resources (ngsi-ld/README.md), with the common
 * schema registered under its published {@code $id} so that the model's {@code $ref}s resolve offline.
 */
final class WasteContainerSchema {
    static final String COMMON_ID = "https://smart-data-models.github.io/data-models/common-schema.json";

    private final Validator validator;

    WasteContainerSchema() {
        SchemaRepository repository = SchemaRepository.create(new JsonSchemaOptions().setDraft(Draft.DRAFT7)
                .setBaseUri("https://smart-data-models.github.io/").setOutputFormat(OutputFormat.Basic));
        repository.dereference(COMMON_ID, JsonSchema.of(resource("ngsi-ld/common-schema.excerpt.json")));
        JsonObject model = resource("ngsi-ld/WasteContainer.schema.json");
        repository.dereference(model.getString("$id"), JsonSchema.of(model));
        validator = repository.validator(JsonSchema.of(model));
    }

    /** The validator's verdict on one keyValues entity. */
    OutputUnit validate(JsonObject entity) {
        return validator.validate(entity);
    }

    static JsonObject resource(String name) {
        try (InputStream in = WasteContainerSchema.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException(name + " is missing from the test resources");
            }
            return new JsonObject(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
