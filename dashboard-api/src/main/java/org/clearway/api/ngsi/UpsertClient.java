package org.clearway.api.ngsi;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * One batch upsert to the context broker: {@code POST /ngsi-ld/v1/entityOperations/upsert} with the normalized
 * entities and their {@code @context} inline (application/ld+json). Blocking: the caller runs it off the event loop.
 */
final class UpsertClient {
    static final String PATH = "/ngsi-ld/v1/entityOperations/upsert";

    private final NgsiPushConfig config;
    private final HttpClient http;

    UpsertClient(NgsiPushConfig config) {
        this.config = config;
        this.http = HttpClient.newBuilder().connectTimeout(config.timeout()).build();
    }

    /**
     * Sends the entities; returns the ids the broker took: all of them on 201 or 204, those of {@code success} on 207.
     *
     * @throws IOException when the broker cannot be reached or refuses the whole batch (its answer in the message)
     */
    Set<String> upsert(List<JsonObject> entities) throws IOException, InterruptedException {
        JsonArray body = new JsonArray();
        entities.forEach(e -> body.add(WasteContainerEntity.withContext(e)));
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(config.brokerUrl() + PATH))
                .timeout(config.timeout()).header("Content-Type", NgsiLd.JSON_LD)
                .POST(HttpRequest.BodyPublishers.ofString(body.encode()));
        if (config.tenant() != null) {
            request.header("NGSILD-Tenant", config.tenant());
        }
        if (config.token() != null) {
            request.header("Authorization", "Bearer " + config.token());
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        Set<String> taken = new HashSet<>();
        switch (response.statusCode()) {
            case 200, 201, 204 -> entities.forEach(e -> taken.add(e.getString("id")));
            case 207 -> {
                JsonArray success = new JsonObject(response.body()).getJsonArray("success", new JsonArray());
                success.forEach(id -> taken.add(String.valueOf(id)));
            }
            default -> throw new IOException("the broker answered " + response.statusCode() + ": "
                    + response.body().substring(0, Math.min(300, response.body().length())));
        }
        return taken;
    }
}
