package org.clearway.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;

/**
 * The push to a context broker: a small real HTTP server in the test plays the broker and records each batch upsert.
 * The first round sends every bin of the zone, in batches; later rounds only what changed; what the broker refused
 * (a 500, a 207's failed ids) is sent again.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class NgsiPushIT {
    record Upsert(String path, String contentType, String tenant, String authorization, JsonArray entities) {
        List<String> ids() {
            return entities.stream().map(o -> ((JsonObject) o).getString("id")).toList();
        }
    }

    static final Vertx BROKER_VERTX = Vertx.vertx();
    static final BlockingQueue<Upsert> UPSERTS = new LinkedBlockingQueue<>();
    /** The status the broker answers next (then 204 again); 207 fails the first entity of the batch. */
    static final AtomicInteger NEXT_STATUS = new AtomicInteger(204);
    static HttpServer broker;
    static ApiHarness api;

    @BeforeAll
    static void start() throws Exception {
        broker = BROKER_VERTX.createHttpServer().requestHandler(request -> request.body().onSuccess(body -> {
            JsonArray entities = new JsonArray(body.toString());
            UPSERTS.add(new Upsert(request.path() + (request.query() == null ? "" : "?" + request.query()),
                    request.getHeader("Content-Type"), request.getHeader("NGSILD-Tenant"),
                    request.getHeader("Authorization"), entities));
            int status = NEXT_STATUS.getAndSet(204);
            if (status == 207) {
                JsonArray success = new JsonArray();
                entities.stream().skip(1).forEach(o -> success.add(((JsonObject) o).getString("id")));
                request.response().setStatusCode(207).putHeader("Content-Type", "application/json")
                        .end(new JsonObject().put("success", success).put("errors", new JsonArray().add(new JsonObject()
                                .put("entityId", entities.getJsonObject(0).getString("id"))
                                .put("error", new JsonObject().put("type", "https://uri.etsi.org/ngsi-ld/errors/InternalError")
                                        .put("title", "refused")))).encode());
            } else {
                request.response().setStatusCode(status).end();
            }
        })).listen(0, "127.0.0.1").await();
        api = new ApiHarness("api_ngsi_push", Clock.systemUTC(), Map.of(
                "CLEARWAY_NGSI_BROKER_URL", "http://127.0.0.1:" + broker.actualPort() + "/",
                "CLEARWAY_NGSI_PUSH_INTERVAL", "200ms",
                "CLEARWAY_NGSI_BATCH_SIZE", "2",
                "CLEARWAY_NGSI_PUSH_ZONE", "d2",
                "CLEARWAY_NGSI_TENANT", "clearway",
                "CLEARWAY_NGSI_BROKER_TOKEN", "broker-secret"));
        NgsiFixture.seed(api);
    }

    @AfterAll
    static void stop() {
        api.close();
        broker.close().await();
        BROKER_VERTX.close().await();
    }

    static Upsert next() throws InterruptedException {
        Upsert upsert = UPSERTS.poll(30, TimeUnit.SECONDS);
        assertThat(upsert).as("an upsert within 30 s").isNotNull();
        return upsert;
    }

    /** Waits until a batch holds the bin, skipping the batches of earlier rounds. */
    static JsonObject nextWith(String binId) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            Upsert upsert = next();
            for (Object o : upsert.entities()) {
                if (((JsonObject) o).getString("id").equals("urn:ngsi-ld:WasteContainer:" + binId)) {
                    return (JsonObject) o;
                }
            }
        }
        throw new AssertionError("no upsert of " + binId);
    }

    @Test
    @Order(1)
    void theZonesBinsArePushedOnceThenOnlyWhatChanged() throws Exception {
        // The fixture's b5 may come after the first round: wait until both bins of d2 (b4, b5) were sent.
        JsonObject b5 = nextWith("b5");
        assertThat(b5.getJsonObject("fillingLevel").getDouble("value")).isEqualTo(0.9);
        // Quiet: nothing changed, so nothing is sent.
        Thread.sleep(1000);
        UPSERTS.clear();
        Thread.sleep(1000);
        assertThat(UPSERTS).as("no change, no upsert").isEmpty();

        Instant now = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MICROS);
        api.sql("UPDATE bin_state SET fill_pct = 72, measured_at = ? WHERE bin_id = 'b4'", now);
        Upsert changed = next();
        assertThat(changed.ids()).containsExactly("urn:ngsi-ld:WasteContainer:b4");
        assertThat(changed.path()).isEqualTo("/ngsi-ld/v1/entityOperations/upsert");
        assertThat(changed.contentType()).isEqualTo("application/ld+json");
        assertThat(changed.tenant()).isEqualTo("clearway");
        assertThat(changed.authorization()).isEqualTo("Bearer broker-secret");
        JsonObject b4 = changed.entities().getJsonObject(0);
        assertThat(b4.getJsonObject("fillingLevel")).isEqualTo(new JsonObject().put("type", "Property").put("value", 0.72)
                .put("observedAt", now.toString()));
        assertThat(b4.getJsonArray("@context")).contains(
                "https://raw.githubusercontent.com/smart-data-models/dataModel.WasteManagement/master/context.jsonld");
        // Bins outside the push zone (b1 in d1) are never sent.
        api.sql("UPDATE bin_state SET fill_pct = 44 WHERE bin_id = 'b1'");
        Thread.sleep(1000);
        assertThat(UPSERTS.stream().flatMap(u -> u.ids().stream())).doesNotContain("urn:ngsi-ld:WasteContainer:b1");
    }

    @Test
    @Order(2)
    void whatTheBrokerRefusedIsSentAgain() throws Exception {
        Thread.sleep(500);
        NEXT_STATUS.set(500);
        UPSERTS.clear();
        api.sql("UPDATE bin_state SET fill_pct = 12 WHERE bin_id = 'b5'");
        Upsert refused = next();
        assertThat(refused.ids()).contains("urn:ngsi-ld:WasteContainer:b5");
        Upsert again = next();
        assertThat(again.ids()).as("the 500 is retried").contains("urn:ngsi-ld:WasteContainer:b5");
        assertThat(again.entities().getJsonObject(again.ids().indexOf("urn:ngsi-ld:WasteContainer:b5"))
                .getJsonObject("fillingLevel").getDouble("value")).isEqualTo(0.12);

        Thread.sleep(500);
        NEXT_STATUS.set(207);
        UPSERTS.clear();
        api.sql("UPDATE bin_state SET fill_pct = 13 WHERE bin_id IN ('b4', 'b5')");
        Upsert partial = next();
        assertThat(partial.ids()).containsExactly("urn:ngsi-ld:WasteContainer:b4", "urn:ngsi-ld:WasteContainer:b5");
        Upsert retry = next();
        assertThat(retry.ids()).as("only the id the 207 reported failed").containsExactly("urn:ngsi-ld:WasteContainer:b4");
        Thread.sleep(1000);
        assertThat(UPSERTS).as("then nothing more").isEmpty();
        String metrics = api.get(null, "/metrics").body();
        assertThat(metrics).containsPattern("clearway_api_ngsi_push_entities_total\\{[^}]*outcome=\"refused\"[^}]*\\} 1\\.0")
                .containsPattern("clearway_api_ngsi_push_failures_total\\{[^}]*\\} 1\\.0")
                .containsPattern("clearway_api_ngsi_push_entities_total\\{[^}]*outcome=\"taken\"[^}]*\\} [1-9]");
    }

    @Test
    void theBrokerTokenIsNeverInTheConfigsText() {
        var config = org.clearway.api.ngsi.NgsiPushConfig.from(new org.clearway.core.config.Env(Map.of(
                "CLEARWAY_NGSI_BROKER_URL", "http://broker:1026", "CLEARWAY_NGSI_BROKER_TOKEN", "broker-secret")));
        assertThat(config.toString()).doesNotContain("broker-secret").contains("token=set");
        assertThat(Duration.ofSeconds(10)).isEqualTo(config.interval());
    }
}
