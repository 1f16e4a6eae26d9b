package org.clearway.deploy;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
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

/**
 * A small simulated city in a schema of its own, for the dashboards' SQL: 40 bins in two communities, three days of
 * readings every 15 minutes, their latest state, rejected messages, and (from {@value #OPERATIONS}) trucks, positions,
 * shifts, routes, jobs with their events, collections, unplanned emptyings and citizen reports. The time range is the
 * last three days.
 */
final class GrafanaCity implements AutoCloseable {
    static final String OPERATIONS = "/grafana-city-operations.sql";
    /** Every district and community of the city, as Grafana renders a multi-value variable in SQL. */
    static final String ALL_DISTRICTS = "'north'";
    static final String ALL_COMMUNITIES = "'north-main-1','north-main-2'";

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

    private final TestSchema schema;
    private final Instant from;
    private final Instant to;
    private final String allStreams;

    private GrafanaCity(TestSchema schema, Instant from, Instant to, String allStreams) {
        this.schema = schema;
        this.from = from;
        this.to = to;
        this.allStreams = allStreams;
    }

    static GrafanaCity build(String schemaPrefix) throws SQLException {
        TestSchema schema = TestSchema.create(schemaPrefix);
        try {
            Migrations.apply(schema.dataSource(), schema.name(), Duration.ofDays(400));
            new PartitionMaintenance(schema.dataSource(), Clock.systemUTC(), Duration.ofDays(7), Duration.ofDays(400),
                    Duration.ofDays(30)).run();
            try (Connection c = schema.dataSource().getConnection(); Statement s = c.createStatement()) {
                s.execute(CITY);
                s.execute(resource(OPERATIONS));
            }
            Instant to = Instant.now().truncatedTo(ChronoUnit.SECONDS).plusSeconds(1);
            GrafanaCity city = new GrafanaCity(schema, to.minus(Duration.ofDays(3)), to, "");
            String streams = city.rows("SELECT code FROM waste_streams ORDER BY code").stream()
                    .map(r -> "'" + r.get("code") + "'").collect(Collectors.joining(","));
            return new GrafanaCity(schema, city.from, to, streams);
        } catch (SQLException | RuntimeException e) {
            schema.close();
            throw e;
        }
    }

    Instant from() {
        return from;
    }

    Instant to() {
        return to;
    }

    String allStreams() {
        return allStreams;
    }

    /** The macros of the last three days at {@code interval}, every variable at All but the given ones. */
    GrafanaMacros macros(String interval, Map<String, String> variables) {
        return macros(from, to, interval, variables);
    }

    GrafanaMacros macros(Instant rangeFrom, Instant rangeTo, String interval, Map<String, String> variables) {
        // The zone selector at All is the whole city: its custom all value is '*'.
        Map<String, String> all = new LinkedHashMap<>(Map.of("stream", allStreams, "district", ALL_DISTRICTS,
                "community", ALL_COMMUNITIES, "zone", "'*'"));
        all.putAll(variables);
        return new GrafanaMacros(rangeFrom, rangeTo, interval, all);
    }

    /** The rows of a panel's query, every variable at All, {@code $__interval} one hour. */
    List<Map<String, Object>> panel(String title) throws SQLException {
        return query(text(title), macros("1h", Map.of()));
    }

    List<Map<String, Object>> panel(String title, Map<String, String> variables) throws SQLException {
        return query(text(title), macros("1h", variables));
    }

    static String text(String panel) {
        return Dashboards.sqlQueries().stream().filter(q -> q.panel().equals(panel)).findFirst()
                .orElseThrow(() -> new AssertionError("no panel " + panel)).text();
    }

    List<Map<String, Object>> query(String sql, GrafanaMacros macros) throws SQLException {
        return rows(macros.expand(sql));
    }

    List<Map<String, Object>> rows(String sql) throws SQLException {
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

    String schemaName() {
        return schema.name();
    }

    void execute(String sql) throws SQLException {
        try (Connection c = schema.dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    /** The rows of a query run as {@code role} with {@code searchPath}, in a transaction that is rolled back. */
    List<Map<String, Object>> rowsAs(String role, String searchPath, String sql) throws SQLException {
        List<Map<String, Object>> rows = new ArrayList<>();
        try (Connection c = schema.dataSource().getConnection()) {
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                s.execute("SET LOCAL ROLE \"" + role + "\"");
                s.execute("SET LOCAL search_path = \"" + searchPath + "\"");
                try (ResultSet rs = s.executeQuery(sql)) {
                    ResultSetMetaData meta = rs.getMetaData();
                    while (rs.next()) {
                        Map<String, Object> row = new LinkedHashMap<>();
                        for (int i = 1; i <= meta.getColumnCount(); i++) {
                            row.put(meta.getColumnLabel(i), rs.getObject(i));
                        }
                        rows.add(row);
                    }
                }
            } finally {
                c.rollback();
                c.setAutoCommit(true);
            }
        }
        return rows;
    }

    static double number(Object value) {
        return value instanceof BigDecimal d ? d.doubleValue() : ((Number) value).doubleValue();
    }

    private static String resource(String name) {
        try (InputStream in = GrafanaCity.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("no test resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        schema.close();
    }
}
