package org.clearway.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.StackTraceElementProxy;
import ch.qos.logback.core.read.ListAppender;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * Issue 5: no secret in logs or error bodies. The database and broker passwords given to ingest never appear in
 * anything it logs, on the good path, on bad input and when the database is unreachable; nor in what it keeps of bad
 * input or serves on /health and /metrics.
 */
class SecretsNotLoggedIT {
    private static final Duration WAIT = Duration.ofSeconds(60);

    @Test
    void passwordsNeverReachTheLogsOrTheOpsEndpoints() throws Exception {
        String dbSecret = "db-canary-" + UUID.randomUUID();
        String mqttSecret = "mqtt-canary-" + UUID.randomUUID();
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        ListAppender<ILoggingEvent> logs = new ListAppender<>();
        logs.start();
        root.addAppender(logs);
        try {
            // The test PostgreSQL trusts local connections and the test broker takes any credentials, so the
            // passwords are accepted and carried everywhere a password goes.
            try (IngestHarness ingest = new IngestHarness("secrets", Clock.systemUTC(), Map.of(
                    "CLEARWAY_DB_PASSWORD", dbSecret, "CLEARWAY_MQTT_USERNAME", "ingest",
                    "CLEARWAY_MQTT_PASSWORD", mqttSecret)).start();
                 TestSensor sensor = new TestSensor(ingest, "sensor-" + ingest.clientId, Instant.now().minusSeconds(600))) {
                ingest.registerBin("bin-s", 1000, 0);
                sensor.publish("bin-s", 0, 5);
                sensor.publishRaw("bin-s", "{\"ts\":\"yesterday\",\"fill\":3}".getBytes(StandardCharsets.UTF_8));
                sensor.publishRaw("nobody", "{\"ts\":\"2026-11-28T08:00:00Z\",\"fill\":3}".getBytes(StandardCharsets.UTF_8));
                IngestHarness.await("the readings and rejections", WAIT, () -> count(ingest, "SELECT count(*) FROM readings") == 5
                        && count(ingest, "SELECT count(*) FROM rejected_messages") == 2);
                String ops = http(ingest, "/health") + http(ingest, "/metrics");
                assertThat(ops).doesNotContain(dbSecret).doesNotContain(mqttSecret);
                assertThat(count(ingest, "SELECT count(*) FROM rejected_messages WHERE detail LIKE '%canary%' "
                        + "OR convert_from(payload, 'UTF8') LIKE '%canary%'")).isZero();
            }
            // The database unreachable: ingest logs its retries, with the URL and the error, never the password.
            IngestHarness unreachable = new IngestHarness("secrets_down", Clock.systemUTC(), Map.of(
                    "CLEARWAY_DB_PASSWORD", dbSecret, "CLEARWAY_MQTT_PASSWORD", mqttSecret));
            unreachable.databaseUrl = u -> "jdbc:postgresql://127.0.0.1:9/clearway?connectTimeout=1";
            Thread starting = Thread.ofPlatform().daemon().start(() -> {
                try {
                    unreachable.start();
                } catch (Exception e) {
                    LoggerFactory.getLogger(SecretsNotLoggedIT.class).warn("start failed", e);
                }
            });
            IngestHarness.await("a logged database failure", WAIT, () -> logged(logs).contains("127.0.0.1:9"));
            starting.interrupt();
            unreachable.close();
        } finally {
            root.detachAppender(logs);
        }
        String everything = logged(logs);
        assertThat(everything).contains("127.0.0.1:9").doesNotContain(dbSecret).doesNotContain(mqttSecret);
    }

    private static String logged(ListAppender<ILoggingEvent> logs) {
        StringBuilder all = new StringBuilder();
        for (ILoggingEvent e : new ArrayList<>(logs.list)) {
            all.append(e.getFormattedMessage()).append('\n');
            for (IThrowableProxy t = e.getThrowableProxy(); t != null; t = t.getCause()) {
                all.append(t.getClassName()).append(": ").append(t.getMessage()).append('\n');
                for (StackTraceElementProxy s : t.getStackTraceElementProxyArray()) {
                    all.append(s.getSTEAsString()).append('\n');
                }
            }
        }
        return all.toString();
    }

    private static String http(IngestHarness ingest, String path) throws Exception {
        var client = java.net.http.HttpClient.newHttpClient();
        var response = client.send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create("http://127.0.0.1:" + ingest.service.httpPort() + path)).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        return response.body();
    }

    private static long count(IngestHarness ingest, String sql) {
        try {
            return ingest.count(sql);
        } catch (java.sql.SQLException e) {
            return -1;
        }
    }
}
