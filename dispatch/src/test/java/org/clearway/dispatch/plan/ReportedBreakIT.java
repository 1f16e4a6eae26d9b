package org.clearway.dispatch.plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;

import org.clearway.dispatch.DispatchTestDb;
import org.clearway.dispatch.app.DispatchService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Issue 15: at 10:00 (default break, 30 minutes starting 09:30 to 12:00, UTC) t-res's driver is on a break since 09:50
 * and t-kit's took one from 09:20 to 09:50, both reported over the broker (updates version 2); t-rec's reported none.
 * The revisions planned next give t-res and t-kit no break, t-res's starting at 10:20, and t-rec its break.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class ReportedBreakIT {
    private static final Instant TEN = PlanHarness.NOW.plusSeconds(2 * 3600);

    private static PlanHarness harness;
    private static DispatchService leader;

    @BeforeAll
    static void start() throws Exception {
        harness = new PlanHarness("dispatch_reported_break", Map.of("CLEARWAY_DISPATCH_PLAN_INTERVAL", "1h",
                "CLEARWAY_DISPATCH_PLAN_BUDGET", "5s"));
        harness.clock.set(TEN);
        harness.registerBin("q1", "residual", 31.2500, 121.4700);
        harness.registerBin("k1", "kitchen", 31.2510, 121.4710);
        harness.registerBin("r1", "recyclable", 31.2520, 121.4720);
        harness.startService();
        leader = harness.awaitLeader();
        DispatchTestDb.await("the term's first plan", PlanHarness.WAIT,
                () -> harness.counter(leader, "clearway.dispatch.plan.runs", null, null) >= 1);
    }

    @AfterAll
    static void stop() throws Exception {
        harness.close();
    }

    private static String update(String id, String event, String ts) {
        return "{\"version\":2,\"updateId\":\"" + id + "\",\"event\":\"" + event + "\",\"ts\":\"" + ts + "\"}";
    }

    private static List<String> kinds(JsonNode message) {
        List<String> kinds = new ArrayList<>();
        message.get("stops").forEach(s -> kinds.add(s.get("kind").asText()));
        return kinds;
    }

    @Test
    void theNextRevisionsRespectTheBreaksTheTrucksReported() throws Exception {
        harness.publishUpdate("t-res", update("res-b1", "break_started", "2026-11-28T09:50:00Z"));
        harness.publishUpdate("t-kit", update("kit-b1", "break_started", "2026-11-28T09:20:00Z"));
        harness.publishUpdate("t-kit", update("kit-b2", "break_ended", "2026-11-28T09:50:00Z"));
        DispatchTestDb.await("the breaks stored", PlanHarness.WAIT, () -> DispatchTestDb.count(harness.db(),
                "SELECT count(*) FROM truck_breaks WHERE truck_id = 't-res' AND ended_at IS NULL") == 1
                && DispatchTestDb.count(harness.db(),
                "SELECT count(*) FROM truck_breaks WHERE truck_id = 't-kit' AND ended_at IS NOT NULL") == 1);
        long res = harness.createJob("q1", Duration.ofHours(20));
        long kit = harness.createJob("k1", Duration.ofHours(20));
        long rec = harness.createJob("r1", Duration.ofHours(20));
        try (var c = harness.db().getConnection(); var ps = c.prepareStatement(
                "INSERT INTO plan_requests (requested_at, requested_by, zone_id) VALUES (now(), 'token:0123456789ab', 's1')")) {
            ps.execute();
        }
        harness.awaitAssignment(res, "dispatched t-res");
        harness.awaitAssignment(kit, "dispatched t-kit");
        harness.awaitAssignment(rec, "dispatched t-rec");

        JsonNode onBreak = harness.awaitLatestReceived("t-res").message();
        assertThat(kinds(onBreak)).as("on a break: none more").doesNotContain("break").contains("bin");
        assertThat(Instant.parse(onBreak.get("stops").get(0).get("plannedArrival").asText()))
                .as("after what is left of the break, 10:20").isAfter(TEN.plusSeconds(1200));
        assertThat(kinds(harness.awaitLatestReceived("t-kit").message())).as("taken: none more")
                .doesNotContain("break").contains("bin");
        assertThat(kinds(harness.awaitLatestReceived("t-rec").message())).as("none reported: the planned window")
                .contains("break", "bin");
    }
}
