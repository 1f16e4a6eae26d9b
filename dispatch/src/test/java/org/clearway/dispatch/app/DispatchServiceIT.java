package org.clearway.dispatch.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
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

/** Readings through the real broker into the dispatch service and the real database: which jobs come out. */
class DispatchServiceIT {

    private static final Instant NOW = Instant.parse("2026-11-28T08:00:00Z");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static DispatchHarness harness;
    private static DispatchService service;

    @BeforeAll
    static void start() throws Exception {
        harness = new DispatchHarness("dispatch_service", FakeClock.at(NOW), Map.of());
        for (String bin : List.of("threshold", "fire", "alarms", "spike", "distance", "batch", "emptied", "after-garbage")) {
            harness.registerBin(bin, 1000, 0);
        }
        service = harness.startService();
        harness.awaitConsumer();
    }

    @AfterAll
    static void stop() {
        harness.close();
    }

    @Test
    void aThresholdCrossingConfirmedByTheNextReadingCreatesOneJob() throws Exception {
        Instant t = NOW.minus(Duration.ofHours(3));
        harness.publishFills("threshold", t, 50, 60, 70, 85);
        harness.awaitDecided("threshold", t);
        assertThat(harness.jobs("threshold", "threshold")).as("one reading above is not enough").isZero();

        harness.publish("threshold", DispatchHarness.reading(t.plus(Duration.ofMinutes(15)), 90));
        DispatchTestDb.await("the threshold job", DispatchHarness.WAIT, () -> harness.jobs("threshold", "threshold") == 1);
        harness.publishFills("threshold", t.plus(Duration.ofMinutes(90)), 92, 95, 97, 99, 99);
        harness.awaitDecided("threshold", t.plus(Duration.ofMinutes(90)));

        assertThat(harness.jobs("threshold", "threshold")).isEqualTo(1);
        assertThat(DispatchTestDb.column(harness.db(), "SELECT state || ' ' || priority || ' ' || cause FROM jobs "
                + "WHERE bin_id = 'threshold'")).containsExactly("open normal fill 85.0 % reached the threshold of 80 %");
        assertThat(DispatchTestDb.column(harness.db(), "SELECT coalesce(e.from_state, '-') || '>' || e.to_state || ' ' "
                + "|| e.actor || ' ' || (e.at = ?::timestamptz) FROM job_events e JOIN jobs j ON j.id = e.job_id "
                + "WHERE j.bin_id = 'threshold'", t.plus(Duration.ofMinutes(15)).toString()))
                .containsExactly("->open engine true");
    }

    @Test
    void theLeaderReportsItsRoleAndItsCounters() throws Exception {
        assertThat(harness.http(service, "/health"))
                .isEqualTo("200 {\"status\":\"UP\",\"role\":\"leader\",\"database\":\"UP\",\"broker\":\"UP\"}");
        assertThat(harness.http(service, "/metrics")).startsWith("200 ").contains("clearway_dispatch_leader{service=\"dispatch\"} 1.0");
    }

    @Test
    void aFireAlarmCreatesAnUrgentJobDueAtOnce() throws Exception {
        Instant t = NOW.minus(Duration.ofMinutes(10));
        harness.publish("fire", DispatchHarness.reading(t, 30, "fire"));
        DispatchTestDb.await("the fire job", DispatchHarness.WAIT, () -> harness.jobs("fire", "fire_alarm") == 1);

        assertThat(DispatchTestDb.column(harness.db(), "SELECT priority || ' ' || (due_at = ?::timestamptz) FROM jobs "
                + "WHERE bin_id = 'fire'", t.toString())).containsExactly("urgent true");
    }

    @Test
    void aSingleSpikeCreatesNothing() throws Exception {
        Instant t = NOW.minus(Duration.ofHours(2));
        harness.publishFills("spike", t, 50, 50, 97, 50, 50);
        harness.awaitDecided("spike", t);

        assertThat(DispatchTestDb.count(harness.db(), "SELECT count(*) FROM jobs WHERE bin_id = 'spike'")).isZero();
        assertThat(harness.counter(service, "clearway.dispatch.spikes", null, null)).isGreaterThanOrEqualTo(1);
    }

    @Test
    void distancesAreConvertedWithTheBinsGeometry() throws Exception {
        Instant t = NOW.minus(Duration.ofHours(4));
        for (int i = 0; i < 3; i++) {
            int distanceMm = new int[] {500, 150, 100}[i];
            harness.publish("distance", "{\"ts\":\"" + t.plus(Duration.ofMinutes(15L * i)) + "\",\"distanceMm\":" + distanceMm + "}");
        }
        DispatchTestDb.await("the threshold job", DispatchHarness.WAIT, () -> harness.jobs("distance", "threshold") == 1);

        assertThat(DispatchTestDb.column(harness.db(), "SELECT cause FROM jobs WHERE bin_id = 'distance'"))
                .containsExactly("fill 85.0 % reached the threshold of 80 %");
    }

    @Test
    void aBatchIsDecidedInTimeOrder() throws Exception {
        Instant t = NOW.minus(Duration.ofHours(5));
        harness.publish("batch", "[" + DispatchHarness.reading(t.plus(Duration.ofMinutes(30)), 90) + ","
                + DispatchHarness.reading(t, 50) + "," + DispatchHarness.reading(t.plus(Duration.ofMinutes(15)), 88) + "]");
        DispatchTestDb.await("the threshold job", DispatchHarness.WAIT, () -> harness.jobs("batch", "threshold") == 1);
    }

    @Test
    void anEmptyingNoJobExplainsIsRecorded() throws Exception {
        Instant t = NOW.minus(Duration.ofHours(6));
        harness.publishFills("emptied", t, 60, 62, 64, 5, 4);
        DispatchTestDb.await("the unplanned emptying", DispatchHarness.WAIT, () -> DispatchTestDb.count(harness.db(),
                "SELECT count(*) FROM unplanned_emptyings WHERE bin_id = 'emptied'") == 1);

        assertThat(DispatchTestDb.column(harness.db(), "SELECT (at = ?::timestamptz) || ' ' || from_pct || ' ' || to_pct "
                + "FROM unplanned_emptyings WHERE bin_id = 'emptied'", t.minus(Duration.ofMinutes(15)).toString()))
                .containsExactly("true 62 5");
    }

    @Test
    void invalidMessagesAndUnknownBinsAreSkippedAndTheRestGoesOn() throws Exception {
        double invalidBefore = harness.counter(service, "clearway.dispatch.messages", "outcome", "invalid");
        double unknownBefore = harness.counter(service, "clearway.dispatch.messages", "outcome", "unknown_bin");
        Instant t = NOW.minus(Duration.ofHours(1));
        harness.publish("after-garbage", "{not json");
        harness.publish("never-registered", DispatchHarness.reading(t, 99));
        harness.publishRaw(harness.prefix + "bins/after-garbage/telemetry", "{\"ts\":\"yesterday\",\"fill\":5}"
                .getBytes(StandardCharsets.UTF_8));
        harness.publish("after-garbage", DispatchHarness.reading(t, 20));
        harness.awaitDecided("after-garbage", t);
        // outcomes are counted after their batch's commit, so the counts may trail the state
        DispatchTestDb.await("the skipped messages counted", DispatchHarness.WAIT, () ->
                harness.counter(service, "clearway.dispatch.messages", "outcome", "invalid") - invalidBefore >= 2
                && harness.counter(service, "clearway.dispatch.messages", "outcome", "unknown_bin") - unknownBefore >= 1);

        assertThat(harness.counter(service, "clearway.dispatch.messages", "outcome", "invalid") - invalidBefore).isEqualTo(2);
        assertThat(harness.counter(service, "clearway.dispatch.messages", "outcome", "unknown_bin") - unknownBefore).isEqualTo(1);
        assertThat(DispatchTestDb.count(harness.db(), "SELECT count(*) FROM bin_decisions WHERE bin_id = 'never-registered'")).isZero();
    }

    @Test
    void everyJobHasItsOpenEventAndIsPublishedWithItsBin() throws Exception {
        Instant t = NOW.minus(Duration.ofMinutes(20));
        harness.publish("alarms", DispatchHarness.reading(t, 35, "fire", "tilt"));
        DispatchTestDb.await("the maintenance job", DispatchHarness.WAIT, () -> harness.jobs("alarms", "maintenance") == 1);
        assertThat(harness.jobs("alarms", "fire_alarm")).isEqualTo(1);
        long id = Long.parseLong(DispatchTestDb.column(harness.db(), "SELECT id FROM jobs WHERE bin_id = 'alarms' AND reason = 'maintenance'").get(0));

        DispatchTestDb.await("job " + id + " published", DispatchHarness.WAIT, () -> harness.jobMessages.stream()
                .anyMatch(m -> m.topic().equals(harness.prefix + "dispatch/jobs/" + id)));
        InboundMessage message = harness.jobMessages.stream()
                .filter(m -> m.topic().equals(harness.prefix + "dispatch/jobs/" + id)).findFirst().orElseThrow();
        JsonNode job = JSON.readTree(message.payload());
        assertThat(job.get("version").asInt()).isEqualTo(1);
        assertThat(job.get("jobId").asLong()).isEqualTo(id);
        assertThat(job.get("reason").asText()).isEqualTo("maintenance");
        assertThat(job.get("priority").asText()).isEqualTo("maintenance");
        assertThat(job.get("state").asText()).isEqualTo("open");
        assertThat(Instant.parse(job.get("dueAt").asText())).isEqualTo(t.plus(Duration.ofHours(24)));
        assertThat(job.get("bin").get("lat").asDouble()).isEqualTo(31.23);
        assertThat(job.get("bin").get("stream").asText()).isEqualTo("residual");
        DispatchTestDb.await("the publication recorded", DispatchHarness.WAIT, () -> DispatchTestDb.count(harness.db(),
                "SELECT count(*) FROM jobs WHERE id = ? AND announced_at IS NOT NULL", id) == 1);

        assertThat(DispatchTestDb.count(harness.db(), "SELECT count(*) FROM jobs j WHERE NOT EXISTS (SELECT 1 FROM "
                + "job_events e WHERE e.job_id = j.id AND e.from_state IS NULL AND e.to_state = 'open')")).isZero();
        assertThat(DispatchTestDb.count(harness.db(), "SELECT count(*) FROM job_events WHERE from_state IS NULL"))
                .isEqualTo(DispatchTestDb.count(harness.db(), "SELECT count(*) FROM jobs"));
    }
}
