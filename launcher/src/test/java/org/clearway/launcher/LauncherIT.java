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

/** The all-in-one launcher against the test database and broker: the simulator's readings reach the store. */
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
            new CommandLine(launcher).parseArgs("--bins", "20", "--speed", "100000", "--rate", "500", "--http-port", "0", "--api-port", "0",
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
            }
        }
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
