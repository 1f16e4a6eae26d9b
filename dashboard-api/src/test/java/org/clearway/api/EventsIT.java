package org.clearway.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The live stream: job changes written to the database reach the stream of their zone only, a client resumes after
 * the Last-Event-ID it got, bin states and alarms arrive, the stream limits hold, and /metrics shows the series.
 * Waits are bounds for something to arrive, never assertions on speed.
 */
class EventsIT {
    static final Duration WAIT = Duration.ofSeconds(15);
    static final Duration QUIET = Duration.ofMillis(1500);
    static ApiHarness api;

    @BeforeAll
    static void start() throws Exception {
        api = new ApiHarness("api_events", Clock.systemUTC(), OperationsFixture.env(Map.of(
                "CLEARWAY_API_SSE_POLL", "100ms", "CLEARWAY_API_SSE_SETTLE", "200ms", "CLEARWAY_API_SSE_GAP_WAIT", "1s",
                "CLEARWAY_API_SSE_HEARTBEAT", "1s", "CLEARWAY_API_SSE_CLIENTS_PER_TOKEN", "2",
                "CLEARWAY_API_SSE_MAX_CLIENTS", "20")));
        OperationsFixture.seed(api);
    }

    @AfterAll
    static void stop() {
        api.close();
    }

    @Test
    void aJobWrittenToTheDatabaseIsStreamedToItsZoneAndResumedAfterLastEventId() throws Exception {
        String first;
        try (SseClient stream = opened("viewer-c1", null)) {
            long mine = OperationsFixture.job(api, "b1", "manual", "normal", "open", null);
            long foreign = OperationsFixture.job(api, "b4", "manual", "normal", "open", null);
            long mineAgain = OperationsFixture.job(api, "b1", "maintenance", "maintenance", "open", null);
            SseClient.Event e1 = stream.next(WAIT);
            assertThat(e1).isNotNull();
            assertThat(e1.type()).isEqualTo("job");
            assertThat(e1.data().getLong("id")).isEqualTo(mine);
            assertThat(e1.data().getString("binId")).isEqualTo("b1");
            assertThat(e1.data().getJsonObject("event").getString("to")).isEqualTo("open");
            SseClient.Event e2 = stream.next(WAIT);
            // The other district's job never comes: the next event is the next of this zone.
            assertThat(e2.data().getLong("id")).as("job %d of c3 must not be streamed", foreign).isEqualTo(mineAgain);
            first = e1.id();
        }
        long whileAway = OperationsFixture.job(api, "b3", "manual", "normal", "open", null);
        // Resumed after the first event: the one after it, then the one written while away, nothing twice.
        try (SseClient stream = opened("operator-c1", first)) {
            List<SseClient.Event> events = stream.drain(QUIET.plusSeconds(1));
            assertThat(events.stream().map(e -> e.data().getString("binId"))).containsExactly("b1");
        }
        try (SseClient stream = opened("dispatcher-s1", first)) {
            List<SseClient.Event> events = stream.drain(QUIET.plusSeconds(1));
            assertThat(events.stream().map(e -> e.data().getLong("id")).toList()).endsWith(whileAway);
            assertThat(events).hasSize(2);
        }
        // The query parameter does the same for clients that cannot set headers.
        try (SseClient stream = SseClient.open(api, "dispatcher-s1", null, "?lastEventId=" + first)) {
            assertThat(stream.status()).isEqualTo(200);
            assertThat(stream.drain(QUIET.plusSeconds(1))).hasSize(2);
        }
    }

    @Test
    void aRolledBackJobEventIdIsPassedAfterTheGapWait() throws Exception {
        try (SseClient stream = opened("viewer-c1", null)) {
            try (Connection c = api.db().getConnection()) {
                c.setAutoCommit(false);
                long job = OperationsFixture.job(api, "b1", "forecast", "normal", "open", null);
                try (PreparedStatement ps = c.prepareStatement(
                        "INSERT INTO job_events (job_id, from_state, to_state, at, actor) VALUES (?, 'open', 'cancelled', now(), 'x')")) {
                    ps.setLong(1, job);
                    ps.executeUpdate();
                }
                c.rollback();
                api.sql("UPDATE jobs SET state = 'cancelled' WHERE id = ?", job);
                api.sql("INSERT INTO job_events (job_id, from_state, to_state, at, actor, reason) VALUES (?, 'open', 'cancelled', now(), 'dispatch', 'test')", job);
                List<SseClient.Event> events = stream.drain(Duration.ofSeconds(4));
                assertThat(events.stream().map(e -> e.data().getJsonObject("event").getString("to")))
                        .containsExactly("open", "cancelled");
            }
        }
    }

    @Test
    void binStatesAndAlarmsOfTheZoneAreStreamed() throws Exception {
        try (SseClient stream = opened("operator-c1", null)) {
            api.sql("UPDATE bin_state SET fill_pct = 77, last_seen_at = now() WHERE bin_id IN ('b1', 'b4')");
            long alarm = OperationsFixture.id(api, "INSERT INTO alarms (bin_id, kind, source, raised_at, last_seen_at)"
                    + " VALUES ('b1', 'tamper', 'sensor', now(), now()) RETURNING id");
            OperationsFixture.id(api, "INSERT INTO alarms (bin_id, kind, source, raised_at, last_seen_at)"
                    + " VALUES ('b4', 'lid_open', 'sensor', now(), now()) RETURNING id");
            List<SseClient.Event> events = stream.drain(QUIET);
            assertThat(events.stream().map(e -> e.type() + ":" + e.data().getString("binId")))
                    .containsExactlyInAnyOrder("bin_state:b1", "alarm:b1");
            assertThat(events.stream().filter(e -> e.type().equals("bin_state")).findFirst().orElseThrow().data()
                    .getDouble("fillPct")).isEqualTo(77.0);
            assertThat(api.post("operator-c1", "/alarms/" + alarm + "/acknowledge", null).status()).isEqualTo(200);
            SseClient.Event acked = stream.next(WAIT);
            assertThat(acked.type()).isEqualTo("alarm");
            assertThat(acked.data().getString("state")).isEqualTo("acknowledged");
            assertThat(stream.awaitComment(": heartbeat", WAIT)).isNotNull();
        }
    }

    @Test
    void everyRoleMayStreamWithinTheLimits() throws Exception {
        for (String token : new String[] {"viewer-c1", "operator-c1", "dispatcher-s1", "admin-city"}) {
            try (SseClient stream = opened(token, null)) {
                assertThat(stream.contentType()).startsWith("text/event-stream");
            }
        }
        try (SseClient one = opened("viewer-c3", null); SseClient two = opened("viewer-c3", null)) {
            assertThat(List.of(one.status(), two.status())).containsOnly(200);
            SseClient three = SseClient.open(api, "viewer-c3", null, null);
            assertThat(three.status()).isEqualTo(429);
            assertThat(three.body()).contains("too_many_streams");
            try (SseClient other = opened("viewer-city", null)) {
                assertThat(other.status()).isEqualTo(200);
            }
        }
        // Closed streams free their slots (the server notices the closed connection).
        long deadline = System.nanoTime() + WAIT.toNanos();
        int status = 0;
        while (System.nanoTime() < deadline && status != 200) {
            try (SseClient again = SseClient.open(api, "viewer-c3", null, null)) {
                status = again.status();
            }
            Thread.sleep(100);
        }
        assertThat(status).isEqualTo(200);
    }

    @Test
    void badResumeIdsAndOtherMediaTypesAreRefused() throws Exception {
        SseClient bad = SseClient.open(api, "viewer-c1", "not-an-id", null);
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.body()).contains("bad_cursor");
        var request = java.net.http.HttpRequest.newBuilder(api.uri("/events")).header("Accept", "application/json")
                .header("Authorization", "Bearer viewer-c1").build();
        var response = java.net.http.HttpClient.newHttpClient().send(request, java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(406);
    }

    @Test
    void metricsShowRequestsAuthFailuresAndStreams() throws Exception {
        api.get(null, "/jobs");
        api.get("viewer-c1", "/trucks");
        api.get("admin-city", "/jobs/1");
        try (SseClient stream = opened("admin-city", null)) {
            assertThat(stream.status()).isEqualTo(200);
            ApiHarness.Response metrics = api.get(null, "/metrics");
            assertThat(metrics.status()).isEqualTo(200);
            String text = metrics.body();
            assertThat(text).containsPattern("http_server_requests_seconds_count\\{[^}]*method=\"GET\"[^}]*route=\"/jobs/\\{jobId\\}\"[^}]*service=\"api\"[^}]*status=\"200\"");
            assertThat(text).containsPattern("http_server_requests_seconds_count\\{[^}]*route=\"/jobs\"[^}]*status=\"401\"");
            assertThat(text).containsPattern("clearway_api_auth_failures_total\\{reason=\"unauthorized\",service=\"api\"} [1-9]");
            assertThat(text).containsPattern("clearway_api_auth_failures_total\\{reason=\"forbidden\",service=\"api\"} [1-9]");
            assertThat(text).containsPattern("clearway_api_sse_clients\\{service=\"api\"} [1-9]");
            assertThat(text).contains("clearway_api_rate_limited_total{service=\"api\"}");
            assertThat(text).contains("clearway_api_sse_refused_total{service=\"api\"}");
            // Raw ids never become routes.
            assertThat(text).doesNotContain("route=\"/jobs/1\"");
        }
    }

    @Test
    void theApiStopsWithStreamsOpenAndTheClientSeesTheEnd() throws Exception {
        ApiHarness own = new ApiHarness("api_events_stop", Clock.systemUTC(), OperationsFixture.env(Map.of()));
        try (SseClient stream = opened(own, "viewer-c1", null)) {
            own.close();
            // The stream ends instead of hanging the shutdown or the client.
            assertThat(stream.ended(WAIT)).isTrue();
        }
    }

    private static SseClient opened(String token, String lastEventId) throws Exception {
        return opened(api, token, lastEventId);
    }

    private static SseClient opened(ApiHarness api, String token, String lastEventId) throws Exception {
        SseClient stream = SseClient.open(api, token, lastEventId, null);
        assertThat(stream.status()).as("stream of %s", token).isEqualTo(200);
        assertThat(stream.awaitComment(": stream open at", WAIT)).isNotNull();
        return stream;
    }
}
