package org.clearway.dispatch.plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

import org.clearway.dispatch.DispatchTestDb;
import org.clearway.dispatch.app.DispatchService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A leader dies with routes the broker never acknowledged: the next leader publishes them again, exactly as stored,
 * and no revision is ever seen with two contents.
 */
class RouteFailoverIT {

    private PlanHarness harness;

    @AfterEach
    void close() throws Exception {
        if (harness != null) {
            harness.close();
        }
    }

    @Test
    void theNextLeaderRepublishesUnacknowledgedRoutesAndARevisionHasOneContent() throws Exception {
        harness = new PlanHarness("dispatch_plan_failover", Map.of("CLEARWAY_DISPATCH_PLAN_INTERVAL", "1h"));
        harness.registerBin("r1", "residual", 31.2500, 121.4700);
        harness.registerBin("r2", "residual", 31.2400, 121.4800);
        harness.registerBin("k1", "kitchen", 31.2450, 121.4900);
        long r1 = harness.createJob("r1", Duration.ofHours(20));
        harness.createJob("r2", Duration.ofHours(20));
        long k1 = harness.createJob("k1", Duration.ofHours(20));
        DispatchService first = harness.startService();
        harness.awaitLeader();
        harness.awaitAssignment(r1, "dispatched t-res");
        harness.awaitAssignment(k1, "dispatched t-kit");
        harness.awaitLatestReceived("t-res");
        harness.awaitLatestReceived("t-kit");
        DispatchTestDb.await("the routes acknowledged", PlanHarness.WAIT, () -> DispatchTestDb.count(harness.db(),
                "SELECT count(*) FROM routes WHERE announced_at IS NULL") == 0);

        first.kill();
        DispatchTestDb.count(harness.db(), "WITH u AS (UPDATE routes SET announced_at = NULL RETURNING 1) "
                + "SELECT count(*) FROM u");
        int receivedBefore = harness.routes.size();
        DispatchService second = harness.startService();
        DispatchTestDb.await("the second instance to lead", PlanHarness.WAIT, second::isConsuming);
        DispatchTestDb.await("the newest routes acknowledged again", PlanHarness.WAIT, () -> DispatchTestDb.count(
                harness.db(), "SELECT count(*) FROM routes r WHERE announced_at IS NULL AND revision = "
                        + "(SELECT max(revision) FROM routes n WHERE n.truck_id = r.truck_id)") == 0);

        Map<String, Integer> newest = harness.storedRevisions();
        List<PlanHarness.Received> afterTakeover = harness.routes.subList(receivedBefore, harness.routes.size());
        for (Map.Entry<String, Integer> truck : newest.entrySet()) {
            assertThat(afterTakeover).as("the newest route of " + truck.getKey() + " published again")
                    .anyMatch(r -> r.truckId().equals(truck.getKey()) && r.revision() == truck.getValue());
        }
        Map<String, Set<JsonNode>> contents = new HashMap<>();
        for (PlanHarness.Received route : harness.routes) {
            contents.computeIfAbsent(route.truckId() + "#" + route.revision(), k -> new HashSet<>()).add(route.message());
        }
        for (Map.Entry<String, Set<JsonNode>> revision : contents.entrySet()) {
            String[] key = revision.getKey().split("#");
            JsonNode stored = PlanHarness.JSON.readTree(DispatchTestDb.column(harness.db(),
                    "SELECT message::text FROM routes WHERE truck_id = ? AND revision = ?", key[0],
                    Integer.parseInt(key[1])).get(0));
            assertThat(revision.getValue()).as("contents of " + revision.getKey()).containsExactly(stored);
        }
        assertThat(DispatchTestDb.count(harness.db(), "SELECT count(*) FROM (SELECT truck_id, revision FROM routes "
                + "GROUP BY 1, 2 HAVING count(*) > 1) d")).isZero();
    }
}
