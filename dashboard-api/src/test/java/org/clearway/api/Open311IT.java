package org.clearway.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Open311 GeoReport v2 against the real database: the service list, reports posted as a form and as
 * JSON, tied to the nearest active bin and a job (reused by a second report), status following the
 * job, contact details never served, errors in the specification's shape.
 */
class Open311IT {
    static final String BASE = "/open311/v2";
    /** About 11 m north of bin b1 (31.20, 121.40) in community c1. */
    static final String NEAR_B1_LAT = "31.2001";
    static final String NEAR_B1_LON = "121.40";
    static ApiHarness api;

    @BeforeAll
    static void start() throws Exception {
        // The per-address limits have their own test (Open311RateLimitIT).
        api = new ApiHarness("api_open311", Clock.systemUTC(),
                Map.of("CLEARWAY_OPEN311_POST_BURST", "100000", "CLEARWAY_OPEN311_READ_BURST", "100000"));
    }

    @AfterAll
    static void stop() {
        api.close();
    }

    @Test
    void theServiceListIsPublic() {
        ApiHarness.Response r = api.get(null, BASE + "/services.json");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.header("Content-Type")).startsWith("application/json");
        JsonArray services = new JsonArray(r.body());
        assertThat(services.stream().map(o -> ((JsonObject) o).getString("service_code")))
                .containsExactly("overflowing_bin", "damaged_bin", "illegal_dumping");
        JsonObject first = services.getJsonObject(0);
        assertThat(first.fieldNames()).containsExactlyInAnyOrder("service_code", "service_name", "description",
                "metadata", "type", "keywords", "group");
        assertThat(first.getBoolean("metadata")).isFalse();
        assertThat(first.getString("type")).isEqualTo("realtime");

        ApiHarness.Response definition = api.get(null, BASE + "/services/damaged_bin.json");
        assertThat(definition.status()).isEqualTo(200);
        assertThat(definition.json()).isEqualTo(new JsonObject().put("service_code", "damaged_bin")
                .put("attributes", new JsonArray()));
        assertSpecError(api.get(null, BASE + "/services/recycling_info.json"), 404, "not found");
    }

    @Test
    void xmlIsRefusedWithAClearMessage() {
        assertSpecError(api.get(null, BASE + "/services.xml"), 400, "XML is not supported");
        assertSpecError(api.get(null, BASE + "/services/damaged_bin.xml"), 400, "XML is not supported");
        assertSpecError(api.get(null, BASE + "/requests.xml"), 400, "XML is not supported");
    }

    @Test
    void aFormReportNearABinOpensAJobWithItsEventInTheSameTransaction() throws SQLException {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("service_code", "overflowing_bin");
        form.put("lat", NEAR_B1_LAT);
        form.put("long", NEAR_B1_LON);
        form.put("address_string", "Corner of 1st & Main");
        form.put("description", "Bin is overflowing, bags on the ground");
        form.put("email", "ada@example.org");
        form.put("first_name", "Ada");
        form.put("last_name", "Lovelace");
        form.put("phone", "+44 20 7946 0000");
        form.put("device_id", "device-123");
        form.put("api_key", "ignored");
        ApiHarness.Response r = postForm(form);
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        JsonObject answer = new JsonArray(r.body()).getJsonObject(0);
        assertThat(answer.fieldNames()).containsExactlyInAnyOrder("service_request_id", "service_notice", "account_id");
        assertThat(answer.getString("service_notice")).contains("bin b1").contains("opened");
        long id = Long.parseLong(answer.getString("service_request_id"));

        Map<String, Object> report = row("SELECT bin_id, zone_id, job_id, email, device_id FROM citizen_reports WHERE id = ?", id);
        assertThat(report).containsEntry("bin_id", "b1").containsEntry("zone_id", "c1")
                .containsEntry("email", "ada@example.org").containsEntry("device_id", "device-123");
        long jobId = (Long) report.get("job_id");
        assertThat(row("SELECT bin_id, reason, priority, state FROM jobs WHERE id = ?", jobId))
                .containsEntry("bin_id", "b1").containsEntry("reason", "citizen").containsEntry("priority", "normal")
                .containsEntry("state", "open");
        assertThat(row("SELECT count(*) AS n, min(actor) AS actor, min(from_state) AS from_state, min(to_state) AS to_state"
                + " FROM job_events WHERE job_id = ?", jobId))
                .containsEntry("n", 1L).containsEntry("actor", "open311").containsEntry("from_state", null)
                .containsEntry("to_state", "open");
    }

    @Test
    void aSecondReportOfTheSameBinJoinsTheOpenJobAndADamagedBinOpensAMaintenanceJob() throws SQLException {
        long first = post(new JsonObject().put("service_code", "overflowing_bin").put("lat", 31.20005).put("long", 121.40003));
        long second = post(new JsonObject().put("service_code", "overflowing_bin").put("lat", "31.19995").put("long", "121.4"));
        long jobOfFirst = (Long) row("SELECT job_id FROM citizen_reports WHERE id = ?", first).get("job_id");
        long jobOfSecond = (Long) row("SELECT job_id FROM citizen_reports WHERE id = ?", second).get("job_id");
        assertThat(jobOfSecond).isEqualTo(jobOfFirst);
        assertThat(row("SELECT count(*) AS n FROM job_events WHERE job_id = ?", jobOfFirst)).containsEntry("n", 1L);
        assertThat(row("SELECT count(*) AS n FROM jobs WHERE bin_id = 'b1' AND reason = 'citizen'"
                + " AND state NOT IN ('verified', 'skipped', 'failed', 'cancelled')")).containsEntry("n", 1L);

        long damaged = post(new JsonObject().put("service_code", "damaged_bin").put("lat", 31.2).put("long", 121.4)
                .put("description", "lid is broken"));
        long maintenance = (Long) row("SELECT job_id FROM citizen_reports WHERE id = ?", damaged).get("job_id");
        assertThat(row("SELECT reason, priority FROM jobs WHERE id = ?", maintenance))
                .containsEntry("reason", "maintenance").containsEntry("priority", "maintenance");
    }

    @Test
    void dumpingFarFromAnyBinOpensNoJobAndARetiredBinIsNeverChosen() throws SQLException {
        long far = post(new JsonObject().put("service_code", "illegal_dumping").put("lat", 31.25).put("long", 121.45));
        assertThat(row("SELECT bin_id, zone_id, job_id FROM citizen_reports WHERE id = ?", far))
                .containsEntry("bin_id", null).containsEntry("zone_id", null).containsEntry("job_id", null);
        JsonObject served = request(far);
        assertThat(served.getString("status")).isEqualTo("open");
        assertThat(served.getString("status_notes")).contains("No bin within 30 m").contains("passed to the city");
        assertThat(served.getValue("expected_datetime")).isNull();
        // b2 (31.21, 121.41) is retired: a report on its spot finds no bin.
        long atRetired = post(new JsonObject().put("service_code", "overflowing_bin").put("lat", 31.21).put("long", 121.41));
        assertThat(row("SELECT bin_id FROM citizen_reports WHERE id = ?", atRetired)).containsEntry("bin_id", null);
        // Dumping next to a bin is a manual job on it.
        long nearBin = post(new JsonObject().put("service_code", "illegal_dumping").put("lat", 31.30).put("long", 121.50));
        assertThat(row("SELECT r.bin_id, j.reason FROM citizen_reports r JOIN jobs j ON j.id = r.job_id WHERE r.id = ?", nearBin))
                .containsEntry("bin_id", "b3").containsEntry("reason", "citizen");
    }

    @Test
    void theStatusFollowsTheJobToClosed() throws SQLException {
        long id = post(new JsonObject().put("service_code", "overflowing_bin").put("lat", 30.0001).put("long", 120.0));
        long jobId = (Long) row("SELECT job_id FROM citizen_reports WHERE id = ?", id).get("job_id");
        JsonObject open = request(id);
        assertThat(open.getString("status")).isEqualTo("open");
        assertThat(open.getString("status_notes")).isEqualTo("Job " + jobId + " is open and waiting for a truck.");
        Instant due = ((java.time.OffsetDateTime) row("SELECT due_at FROM jobs WHERE id = ?", jobId).get("due_at")).toInstant();
        assertThat(open.getString("expected_datetime")).isEqualTo(due.truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString());
        assertThat(open.getString("service_name")).isEqualTo("Overflowing bin");
        assertThat(open.getString("agency_responsible")).isEqualTo("City waste collection");

        Instant collectedAt = Instant.now().plusSeconds(60);
        api.sql("UPDATE jobs SET state = 'collected', updated_at = ? WHERE id = ?", collectedAt, jobId);
        api.sql("INSERT INTO job_events (job_id, from_state, to_state, at, actor) VALUES (?, 'open', 'collected', ?, 'truck-1')",
                jobId, collectedAt);
        JsonObject closed = request(id);
        assertThat(closed.getString("status")).isEqualTo("closed");
        assertThat(closed.getString("status_notes")).contains("the bin was emptied");
        assertThat(closed.getString("updated_datetime")).isEqualTo(collectedAt.truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString());
        // The status filter sees the computed status.
        assertThat(ids(api.get(null, BASE + "/requests.json?status=closed&service_code=overflowing_bin"))).contains(id);
        assertThat(ids(api.get(null, BASE + "/requests.json?status=open"))).doesNotContain(id);

        api.sql("UPDATE jobs SET state = 'verified' WHERE id = ?", jobId);
        api.sql("INSERT INTO job_events (job_id, from_state, to_state, at, actor) VALUES (?, 'collected', 'verified', ?, 'dispatch')",
                jobId, collectedAt.plusSeconds(600));
        assertThat(request(id).getString("status_notes")).isEqualTo("Job " + jobId + " is done: the bin was emptied and the sensor confirmed it.");

        // A job cancelled while open closes its report, with the reason in the notes.
        long damaged = post(new JsonObject().put("service_code", "damaged_bin").put("lat", 30.0).put("long", 120.0001));
        long maintenance = (Long) row("SELECT job_id FROM citizen_reports WHERE id = ?", damaged).get("job_id");
        api.sql("UPDATE jobs SET state = 'cancelled' WHERE id = ?", maintenance);
        api.sql("INSERT INTO job_events (job_id, from_state, to_state, at, actor, reason) VALUES (?, 'open', 'cancelled', ?, 'dispatcher', 'duplicate of job 7')",
                maintenance, Instant.now().plusSeconds(60));
        JsonObject cancelled = request(damaged);
        assertThat(cancelled.getString("status")).isEqualTo("closed");
        assertThat(cancelled.getString("status_notes")).isEqualTo("Job " + maintenance + " was cancelled: duplicate of job 7.");
    }

    @Test
    void contactDetailsAreNeverServed() {
        JsonObject report = new JsonObject().put("service_code", "damaged_bin").put("lat", 31.3).put("long", 121.5)
                .put("email", "secret.person@example.org").put("first_name", "Secretfirst").put("last_name", "Secretlast")
                .put("phone", "+1 555 0100 999").put("device_id", "secret-device-42");
        long id = post(report);
        List<String> bodies = List.of(api.get(null, BASE + "/requests.json").body(),
                api.get(null, BASE + "/requests/" + id + ".json").body(),
                api.get(null, BASE + "/requests.json?service_request_id=" + id).body());
        for (String body : bodies) {
            assertThat(body).contains("\"service_request_id\":\"" + id + "\"")
                    .doesNotContain("secret.person").doesNotContain("Secretfirst").doesNotContain("Secretlast")
                    .doesNotContain("0100 999").doesNotContain("secret-device").doesNotContain("email")
                    .doesNotContain("phone").doesNotContain("device_id").doesNotContain("first_name");
        }
        JsonObject served = request(id);
        assertThat(served.fieldNames()).containsExactlyInAnyOrder("service_request_id", "status", "status_notes",
                "service_name", "service_code", "description", "agency_responsible", "service_notice",
                "requested_datetime", "updated_datetime", "expected_datetime", "address", "address_id", "zipcode",
                "lat", "long", "media_url");
    }

    @Test
    void requestsAreFilteredAndCappedAsTheSpecificationSays() {
        long a = post(new JsonObject().put("service_code", "illegal_dumping").put("lat", 10).put("long", 10));
        long b = post(new JsonObject().put("service_code", "illegal_dumping").put("lat", 10.5).put("long", 10)
                .put("media_url", "https://example.org/photo.jpg"));
        assertThat(ids(api.get(null, BASE + "/requests.json?service_request_id=" + a + "," + b))).containsExactly(b, a);
        assertThat(ids(api.get(null, BASE + "/requests.json?service_code=illegal_dumping"))).contains(a, b);
        assertThat(ids(api.get(null, BASE + "/requests.json?service_code=damaged_bin"))).doesNotContain(a, b);
        assertThat(ids(api.get(null, BASE + "/requests.json?end_date=2020-01-01T00:00:00Z"))).isEmpty();
        assertThat(request(b).getString("media_url")).isEqualTo("https://example.org/photo.jpg");
        assertSpecError(api.get(null, BASE + "/requests.json?start_date=2026-01-01T00:00:00Z&end_date=2026-06-01T00:00:00Z"),
                400, "at most 90 days");
        assertSpecError(api.get(null, BASE + "/requests.json?start_date=yesterday"), 400, "start_date");
        assertSpecError(api.get(null, BASE + "/requests.json?status=pending"), 400, "status");
        assertSpecError(api.get(null, BASE + "/requests/99999999.json"), 404, "not found");
    }

    @ParameterizedTest(name = "{0} is refused: {1}")
    @CsvSource(delimiter = '|', value = {
            "lat=31.2&long=121.4|service_code is required",
            "service_code=potholes&lat=31.2&long=121.4|potholes is not a service",
            "service_code=overflowing_bin&address_string=Main+St+1|lat and long are required",
            "service_code=overflowing_bin&lat=91&long=121.4|lat must be between -90 and 90",
            "service_code=overflowing_bin&lat=north&long=121.4|lat is not a number",
            "service_code=overflowing_bin&lat=31.2&long=181|long must be between -180 and 180",
            "service_code=overflowing_bin&lat=NaN&long=1|lat must be between",
            "service_code=overflowing_bin&lat=31.2&long=121.4&email=not-an-address|email is not an e-mail address",
            "service_code=overflowing_bin&lat=31.2&long=121.4&media_url=javascript:alert(1)|media_url must be an http or https URL",
            "service_code=overflowing_bin&lat=31.2&long=121.4&phone=call+me|phone may hold digits"})
    void badFormsAre400InTheSpecificationsShape(String form, String message) throws SQLException {
        long before = (Long) row("SELECT count(*) AS n FROM citizen_reports").get("n");
        ApiHarness.Response r = api.send(null, "POST", BASE + "/requests.json", form, "application/x-www-form-urlencoded");
        assertSpecError(r, 400, message);
        assertThat((Long) row("SELECT count(*) AS n FROM citizen_reports").get("n")).isEqualTo(before);
    }

    @Test
    void overlongFieldsJsonShapesAndContentTypesAreRefused() {
        assertSpecError(postJson(new JsonObject().put("service_code", "damaged_bin").put("lat", 1).put("long", 1)
                .put("description", "x".repeat(4001))), 400, "description is longer than 4000");
        assertSpecError(postJson(new JsonObject().put("service_code", "damaged_bin").put("lat", new JsonArray().add(1))
                .put("long", 1)), 400, "lat must be a string or a number");
        assertSpecError(api.send(null, "POST", BASE + "/requests.json", "{not json", "application/json"), 400, "not valid JSON");
        assertSpecError(api.send(null, "POST", BASE + "/requests.json", "service_code=damaged_bin", "text/plain"), 415,
                "x-www-form-urlencoded");
    }

    @Test
    void multipartFormsAreAcceptedToo() throws SQLException {
        String boundary = "clearway-boundary-42";
        StringBuilder body = new StringBuilder();
        for (String[] field : new String[][] {{"service_code", "damaged_bin"}, {"lat", "10.25"}, {"long", "20.5"},
                {"description", "multipart report"}}) {
            body.append("--").append(boundary).append("\r\nContent-Disposition: form-data; name=\"").append(field[0])
                    .append("\"\r\n\r\n").append(field[1]).append("\r\n");
        }
        body.append("--").append(boundary).append("--\r\n");
        ApiHarness.Response r = api.send(null, "POST", BASE + "/requests.json", body.toString(),
                "multipart/form-data; boundary=" + boundary);
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        long id = Long.parseLong(new JsonArray(r.body()).getJsonObject(0).getString("service_request_id"));
        assertThat(row("SELECT service_code, description, lat FROM citizen_reports WHERE id = ?", id))
                .containsEntry("service_code", "damaged_bin").containsEntry("description", "multipart report")
                .containsEntry("lat", 10.25);
    }

    @Test
    void theDashboardTokensStillGuardEverythingElse() {
        assertThat(api.get(null, "/bins").status()).isEqualTo(401);
        assertThat(api.get("viewer-city", "/bins").status()).isEqualTo(200);
    }

    static void assertSpecError(ApiHarness.Response r, int status, String message) {
        assertThat(r.status()).as(r.body()).isEqualTo(status);
        JsonArray errors = new JsonArray(r.body());
        assertThat(errors).hasSize(1);
        assertThat(errors.getJsonObject(0).fieldNames()).containsExactlyInAnyOrder("code", "description");
        assertThat(errors.getJsonObject(0).getInteger("code")).isEqualTo(status);
        assertThat(errors.getJsonObject(0).getString("description")).contains(message);
    }

    static ApiHarness.Response postForm(Map<String, String> form) {
        String body = form.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
        return api.send(null, "POST", BASE + "/requests.json", body, "application/x-www-form-urlencoded");
    }

    static ApiHarness.Response postJson(JsonObject body) {
        return api.send(null, "POST", BASE + "/requests.json", body.encode(), "application/json");
    }

    static long post(JsonObject body) {
        ApiHarness.Response r = postJson(body);
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return Long.parseLong(new JsonArray(r.body()).getJsonObject(0).getString("service_request_id"));
    }

    static JsonObject request(long id) {
        ApiHarness.Response r = api.get(null, BASE + "/requests/" + id + ".json");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        JsonArray one = new JsonArray(r.body());
        assertThat(one).hasSize(1);
        return one.getJsonObject(0);
    }

    static List<Long> ids(ApiHarness.Response r) {
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        List<Long> ids = new ArrayList<>();
        new JsonArray(r.body()).forEach(o -> ids.add(Long.parseLong(((JsonObject) o).getString("service_request_id"))));
        return ids;
    }

    static Map<String, Object> row(String sql, Object... args) throws SQLException {
        try (Connection c = api.db().getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                assertThat(rs.next()).as("a row from %s", sql).isTrue();
                Map<String, Object> row = new LinkedHashMap<>();
                for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                    Object value = rs.getObject(i);
                    row.put(rs.getMetaData().getColumnLabel(i), value instanceof java.sql.Timestamp
                            ? rs.getObject(i, java.time.OffsetDateTime.class) : value);
                }
                return row;
            }
        }
    }
}
