package org.clearway.api;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.clearway.api.app.ApiConfig;
import org.clearway.api.app.ApiService;
import org.clearway.api.security.TokenRegistry;
import org.clearway.core.config.Env;
import org.clearway.core.db.Migrations;
import org.clearway.core.db.PartitionMaintenance;
import org.clearway.testsupport.TestInfrastructure;
import org.clearway.testsupport.TestSchema;

/**
 * One dashboard API on its own schema of the test database, with a small city and one token per
 * role and zone:
 *
 * <pre>
 * d1 (district) ─ s1 (street) ─ c1 (community): b1 (residual, state, readings), b2 (kitchen, retired)
 *                             └ c2 (community): b3 (recyclable)
 * d2 (district) ─ s2 (street) ─ c3 (community): b4 (residual)
 * </pre>
 */
final class ApiHarness implements AutoCloseable {
    /** Plain token to role:zone. */
    static final Map<String, String> TOKENS = Map.of(
            "admin-city", "admin:*",
            "admin-c1", "admin:c1",
            "viewer-city", "viewer:*",
            "viewer-c1", "viewer:c1",
            "operator-c1", "operator:c1",
            "operator-c2", "operator:c2",
            "dispatcher-s1", "dispatcher:s1",
            "operator-city", "operator:*");
    /** Whole hours, two days ago: readings every 10 minutes from here for two hours. */
    static final Instant BASE = Instant.now().truncatedTo(ChronoUnit.DAYS).minus(Duration.ofDays(2)).plus(Duration.ofHours(6));

    final TestSchema schema;
    private final Vertx vertx = Vertx.vertx();
    private final HttpClient http = HttpClient.newHttpClient();
    private final ApiService service;
    private final String base;
    private final ResponseContract contract = new ResponseContract(vertx);

    ApiHarness(String name, Clock clock, Map<String, String> extraEnv) throws SQLException {
        schema = TestSchema.create(name);
        Migrations.apply(schema.dataSource(), schema.name(), Duration.ofDays(400));
        new PartitionMaintenance(schema.dataSource(), Clock.systemUTC(), Duration.ofDays(30), Duration.ofDays(400),
                Duration.ofDays(30)).run();
        seed(schema.dataSource());
        var db = TestInfrastructure.database();
        Map<String, String> env = new HashMap<>(Map.of(
                "CLEARWAY_DB_URL", schema.jdbcUrl(),
                "CLEARWAY_DB_USER", db.user(),
                "CLEARWAY_DB_PASSWORD", db.password() == null ? "" : db.password(),
                "CLEARWAY_API_HOST", "127.0.0.1",
                "CLEARWAY_API_PORT", "0",
                "CLEARWAY_API_MIGRATE", "false",
                "CLEARWAY_API_BURST", "1000000",
                "CLEARWAY_API_TOKENS", tokenSpec()));
        // Every request reads afresh unless a test asks for reuse: the tests change data between requests.
        env.put("CLEARWAY_API_ZONES_MAX_AGE", "0s");
        env.put("CLEARWAY_API_ASSESSMENT_MAX_AGE", "0s");
        env.putAll(extraEnv);
        service = new ApiService(ApiConfig.from(new Env(env)), clock, vertx);
        base = "http://127.0.0.1:" + service.start();
    }

    static String tokenSpec() {
        return TOKENS.entrySet().stream().map(e -> TokenRegistry.sha256(e.getKey()) + "=" + e.getValue())
                .collect(Collectors.joining(","));
    }

    record Response(int status, Map<String, java.util.List<String>> headers, String body) {
        JsonObject json() {
            return new JsonObject(body);
        }

        String header(String name) {
            return headers.getOrDefault(name.toLowerCase(java.util.Locale.ROOT), java.util.List.of()).stream()
                    .findFirst().orElse(null);
        }

        String errorCode() {
            return json().getJsonObject("error").getString("code");
        }
    }

    Response get(String token, String path) {
        return send(token, "GET", path, null, null);
    }

    Response post(String token, String path, JsonObject body) {
        return send(token, "POST", path, body == null ? null : body.encode(), body == null ? null : "application/json");
    }

    Response patch(String token, String path, JsonObject body) {
        return send(token, "PATCH", path, body.encode(), "application/json");
    }

    Response send(String token, String method, String path, String body, String contentType) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(20))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            Response answer = new Response(response.statusCode(), response.headers().map(), response.body());
            contract.check(method, path, answer);
            return answer;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A request with exactly these headers (a console's cookie, its header). */
    Response sendWith(Map<String, String> headers, String method, String path, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(20))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(request::header);
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            Response answer = new Response(response.statusCode(), response.headers().map(), response.body());
            contract.check(method, path, answer);
            return answer;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    String base() {
        return base;
    }

    java.net.URI uri(String path) {
        return URI.create(base + path);
    }

    DataSource db() {
        return schema.dataSource();
    }

    void sql(String sql, Object... args) throws SQLException {
        try (Connection c = db().getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                Object arg = args[i];
                ps.setObject(i + 1, arg instanceof Instant t ? OffsetDateTime.ofInstant(t, ZoneOffset.UTC) : arg);
            }
            ps.execute();
        }
    }

    private void seed(DataSource ds) throws SQLException {
        sql("INSERT INTO zones (id, parent_id, level, name) VALUES ('d1', NULL, 'district', 'District 1'),"
                + " ('s1', 'd1', 'street', 'Street 1'), ('c1', 's1', 'community', 'Community 1'),"
                + " ('c2', 's1', 'community', 'Community 2'), ('d2', NULL, 'district', 'District 2'),"
                + " ('s2', 'd2', 'street', 'Street 2'), ('c3', 's2', 'community', 'Community 3')");
        sql("INSERT INTO bins (id, zone_id, stream, volume_l, depth_mm, sensor_offset_mm, lat, lon, threshold_pct, retired_at) VALUES"
                + " ('b1', 'c1', 'residual', 240, 1000, 50, 31.20, 121.40, NULL, NULL),"
                + " ('b2', 'c1', 'kitchen', 120, 800, 0, 31.21, 121.41, 70, now()),"
                + " ('b3', 'c2', 'recyclable', 660, 1200, 0, 31.30, 121.50, NULL, NULL),"
                + " ('b4', 'c3', 'residual', 240, 1000, 0, 30.00, 120.00, NULL, NULL)");
        // b1: two hours of readings every 10 minutes, fill 10, 12, ..., 32 (first hour 10..20, second 22..32).
        for (int i = 0; i < 12; i++) {
            Instant t = BASE.plus(Duration.ofMinutes(10L * i));
            sql("INSERT INTO readings (bin_id, measured_at, received_at, fill_pct, battery_pct, alarms) VALUES (?, ?, ?, ?, 90, ?)",
                    "b1", t, t.plusSeconds(1), 10.0 + 2 * i, i == 11 ? new String[] {"fire"} : null);
        }
        Instant last = BASE.plus(Duration.ofMinutes(110));
        sql("INSERT INTO bin_state (bin_id, measured_at, received_at, fill_pct, battery_pct, alarms, last_seen_at)"
                + " VALUES ('b1', ?, ?, 32, 90, ARRAY['fire'], ?)", last, last.plusSeconds(1), last.plusSeconds(1));
        sql("INSERT INTO bin_state (bin_id, measured_at, received_at, fill_pct, last_seen_at) VALUES ('b4', ?, ?, 55, ?)",
                last, last, last);
        sql("INSERT INTO rejected_messages (received_at, last_received_at, topic, bin_id, reason, detail, message_sha256, payload)"
                + " VALUES (?, ?, 'bins/b1/telemetry', 'b1', 'out_of_range', 'fill 150 > 100', '\\x01', convert_to('{\"fill\":150}', 'UTF8')),"
                + " (?, ?, 'bins/b3/telemetry', 'b3', 'not_json', 'not JSON', '\\x02', '\\x7b7b'),"
                + " (?, ?, 'bins/zz/oops', NULL, 'bad_topic', 'no such topic', '\\x03', '\\x00')",
                BASE, BASE, BASE.plusSeconds(60), BASE.plusSeconds(60), BASE.plusSeconds(120), BASE.plusSeconds(120));
    }

    @Override
    public void close() {
        service.close();
        vertx.close().await();
        schema.close();
    }
}
