package org.clearway.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.clearway.testsupport.TestInfrastructure;
import org.clearway.testsupport.TestSchema;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * The all-in-one launcher against the test database and broker: the simulator's readings reach the
 * store, and a simulated truck of the demonstration fleet drives a route to a job, which dispatch
 * moves to collected with a collections row.
 */
class LauncherIT {
    @Test
    void runsIngestWithTheSimulatorFeedingIt() throws Exception {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        try (TestSchema schema = TestSchema.create("launcher")) {
            Map<String, String> env = new HashMap<>();
            env.put("CLEARWAY_DB_URL", schema.jdbcUrl());
            env.put("CLEARWAY_DB_USER", schema.endpoint().user());
            env.put("CLEARWAY_DB_PASSWORD", schema.endpoint().password() == null ? "" : schema.endpoint().password());
            env.put("CLEARWAY_MQTT_URL", TestInfrastructure.broker().serverUri());
            env.put("CLEARWAY_TOPIC_PREFIX", "launcher-" + tag + "/");
            env.put("CLEARWAY_INGEST_CLIENT_ID", "launcher-ingest-" + tag);
            env.put("CLEARWAY_INGEST_SHARE_GROUP", "launcher-" + tag);
            env.put("CLEARWAY_DISPATCH_CLIENT_ID", "launcher-dispatch-" + tag);
            env.put("CLEARWAY_DISPATCH_SHARE_GROUP", "launcher-dispatch-" + tag);
            env.put("CLEARWAY_API_TOKENS", sha256("launcher-test-token") + "=viewer:*");
            ClearwayLauncher launcher = new ClearwayLauncher();
            new CommandLine(launcher).parseArgs("--bins", "20", "--speed", "1000", "--rate", "500", "--http-port", "0", "--api-port", "0",
                    "--dispatch-port", "0");
            try (ClearwayLauncher.RunningSystem system = launcher.start(env)) {
                long deadline = System.nanoTime() + 60_000_000_000L;
                long readings = 0;
                while (readings < 50 && System.nanoTime() < deadline) {
                    Thread.sleep(200);
                    readings = count(schema, "SELECT count(*) FROM readings");
                }
                assertThat(readings).isGreaterThanOrEqualTo(50);
                assertThat(count(schema, "SELECT count(*) FROM bins")).isEqualTo(20);
                assertThat(count(schema, "SELECT count(*) FROM trucks")).as("the demonstration fleet").isPositive();
                HttpResponse<String> health = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + system.httpPort() + "/health")).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(health.statusCode()).isEqualTo(200);
                HttpResponse<String> bins = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + system.apiPort() + "/bins?limit=5"))
                        .header("Authorization", "Bearer launcher-test-token").build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(bins.statusCode()).isEqualTo(200);
                assertThat(bins.body()).contains("\"items\"");

                aTruckCollectsAJob(schema, system, "launcher-" + tag + "/");
            }
        }
    }

    /**
     * Plays the planner: a job dispatched to truck-n1 and its route, retained. At speed 1000 the
     * simulated clock is days behind now, so the job is dated before it and the route at it.
     */
    private static void aTruckCollectsAJob(TestSchema schema, ClearwayLauncher.RunningSystem system, String prefix)
            throws Exception {
        java.time.Instant simNow = system.simulatedTime().orElseThrow().now();
        long jobId;
        String binId;
        double lat;
        double lon;
        try (Connection c = schema.dataSource().getConnection()) {
            try (Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT id, lat, lon FROM bins ORDER BY id LIMIT 1")) {
                rs.next();
                binId = rs.getString(1);
                lat = rs.getDouble(2);
                lon = rs.getDouble(3);
            }
            java.sql.Timestamp created = java.sql.Timestamp.from(simNow.minus(java.time.Duration.ofHours(1)));
            try (var ps = c.prepareStatement("INSERT INTO jobs (bin_id, reason, priority, state, due_at, truck_id,"
                    + " created_at, updated_at, announced_at) VALUES (?, 'manual', 'normal', 'dispatched', ?, 'truck-n1', ?, ?, ?)"
                    + " RETURNING id")) {
                ps.setString(1, binId);
                ps.setTimestamp(2, java.sql.Timestamp.from(simNow.plus(java.time.Duration.ofDays(1))));
                ps.setTimestamp(3, created);
                ps.setTimestamp(4, created);
                ps.setTimestamp(5, created);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    jobId = rs.getLong(1);
                }
            }
            try (var ps = c.prepareStatement("INSERT INTO job_events (job_id, from_state, to_state, at, actor)"
                    + " VALUES (?, NULL, 'dispatched', ?, 'launcher-test')")) {
                ps.setLong(1, jobId);
                ps.setTimestamp(2, created);
                ps.executeUpdate();
            }
        }
        String route = "{\"version\":1,\"truckId\":\"truck-n1\",\"shiftDate\":\"2026-11-28\",\"revision\":1,"
                + "\"publishedAt\":\"" + simNow + "\",\"stops\":[{\"seq\":1,\"kind\":\"bin\",\"jobId\":" + jobId
                + ",\"binId\":\"" + binId + "\",\"lat\":" + lat + ",\"lon\":" + lon + "}]}";
        try (var mqtt = new org.clearway.core.mqtt.PahoMqttSession(org.clearway.core.mqtt.MqttClientSettings.publisher(
                new org.clearway.core.config.MqttConfig(TestInfrastructure.broker().serverUri(), "", "", prefix),
                "launcher-planner-" + prefix.replace("/", ""), 10))) {
            mqtt.start();
            long connectBy = System.nanoTime() + 30_000_000_000L;
            while (!mqtt.isConnected() && System.nanoTime() < connectBy) {
                Thread.sleep(50);
            }
            mqtt.publish(prefix + "trucks/truck-n1/route", route.getBytes(java.nio.charset.StandardCharsets.UTF_8), 1,
                    true).get(30, java.util.concurrent.TimeUnit.SECONDS);
            long deadline = System.nanoTime() + 90_000_000_000L;
            while (count(schema, "SELECT count(*) FROM collections WHERE job_id = " + jobId) == 0
                    && System.nanoTime() < deadline) {
                Thread.sleep(200);
            }
            // Withdraw the retained route so that it does not outlive the test on a shared broker.
            mqtt.publish(prefix + "trucks/truck-n1/route", new byte[0], 1, true).get(30, java.util.concurrent.TimeUnit.SECONDS);
        }
        assertThat(count(schema, "SELECT count(*) FROM collections WHERE job_id = " + jobId))
                .as("a collections row for job %d (trucks: %s)", jobId, system.truckStats().map(t -> t.line()).orElse("none"))
                .isEqualTo(1);
        assertThat(count(schema, "SELECT count(*) FROM job_events WHERE job_id = " + jobId + " AND actor = 'truck-n1'"))
                .as("accepted, arrived, collected by the truck").isEqualTo(3);
        assertThat(system.truckStats().orElseThrow().rejected()).isZero();
    }

    private static String sha256(String text) throws Exception {
        return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                .digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }

    private static long count(TestSchema schema, String sql) throws Exception {
        try (Connection c = schema.dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
