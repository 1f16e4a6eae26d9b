package org.clearway.dispatch.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.clearway.core.mqtt.InboundMessage;
import org.clearway.dispatch.DispatchTestDb;
import org.clearway.testsupport.FakeClock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 15: the truck protocol's version 2 events, through the real broker and database. A driver's break is recorded
 * once (a repeat is a duplicate, a second open break or an end without a start is refused); a full bin that is not on
 * the route becomes an urgent manual job with the truck as actor, once.
 */
class TruckNoticesIT {

    private static final Instant NOW = Instant.parse("2026-11-28T08:00:00Z");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final FakeClock CLOCK = FakeClock.at(NOW);
    private static DispatchHarness harness;

    @BeforeAll
    static void start() throws Exception {
        harness = new DispatchHarness("dispatch_notices", CLOCK, Map.of("CLEARWAY_DISPATCH_FLEET_FILE",
                Path.of("src/main/resources/demo-fleet.json").toAbsolutePath().toString()));
        harness.registerBin("seen-full", 1000, 0);
        harness.startService();
        harness.awaitConsumer();
    }

    @AfterAll
    static void stop() {
        harness.close();
    }

    @Test
    void aBreakIsRecordedOnceAndMustBeStartedBeforeItEnds() throws Exception {
        Instant start = NOW.minusSeconds(2400);
        Instant end = start.plusSeconds(1800);
        assertThat(notice("truck-n1", "b0", "break_ended", end, "")).isEqualTo("rejected working truck truck-n1 is not on a break");
        assertThat(notice("truck-n1", "b1", "break_started", start, "")).isEqualTo("applied on_break");
        assertThat(notice("truck-n1", "b1", "break_started", start, "")).isEqualTo("duplicate on_break");
        assertThat(notice("truck-n1", "b2", "break_started", start.plusSeconds(5), ""))
                .startsWith("rejected on_break truck truck-n1 is on a break since");
        assertThat(notice("truck-n1", "b3", "break_ended", end, "")).isEqualTo("applied working");
        assertThat(notice("truck-n1", "b3", "break_ended", end, "")).isEqualTo("duplicate working");
        assertThat(send("truck-n1", "b4", "{\"version\":1,\"updateId\":\"b4\",\"event\":\"break_started\",\"ts\":\""
                + start + "\"}")).isEqualTo("rejected null a break_started update needs version 2");

        assertThat(DispatchTestDb.column(harness.db(), "SELECT (started_at = ?::timestamptz) || ' ' || (ended_at = "
                + "?::timestamptz) || ' ' || start_update_id || ' ' || end_update_id FROM truck_breaks WHERE truck_id = ?",
                start.toString(), end.toString(), "truck-n1")).containsExactly("true true b1 b3");
    }

    @Test
    void aFullBinNotOnTheRouteBecomesOneUrgentJob() throws Exception {
        Instant seen = NOW.plusSeconds(120);
        String reply = notice("truck-s1", "f1", "full_bin", seen, ",\"binId\":\"seen-full\",\"reason\":\"overflowing\"");
        assertThat(reply).isEqualTo("applied open");
        assertThat(notice("truck-s1", "f1", "full_bin", seen, ",\"binId\":\"seen-full\"")).isEqualTo("duplicate open");
        assertThat(notice("truck-s1", "f2", "full_bin", seen, ",\"binId\":\"no-such-bin\""))
                .isEqualTo("rejected null there is no bin no-such-bin");
        assertThat(notice("truck-s1", "f3", "full_bin", seen, "")).isEqualTo("rejected null a full_bin update needs the "
                + "binId of the full bin");

        // One job, opened by the truck; the running planner may have planned and dispatched it since.
        assertThat(DispatchTestDb.column(harness.db(), "SELECT j.reason || ' ' || j.priority || ' ' || e.to_state || ' ' "
                + "|| e.actor || ' ' || j.cause FROM jobs j JOIN job_events e ON e.job_id = j.id "
                + "WHERE j.bin_id = ? AND e.from_state IS NULL",
                "seen-full")).containsExactly("manual urgent open truck-s1 reported full by truck truck-s1: overflowing");
    }

    private static String notice(String truck, String updateId, String event, Instant ts, String extra) throws Exception {
        return send(truck, updateId, "{\"version\":2,\"updateId\":\"" + updateId + "\",\"event\":\"" + event
                + "\",\"ts\":\"" + ts + "\"" + extra + "}");
    }

    /** Sends an update and returns the reply as "status state" or "status state detail". */
    private static String send(String truck, String updateId, String payload) throws Exception {
        int before = repliesTo(updateId).size();
        harness.publishRaw(harness.prefix + "trucks/" + truck + "/updates", payload.getBytes(StandardCharsets.UTF_8));
        DispatchTestDb.await("the reply to " + updateId, DispatchHarness.WAIT, () -> repliesTo(updateId).size() > before);
        List<InboundMessage> replies = repliesTo(updateId);
        JsonNode reply = JSON.readTree(replies.get(replies.size() - 1).payload());
        String text = reply.get("status").asText() + " " + reply.get("state").asText();
        return reply.get("detail").isNull() ? text : text + " " + reply.get("detail").asText();
    }

    private static List<InboundMessage> repliesTo(String updateId) {
        return harness.truckReplies.stream().filter(m -> updateIdOf(m).equals(updateId)).toList();
    }

    private static String updateIdOf(InboundMessage message) {
        try {
            return JSON.readTree(message.payload()).path("updateId").asText("");
        } catch (java.io.IOException e) {
            return "";
        }
    }
}
