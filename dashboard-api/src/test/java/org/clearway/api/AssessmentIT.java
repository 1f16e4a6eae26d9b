package org.clearway.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The community assessment of a simulated quarter, 2026-Q3 (92 days, 2208 hours), whose figures
 * are worked out by hand below, on ApiHarness's city:
 *
 * <pre>
 * c1: b1 (hourly readings all quarter; 100 % at 10:00, 11:00, 12:00 on 10 July: 3 overflow hours),
 *     b2 (never reports). Jobs collected after 2 h, 4 h, 6 h (two verified); 200 + 240 L residual,
 *     100 L kitchen. Two citizen reports (and one in Q4).
 * c2: b3 (hourly until 15 August; 100 % at 08:00 and 09:00 on 20 July: 2 h, and in its last reading:
 *     2 h by the gap cap), b5 (registered 1 September, hourly from then). One job, 1.5 h, verified,
 *     600 L recyclable. One citizen report.
 * c3: b4 (hourly all quarter but 01:00 to 04:00 on 1 August; 100 % at the first hour of the quarter
 *     (1 h), at 00:00 on 1 August before the gap (2 h by the cap), at the last hour (1 h); and at 22:30
 *     and 23:30 the evening before the quarter, which do not count). A collection after the quarter only.
 * </pre>
 */
class AssessmentIT {
    static final String EVIL_NAME = "<script>alert(\"x\")</script> & Co";
    static final String FORMULA_NAME = "=cmd|' /C calc'!A0, Street 1";
    static ApiHarness api;

    @BeforeAll
    static void start() throws Exception {
        api = new ApiHarness("api_assessment", Clock.systemUTC(), Map.of());
        api.sql("SELECT clearway_ensure_reading_partitions(DATE '2026-06-30', DATE '2026-10-01')");
        api.sql("UPDATE bins SET created_at = '2026-01-01T00:00Z'");
        api.sql("UPDATE zones SET name = ? WHERE id = 'c3'", EVIL_NAME);
        api.sql("UPDATE zones SET name = ? WHERE id = 'c2'", FORMULA_NAME);
        api.sql("INSERT INTO bins (id, zone_id, stream, volume_l, depth_mm, lat, lon, created_at)"
                + " VALUES ('b5', 'c2', 'recyclable', 240, 1000, 31.31, 121.51, '2026-09-01T00:00Z')");
        hourly("b1", "2026-07-01T00:00Z", "2026-09-30T23:00Z", 50,
                "'2026-07-10T10:00Z', '2026-07-10T11:00Z', '2026-07-10T12:00Z'", "");
        hourly("b3", "2026-07-01T00:00Z", "2026-08-15T23:00Z", 30,
                "'2026-07-20T08:00Z', '2026-07-20T09:00Z', '2026-08-15T23:00Z'", "");
        hourly("b5", "2026-09-01T00:00Z", "2026-09-30T23:00Z", 10, "'1970-01-01T00:00Z'", "");
        hourly("b4", "2026-07-01T00:00Z", "2026-09-30T23:00Z", 20,
                "'2026-07-01T00:00Z', '2026-08-01T00:00Z', '2026-09-30T23:00Z'",
                " AND t NOT BETWEEN '2026-08-01T01:00Z' AND '2026-08-01T04:00Z'");
        api.sql("INSERT INTO readings (bin_id, measured_at, received_at, fill_pct)"
                + " VALUES ('b4', '2026-06-30T22:30Z', '2026-06-30T22:30Z', 100), ('b4', '2026-06-30T23:30Z', '2026-06-30T23:30Z', 100)");
        job("b1", "threshold", "verified", "2026-07-05T08:00Z", "2026-07-05T10:00Z", "residual", "c1", 200, 40);
        job("b1", "forecast", "verified", "2026-07-10T12:00Z", "2026-07-10T16:00Z", "residual", "c1", 240, 50);
        job("b2", "threshold", "collected", "2026-08-01T00:00Z", "2026-08-01T06:00Z", "kitchen", "c1", 100, 20);
        job("b3", "manual", "verified", "2026-07-20T08:00Z", "2026-07-20T09:30Z", "recyclable", "c2", 600, 30);
        job("b4", "threshold", "verified", "2026-09-30T22:00Z", "2026-10-01T01:00Z", "residual", "c3", 500, 90);
        report("c1", "2026-07-02T09:00Z");
        report("c1", "2026-09-30T23:59Z");
        report("c1", "2026-10-01T00:00Z");
        report("c2", "2026-08-02T09:00Z");
    }

    @AfterAll
    static void stop() {
        api.close();
    }

    @Test
    void theQuarterFiguresAreExactlyTheHandComputedOnes() {
        JsonObject a = ok(api.get("viewer-city", "/assessment?quarter=2026-Q3")).json();
        assertThat(a.getString("from")).isEqualTo("2026-07-01T00:00:00Z");
        assertThat(a.getString("to")).isEqualTo("2026-10-01T00:00:00Z");
        assertThat(a.getJsonObject("zone").getString("id")).isEqualTo("*");
        JsonArray cs = a.getJsonArray("communities");
        assertThat(cs.stream().map(o -> ((JsonObject) o).getString("zoneId"))).containsExactly("c1", "c2", "c3");

        JsonObject c1 = cs.getJsonObject(0);
        assertThat(c1.getInteger("rank")).isEqualTo(1);
        assertThat(c1.getLong("bins")).isEqualTo(2);
        near(c1, "binDays", 184);
        near(c1, "overflowBinHours", 3);
        near(c1, "overflowPer1000BinDays", 3.0 / 184 * 1000);
        near(c1, "responseMedianHours", 4);
        near(c1, "responseP90Hours", 5.6);
        assertThat(c1.getLong("pickupsCollected")).isEqualTo(3);
        assertThat(c1.getLong("pickupsVerified")).isEqualTo(2);
        near(c1, "verifiedShare", 2.0 / 3);
        assertThat(c1.getLong("expectedReports")).isEqualTo(2 * 2208);
        assertThat(c1.getLong("observedReports")).isEqualTo(2208);
        near(c1, "sensorUptime", 0.5);
        assertThat(c1.getJsonObject("volumeByStreamL").getMap()).containsExactlyInAnyOrderEntriesOf(
                Map.of("hazardous", 0.0, "kitchen", 100.0, "recyclable", 0.0, "residual", 440.0));
        near(c1, "totalVolumeL", 540);
        near(c1, "weightKg", 110);
        near(c1, "recyclableShare", 100.0 / 540);
        assertThat(c1.getLong("citizenReports")).isEqualTo(2);

        JsonObject c2 = cs.getJsonObject(1);
        assertThat(c2.getString("name")).isEqualTo(FORMULA_NAME);
        assertThat(c2.getLong("bins")).isEqualTo(2);
        near(c2, "binDays", 92 + 30);
        near(c2, "overflowBinHours", 4);
        near(c2, "overflowPer1000BinDays", 4.0 / 122 * 1000);
        near(c2, "responseMedianHours", 1.5);
        near(c2, "responseP90Hours", 1.5);
        near(c2, "verifiedShare", 1);
        assertThat(c2.getLong("expectedReports")).isEqualTo(2208 + 720);
        assertThat(c2.getLong("observedReports")).isEqualTo(46 * 24 + 720);
        near(c2, "sensorUptime", (46.0 * 24 + 720) / (2208 + 720));
        near(c2, "recyclableShare", 1);
        assertThat(c2.getLong("citizenReports")).isEqualTo(1);

        JsonObject c3 = cs.getJsonObject(2);
        assertThat(c3.getString("name")).isEqualTo(EVIL_NAME);
        assertThat(c3.getInteger("rank")).isEqualTo(3);
        near(c3, "binDays", 92);
        near(c3, "overflowBinHours", 4);
        near(c3, "overflowPer1000BinDays", 4.0 / 92 * 1000);
        assertThat(c3.getValue("responseMedianHours")).isNull();
        assertThat(c3.getValue("verifiedShare")).isNull();
        assertThat(c3.getLong("pickupsCollected")).isZero();
        assertThat(c3.getLong("observedReports")).isEqualTo(2208 - 4);
        near(c3, "totalVolumeL", 0);
        assertThat(c3.getValue("recyclableShare")).isNull();
        assertThat(c3.getLong("citizenReports")).isZero();
    }

    @Test
    void explicitTimesGiveTheSameAnswerAsTheQuarter() {
        JsonArray byQuarter = ok(api.get("viewer-city", "/assessment?quarter=2026-Q3")).json().getJsonArray("communities");
        JsonArray byTimes = ok(api.get("viewer-city", "/assessment?from=2026-07-01T00:00:00Z&to=2026-10-01T00:00:00Z"))
                .json().getJsonArray("communities");
        assertThat(byTimes).isEqualTo(byQuarter);
    }

    @Test
    void theCsvParsesBackToTheSameFigures() {
        ApiHarness.Response r = ok(api.get("viewer-city", "/assessment.csv?quarter=2026-Q3&zone=d1"));
        assertThat(r.header("Content-Type")).startsWith("text/csv");
        assertThat(r.header("Content-Disposition")).isEqualTo("attachment; filename=\"assessment-d1-2026-Q3.csv\"");
        assertThat(r.body()).endsWith("\r\n");
        List<List<String>> rows = parseCsv(r.body());
        assertThat(rows).hasSize(3);
        List<String> header = rows.get(0);
        assertThat(header).startsWith("rank", "zone_id", "community", "bins", "bin_days", "overflow_bin_hours",
                "overflow_per_1000_bin_days").contains("volume_l_residual", "recyclable_share", "citizen_reports");
        List<String> c1 = rows.get(1);
        assertThat(c1.get(header.indexOf("zone_id"))).isEqualTo("c1");
        assertThat(c1.get(header.indexOf("rank"))).isEqualTo("1");
        assertThat(c1.get(header.indexOf("bin_days"))).isEqualTo("184");
        assertThat(c1.get(header.indexOf("overflow_per_1000_bin_days"))).isEqualTo("16.3043");
        assertThat(c1.get(header.indexOf("response_p90_h"))).isEqualTo("5.6");
        assertThat(c1.get(header.indexOf("volume_l_residual"))).isEqualTo("440");
        assertThat(c1.get(header.indexOf("sensor_uptime"))).isEqualTo("0.5");
        List<String> c2 = rows.get(2);
        // A name a spreadsheet would run as a formula is defused; the comma and quotes survive the round trip.
        assertThat(c2.get(header.indexOf("community"))).isEqualTo("'" + FORMULA_NAME);
        assertThat(c2.get(header.indexOf("recyclable_share"))).isEqualTo("1");
        assertThat(c2.get(header.indexOf("response_median_h"))).isEqualTo("1.5");
    }

    @Test
    void theHtmlReportNamesEveryCommunityAndEscapesTheirNames() {
        ApiHarness.Response r = ok(api.get("viewer-city", "/assessment/report.html?quarter=2026-Q3"));
        assertThat(r.header("Content-Type")).startsWith("text/html");
        String html = r.body();
        assertThat(html).startsWith("<!DOCTYPE html>").contains("Community assessment: Whole city, 2026-Q3")
                .contains("Community 1").contains("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; Co")
                .contains("=cmd|&#39; /C calc&#39;!A0, Street 1")
                .contains("Definitions").contains("Overflow bin-hours").contains("Sensor uptime")
                .contains("1 Jul 2026 to 30 Sep 2026").contains("Generated ")
                .doesNotContain("<script").doesNotContain("src=").doesNotContain("<link");
        assertThat(html.indexOf("Community 1")).isLessThan(html.indexOf("=cmd|&#39;"));
        // c1's ranking row: overflow per 1,000 bin-days, response median and p90, verified share, uptime.
        assertThat(html).contains("Community 1</a></td><td>2</td><td>16.3</td><td>4</td><td>5.6</td><td>66.7 %</td><td>50 %</td>");
    }

    @ParameterizedTest(name = "{0} with zone ''{1}'' sees {2}")
    @CsvSource({
            "viewer-c1, , c1",
            "operator-c2, , c2",
            "dispatcher-s1, , c1 c2",
            "viewer-city, d2, c3",
            "viewer-city, s1, c1 c2",
            "viewer-city, c2, c2",
            "dispatcher-s1, c1, c1"})
    void eachTokenSeesTheCommunitiesOfItsZone(String token, String zone, String expected) {
        String query = "/assessment?quarter=2026-Q3" + (zone == null ? "" : "&zone=" + zone);
        JsonArray cs = ok(api.get(token, query)).json().getJsonArray("communities");
        assertThat(cs.stream().map(o -> ((JsonObject) o).getString("zoneId"))).containsExactly(expected.split(" "));
    }

    @Test
    void anOfficerOfOneCommunitySeesNothingOfAnother() {
        for (String path : List.of("/assessment", "/assessment.csv", "/assessment/report.html")) {
            for (String zone : List.of("c2", "s1", "d1", "nowhere")) {
                ApiHarness.Response r = api.get("viewer-c1", path + "?quarter=2026-Q3&zone=" + zone);
                assertThat(r.status()).as("%s zone %s", path, zone).isEqualTo(404);
                assertThat(r.errorCode()).isEqualTo("not_found");
                assertThat(r.body()).doesNotContain("Community 2").doesNotContain("c3");
            }
        }
        String own = ok(api.get("viewer-c1", "/assessment/report.html?quarter=2026-Q3")).body();
        assertThat(own).contains("Community 1").doesNotContain("calc").doesNotContain("alert");
        assertThat(api.get(null, "/assessment?quarter=2026-Q3").status()).isEqualTo(401);
    }

    /** Issue 15: without a period the report is the current quarter's, counted up to now, never a 400. */
    @Test
    void withoutAPeriodTheAssessmentIsTheCurrentQuarters() {
        java.time.LocalDate today = java.time.LocalDate.now(java.time.ZoneOffset.UTC);
        String quarter = today.getYear() + "-Q" + ((today.getMonthValue() - 1) / 3 + 1);
        JsonObject a = ok(api.get("viewer-city", "/assessment")).json();
        assertThat(a.getString("quarter")).isEqualTo(quarter);
        assertThat(java.time.Instant.parse(a.getString("countedUntil"))).isBefore(java.time.Instant.parse(a.getString("to")));
        assertThat(ok(api.get("viewer-c1", "/assessment/report.html")).body()).contains(quarter);
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource({
            "/assessment?from=2026-07-01T00:00:00Z, bad_range",
            "/assessment?quarter=2026-Q3&from=2026-07-01T00:00:00Z&to=2026-08-01T00:00:00Z, bad_range",
            "/assessment?from=2026-08-01T00:00:00Z&to=2026-07-01T00:00:00Z, bad_range",
            "/assessment?from=2025-01-01T00:00:00Z&to=2026-01-03T00:00:00Z, range_too_large",
            "/assessment.csv?quarter=2026-Q5, invalid_request"})
    void periodsAreCheckedAndCappedAtAYear(String path, String code) {
        ApiHarness.Response r = api.get("viewer-city", path);
        assertThat(r.status()).as(r.body()).isEqualTo(400);
        assertThat(r.errorCode()).isEqualTo(code);
    }

    private static void hourly(String bin, String from, String to, double fill, String fullAt, String extra)
            throws java.sql.SQLException {
        api.sql("INSERT INTO readings (bin_id, measured_at, received_at, fill_pct)"
                + " SELECT ?, t, t, CASE WHEN t IN (" + fullAt + ") THEN 100 ELSE ? END"
                + " FROM generate_series(?::timestamptz, ?::timestamptz, interval '1 hour') t WHERE true" + extra,
                bin, fill, from, to);
    }

    private static void job(String bin, String reason, String state, String created, String collected, String stream,
                            String zone, double volumeL, double weightKg) throws java.sql.SQLException {
        api.sql("WITH j AS (INSERT INTO jobs (bin_id, reason, priority, state, due_at, created_at, updated_at)"
                + " VALUES (?, ?, 'normal', ?, ?::timestamptz, ?::timestamptz, ?::timestamptz) RETURNING id)"
                + " INSERT INTO collections (job_id, bin_id, stream, zone_id, weight_kg, volume_l, collected_at)"
                + " SELECT id, ?, ?, ?, ?, ?, ?::timestamptz FROM j",
                bin, reason, state, created, created, collected, bin, stream, zone, weightKg, volumeL, collected);
    }

    private static void report(String zone, String at) throws java.sql.SQLException {
        api.sql("INSERT INTO citizen_reports (service_code, lat, lon, zone_id, requested_at, updated_at)"
                + " VALUES ('overflowing_bin', 31.2, 121.4, ?, ?::timestamptz, ?::timestamptz)", zone, at, at);
    }

    private static ApiHarness.Response ok(ApiHarness.Response r) {
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r;
    }

    private static void near(JsonObject o, String field, double expected) {
        assertThat(o.getDouble(field)).as(field).isCloseTo(expected, within(1e-9));
    }

    /** An RFC 4180 reader: quoted fields with doubled quotes, CRLF line ends. */
    static List<List<String>> parseCsv(String text) {
        List<List<String>> rows = new ArrayList<>();
        List<String> row = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            if (quoted) {
                if (ch == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (ch == '"') {
                    quoted = false;
                } else {
                    field.append(ch);
                }
            } else if (ch == '"') {
                quoted = true;
            } else if (ch == ',') {
                row.add(field.toString());
                field.setLength(0);
            } else if (ch == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                row.add(field.toString());
                field.setLength(0);
                rows.add(row);
                row = new ArrayList<>();
                i++;
            } else {
                field.append(ch);
            }
        }
        assertThat(field.length()).as("text after the last CRLF").isZero();
        return rows;
    }
}
