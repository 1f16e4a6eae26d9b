package org.clearway.api.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import io.vertx.json.schema.Draft;
import io.vertx.json.schema.JsonSchema;
import io.vertx.json.schema.JsonSchemaOptions;
import io.vertx.json.schema.SchemaRepository;
import io.vertx.json.schema.Validator;
import org.junit.jupiter.api.Test;

/** One validator per schema, which still validates; every other call is the repository's own. */
class CachedValidatorsTest {
    private static final JsonSchemaOptions OPTIONS = new JsonSchemaOptions().setDraft(Draft.DRAFT202012)
            .setBaseUri("https://clearway.test/");

    @Test
    void theSameSchemaGetsTheSameValidatorWhichStillValidates() {
        SchemaRepository repository = SchemaRepository.create(OPTIONS);
        JsonSchema limit = JsonSchema.of(new JsonObject().put("type", "integer").put("minimum", 1).put("maximum", 500));
        JsonSchema zone = JsonSchema.of(new JsonObject().put("type", "string").put("maxLength", 4));
        SchemaRepository cached = CachedValidators.cached(repository);

        Validator first = cached.validator(limit);
        assertThat(cached.validator(limit)).isSameAs(first);
        assertThat(cached.validator(zone)).isNotSameAs(first);
        assertThat(repository.validator(limit)).isNotSameAs(repository.validator(limit));

        assertThat(first.validate(100).getValid()).isTrue();
        assertThat(first.validate(501).getValid()).isFalse();
        assertThat(first.validate("ten").getValid()).isFalse();
        assertThat(cached.validator(zone).validate("c001").getValid()).isTrue();
        assertThat(cached.validator(zone).validate("c0001").getValid()).isFalse();
    }

    @Test
    void otherCallsAreTheRepositorysOwn() {
        SchemaRepository repository = SchemaRepository.create(OPTIONS);
        JsonSchema schema = JsonSchema.of("https://clearway.test/bin", new JsonObject().put("type", "object"));
        SchemaRepository cached = CachedValidators.cached(repository);
        assertThat(cached.dereference(schema)).isSameAs(repository);
        assertThat(cached.find("https://clearway.test/bin")).isNotNull();
        assertThat(cached.validator("https://clearway.test/bin").validate(new JsonObject()).getValid()).isTrue();
    }
}
