package org.clearway.api.ngsi;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.clearway.api.http.ApiMetrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pushes the bins' state to an NGSI-LD context broker (docs/ngsi-ld.md#push): every interval it reads the entities
 * of the configured zone, and sends those that changed since the broker last took them (all of them after a start) in
 * batch upserts. What the broker did not take (an error, a 207's failed ids, no answer) is sent again on the next
 * round. A bin retired or moved out of the zone is not deleted from the broker.
 */
public final class ContextBrokerPush implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ContextBrokerPush.class);

    private final Vertx vertx;
    private final WasteContainerQueries containers;
    private final NgsiPushConfig config;
    private final UpsertClient client;
    private final ApiMetrics metrics;
    /** What the broker holds, as far as we know: entity id to the normalized entity it took. */
    private final Map<String, JsonObject> taken = new HashMap<>();
    private volatile boolean closed;
    private long timer = -1;

    public ContextBrokerPush(Vertx vertx, WasteContainerQueries containers, NgsiPushConfig config, ApiMetrics metrics) {
        this.vertx = vertx;
        this.containers = containers;
        this.config = config;
        this.client = new UpsertClient(config);
        this.metrics = metrics;
    }

    public void start() {
        LOG.info("Pushing WasteContainer entities to the context broker: {}", config);
        schedule();
    }

    private void schedule() {
        if (!closed) {
            timer = vertx.setTimer(config.interval().toMillis(), id -> vertx.executeBlocking(() -> {
                round();
                return null;
            }, true).onComplete(r -> {
                if (r.failed()) {
                    LOG.warn("Push to the context broker {} failed; retrying in {}: {}", config.brokerUrl(),
                            config.interval(), String.valueOf(r.cause()));
                }
                schedule();
            }));
        }
    }

    /** One round: read, compare, send the changed entities in batches. Returns how many the broker took. */
    int round() throws Exception {
        List<JsonObject> changed = new ArrayList<>();
        for (WasteContainerEntity.Row row : containers.all(config.zone())) {
            JsonObject entity = WasteContainerEntity.normalized(row);
            if (!entity.equals(taken.get(entity.getString("id")))) {
                changed.add(entity);
            }
        }
        int sent = 0;
        for (int from = 0; from < changed.size() && !closed; from += config.batchSize()) {
            List<JsonObject> batch = changed.subList(from, Math.min(changed.size(), from + config.batchSize()));
            Set<String> ids;
            try {
                ids = client.upsert(batch);
            } catch (java.io.IOException e) {
                metrics.ngsiPushFailed();
                throw e;
            }
            metrics.ngsiPushed(ids.size(), batch.size() - ids.size());
            for (JsonObject entity : batch) {
                if (ids.contains(entity.getString("id"))) {
                    taken.put(entity.getString("id"), entity);
                    sent++;
                }
            }
            if (ids.size() < batch.size()) {
                LOG.warn("The context broker took {} of {} entities; the others are sent again next round",
                        ids.size(), batch.size());
            }
        }
        return sent;
    }

    @Override
    public void close() {
        closed = true;
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
    }
}
