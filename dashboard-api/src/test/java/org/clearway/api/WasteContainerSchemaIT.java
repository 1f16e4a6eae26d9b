package org.clearway.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.json.schema.OutputUnit;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The keyValues entities the API serves from the real database pass the Smart Data Models WasteContainer schema
 * (test resources ngsi-ld/, with their source); and the same validator refuses an entity that breaks it, so the check
 * can fail.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class WasteContainerSchemaIT {
    static ApiHarness api;
    static final WasteContainerSchema SCHEMA = new WasteContainerSchema();

    @BeforeAll
    static void start() throws Exception {
        api = new ApiHarness("api_ngsi_schema", Clock.systemUTC(), Map.of());
        NgsiFixture.seed(api);
    }

    @AfterAll
    static void stop() {
        api.close();
    }

    @Test
    void everyKeyValuesEntityPassesTheModelsSchema() {
        for (String accept : new String[] {"application/json", "application/ld+json"}) {
            ApiHarness.Response r = api.sendWith(Map.of("Authorization", "Bearer viewer-city", "Accept", accept), "GET",
                    "/ngsi-ld/v1/entities?type=WasteContainer&options=keyValues", null);
            assertThat(r.status()).as(r.body()).isEqualTo(200);
            JsonArray entities = new JsonArray(r.body());
            assertThat(entities).hasSize(4);
            for (Object o : entities) {
                JsonObject entity = (JsonObject) o;
                OutputUnit result = SCHEMA.validate(entity);
                assertThat(result.getValid()).as(entity.encodePrettily() + "\n" + result.getErrors()).isTrue();
            }
        }
        // b1 has every attribute we fill: a device, an emptying, a deadline.
        JsonObject b1 = api.get("viewer-city", "/ngsi-ld/v1/entities/urn:ngsi-ld:WasteContainer:b1?format=simplified").json();
        assertThat(b1.fieldNames()).contains("fillingLevel", "status", "dateLastEmptying", "nextActuationDeadline",
                "location", "storedWasteKind", "refDevice");
        assertThat(SCHEMA.validate(b1).getValid()).isTrue();
    }

    @Test
    void theSchemaRefusesWhatBreaksTheModel() {
        JsonObject b1 = api.get("viewer-city", "/ngsi-ld/v1/entities/urn:ngsi-ld:WasteContainer:b1?options=keyValues").json();
        assertThat(SCHEMA.validate(b1).getValid()).isTrue();
        assertThat(SCHEMA.validate(b1.copy().put("fillingLevel", 32)).getValid()).as("a percentage").isFalse();
        assertThat(SCHEMA.validate(b1.copy().put("status", "on_fire")).getValid()).isFalse();
        assertThat(SCHEMA.validate(b1.copy().put("storedWasteKind", "residual")).getValid()).isFalse();
        assertThat(SCHEMA.validate(b1.copy().put("refDevice", "urn:ngsi-ld:Device:x")).getValid()).as("not an array").isFalse();
        assertThat(SCHEMA.validate(b1.copy().put("location", new JsonObject().put("type", "Point"))).getValid()).isFalse();
        JsonObject noLocation = b1.copy();
        noLocation.remove("location");
        assertThat(SCHEMA.validate(noLocation).getValid()).as("location is required").isFalse();
        assertThat(SCHEMA.validate(b1.copy().put("type", "WasteContainerIsle")).getValid()).isFalse();
        // The normalized form is not what the schema describes (it is the keyValues schema).
        JsonObject normalized = api.get("viewer-city", "/ngsi-ld/v1/entities/urn:ngsi-ld:WasteContainer:b1").json();
        assertThat(SCHEMA.validate(normalized).getValid()).isFalse();
    }
}
