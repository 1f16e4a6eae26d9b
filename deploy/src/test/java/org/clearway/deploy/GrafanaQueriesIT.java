package org.clearway.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.clearway.core.db.Migrations;
import org.clearway.core.db.PartitionMaintenance;
import org.clearway.testsupport.TestSchema;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every SQL query of the provisioned dashboards, with Grafana's macros and variables filled in,
 * against the real schema holding a small simulated city: 40 bins, three days of readings every
 * 15 minutes, their latest state, and rejected messages. Each query must run and return rows, for
 * several values of {@code $__interval}; the overflow, threshold and silence panels must find the
 * bins seeded for them.
 */
class GrafanaQueriesIT {
    private static final List<String> INTERVALS = List.of("30s", "5m", "1h", "1d");
    /** bin-001 overflows for 6 hours a day ago; bin-002 went silent 2 days ago; bin-039 never reported; bin-040 is retired. */
    private static final String CITY = """
            INSERT INTO zones (id, parent_id, level, name) VALUES
                ('north', NULL, 'district', 'North'),
                ('north-main', 'north', 'street', 'Main Street'),
                ('north-main-1', 'north-main', 'community', 'Main Street 1'),
                ('north-main-2', 'north-main', 'community', 'Main Street 2');

            INSERT INTO bins (id, zone_id, stream, volume_l, depth_mm, lat, lon, threshold_pct, created_at, retired_at)
            SELECT format('bin-%s', lpad(n::text, 3, '0')),
                   CASE WHEN n % 2 = 0 THEN 'north-main-1' ELSE 'north-main-2' END,
                   (ARRAY['kitchen', 'recyclable', 'hazardous', 'residual'])[1 + n % 4],
                   240, 1000, 31.23 + n * 0.001, 121.47 + n * 0.001,
                   CASE WHEN n = 3 THEN 50 END,
                   now() - interval '10 days',
                   CASE WHEN n = 40 THEN now() - interval '1 day' END
              FROM generate_series(1, 40) AS n;

            INSERT INTO readings (bin_id, measured_at, received_at, fill_pct, battery_pct, seq)
            SELECT b.id, t, t + interval '3 seconds',
                   CASE WHEN b.id = 'bin-001' AND t >= now() - interval '30 hours' AND t < now() - interval '24 hours' THEN 100
                        ELSE ((extract(epoch FROM t) / 3600 + b.n * 7) % 48) * 2 END,
                   95 - b.n, (extract(epoch FROM t) / 900)::bigint
              FROM (SELECT id, substring(id FROM 5)::int AS n FROM bins) AS b
             CROSS JOIN generate_series(date_trunc('minute', now()) - interval '3 days', now() - interval '1 minute',
                                        interval '15 minutes') AS t
             WHERE b.id <> 'bin-039'
               AND NOT (b.id = 'bin-002' AND t > now() - interval '2 days')
               AND NOT (b.id = 'bin-040' AND t > now() - interval '1 day');

            INSERT INTO bin_state (bin_id, measured_at, received_at, fill_pct, battery_pct, seq, last_seen_at)
            SELECT DISTINCT ON (bin_id) bin_id, measured_at, received_at, fill_pct, battery_pct, seq, received_at
              FROM readings
             ORDER BY bin_id, measured_at DESC;
            UPDATE bin_state SET fill_pct = 70 WHERE bin_id = 'bin-003';
            UPDATE bin_state SET fill_pct = 95 WHERE bin_id = 'bin-004';
            UPDATE bin_state SET fill_pct = 100 WHERE bin_id = 'bin-005';
            UPDATE bin_state SET fill_pct = 99 WHERE bin_id = 'bin-040';

            INSERT INTO rejected_messages (received_at, last_received_at, occurrences, topic, bin_id, item_index, reason,
                                           detail, message_sha256, payload)
            SELECT g.t, g.t, 1 + g.k % 3, 'bins/bin-007/telemetry', 'bin-007', -1, r, 'seeded for the dashboard test',
                   sha256(convert_to(g.t::text || r, 'UTF8')), convert_to('{"ts":"yesterday","fill":5}', 'UTF8')
              FROM generate_series(now() - interval '3 days', now() - interval '1 minute', interval '47 minutes')
                   WITH ORDINALITY AS g(t, k)
             CROSS JOIN unnest(ARRAY['bad_ts', 'not_json', 'unknown_bin', 'out_of_range']) AS r;
            """;

    private static TestSchema schema;
    private static Instant from;
    private static Instant to;
    private static String allStreams;

    @BeforeAll
    static void buildTheCity() throws SQLException {
        schema = TestSchema.create("grafana");
        Migrations.apply(schema.dataSource(), schema.name(), Duration.ofDays(400));
        new PartitionMaintenance(schema.dataSource(), Clock.systemUTC(), Duration.ofDays(7), Duration.ofDays(400),
                Duration.ofDays(30)).run();
        try (Connection c = schema.dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute(CITY);
        }
        to = Instant.now().truncatedTo(ChronoUnit.SECONDS).plusSeconds(1);
        from = to.minus(Duration.ofDays(3));
        allStreams = rows("SELECT code FROM waste_streams ORDER BY code").stream()
                .map(r -> "'" + r.get("code") + "'").collect(Collectors.joining(","));
    }

    @AfterAll
    static void dropTheCity() {
        if (schema != null) {
            schema.close();
        }
    }

    static List<Dashboards.Query> sqlQueries() {
        return Dashboards.sqlQueries();
    }

    @Test
    void theDashboardsHaveTheirSqlPanels() {
        assertThat(sqlQueries()).extracting(Dashboards.Query::panel).contains("Bins by fill band and stream",
                "Fill distribution", "Bins on the map", "Bins over their threshold", "Bins not seen for 24 h",
                "Readings per hour", "Rejects per reason", "Overflow bin-hours", "Overflow bin-hours by bin", "$stream");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("sqlQueries")
    void everyQueryRunsOnTheSchemaAndReturnsRows(Dashboards.Query query) throws SQLException {
        for (String interval : INTERVALS) {
            List<Map<String, Object>> rows = query(query.text(), macros(interval, allStreams));
            assertThat(rows).as(query + " with $__interval = " + interval).isNotEmpty();
        }
    }

    @Test
    void overflowBinHoursComeFromTheReadings() throws SQLException {
        List<Map<String, Object>> total = panel("Overflow bin-hours", allStreams);
        assertThat(total).hasSize(1);
        assertThat(number(total.get(0).get("bin-hours"))).isEqualTo(6.0);
        List<Map<String, Object>> byBin = panel("Overflow bin-hours by bin", allStreams);
        assertThat(byBin).hasSize(1);
        assertThat(byBin.get(0)).containsEntry("bin", "bin-001");
        assertThat(number(byBin.get(0).get("overflow hours"))).isEqualTo(6.0);
        // Half of the overflow lies before a range that starts 27 hours ago.
        Instant rangeEnd = to;
        List<Map<String, Object>> partly = query(text("Overflow bin-hours"),
                new GrafanaMacros(rangeEnd.minus(Duration.ofHours(27)), rangeEnd, "1h", Map.of("stream", allStreams)));
        assertThat(number(partly.get(0).get("bin-hours"))).isBetween(2.75, 3.25);
    }

    @Test
    void binsOverTheirThresholdUseTheBinsOwnThresholdElseTheStreams() throws SQLException {
        List<Map<String, Object>> rows = panel("Bins over their threshold", allStreams);
        assertThat(rows).extracting(r -> r.get("bin")).contains("bin-003", "bin-004", "bin-005").doesNotContain("bin-040");
        assertThat(rows).allSatisfy(r -> assertThat(number(r.get("fill %"))).isGreaterThanOrEqualTo(number(r.get("threshold %"))));
        assertThat(rows).filteredOn(r -> r.get("bin").equals("bin-003")).singleElement()
                .satisfies(r -> assertThat(number(r.get("threshold %"))).isEqualTo(50.0));
        assertThat(number(panel("Over their threshold", allStreams).get(0).get("bins"))).isEqualTo(rows.size());
    }

    @Test
    void binsNotSeenForADayIncludeThoseThatNeverReported() throws SQLException {
        List<Map<String, Object>> rows = panel("Bins not seen for 24 h", allStreams);
        assertThat(rows).extracting(r -> r.get("bin")).containsExactly("bin-039", "bin-002");
        assertThat(number(panel("Silent for 24 h", allStreams).get(0).get("bins"))).isEqualTo(2.0);
    }

    @Test
    void fillBandsAndTheMapCountEveryBinInService() throws SQLException {
        double inService = number(panel("Bins in service", allStreams).get(0).get("bins"));
        assertThat(inService).isEqualTo(39.0);
        double banded = panel("Bins by fill band and stream", allStreams).stream()
                .flatMap(r -> r.entrySet().stream().filter(e -> !e.getKey().equals("stream")))
                .mapToDouble(e -> number(e.getValue())).sum();
        assertThat(banded).isEqualTo(inService);
        List<Map<String, Object>> map = panel("Bins on the map", allStreams);
        assertThat(map).hasSize(39).allSatisfy(r -> assertThat(r).containsKeys("latitude", "longitude", "fill"));
        assertThat(panel("Fill distribution", allStreams)).hasSize(38);
    }

    @Test
    void theStreamSelectorFiltersThePanels() throws SQLException {
        double hazardous = number(rows("SELECT count(*) AS n FROM bins WHERE stream = 'hazardous' AND retired_at IS NULL")
                .get(0).get("n"));
        assertThat(number(panel("Bins in service", "'hazardous'").get(0).get("bins"))).isEqualTo(hazardous);
        assertThat(panel("Readings per hour", "'hazardous'")).extracting(r -> r.get("stream")).containsOnly("Hazardous waste");
        assertThat(panel("Readings per hour", "'hazardous','kitchen'")).extracting(r -> r.get("stream"))
                .containsOnly("Hazardous waste", "Kitchen and food waste");
    }

    @Test
    void rejectsAreCountedPerReasonAndInterval() throws SQLException {
        List<Map<String, Object>> rows = query(text("Rejects per reason"),
                new GrafanaMacros(from, to, "1d", Map.of("stream", allStreams)));
        assertThat(rows).extracting(r -> r.get("reason")).containsOnly("bad_ts", "not_json", "unknown_bin", "out_of_range");
        double total = rows.stream().mapToDouble(r -> number(r.get("rejected"))).sum();
        assertThat(total).isEqualTo(number(panel("Rejected in range", allStreams).get(0).get("rejected")));
    }

    private static List<Map<String, Object>> panel(String title, String streams) throws SQLException {
        return query(text(title), macros("1h", streams));
    }

    private static String text(String panel) {
        return sqlQueries().stream().filter(q -> q.panel().equals(panel)).findFirst()
                .orElseThrow(() -> new AssertionError("no panel " + panel)).text();
    }

    private static GrafanaMacros macros(String interval, String streams) {
        return new GrafanaMacros(from, to, interval, Map.of("stream", streams));
    }

    private static List<Map<String, Object>> query(String sql, GrafanaMacros macros) throws SQLException {
        return rows(macros.expand(sql));
    }

    private static List<Map<String, Object>> rows(String sql) throws SQLException {
        List<Map<String, Object>> rows = new ArrayList<>();
        try (Connection c = schema.dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(sql)) {
            ResultSetMetaData meta = rs.getMetaData();
            while (rs.next()) {
                Map<String, Object> row = new LinkedHashMap<>();
                for (int i = 1; i <= meta.getColumnCount(); i++) {
                    row.put(meta.getColumnLabel(i), rs.getObject(i));
                }
                rows.add(row);
            }
        } catch (SQLException e) {
            throw new SQLException(e.getMessage() + "\nin:\n" + sql, e.getSQLState(), e);
        }
        return rows;
    }

    private static double number(Object value) {
        return value instanceof BigDecimal d ? d.doubleValue() : ((Number) value).doubleValue();
    }
}
