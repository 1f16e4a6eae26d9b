package org.clearway.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.clearway.testsupport.FaultProxy;
import org.junit.jupiter.api.Test;

/**
 * Ingest under failure, against the real broker and database: the database goes away (nothing is
 * acknowledged, nothing lost, storing resumes by itself) and the service is killed mid-run and
 * restarted with the same client id (nothing lost, nothing stored twice).
 */
class ResilienceIT {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private final Instant base = Instant.now().minus(1, ChronoUnit.HOURS);

    @Test
    void holdsEverythingWhileTheDatabaseIsDownAndResumesByItself() throws Exception {
        try (IngestHarness ingest = new IngestHarness("dbdown", Clock.systemUTC(), Map.of());
             FaultProxy proxy = FaultProxy.forJdbcUrl(ingest.schema.jdbcUrl())) {
            ingest.databaseUrl = proxy::rewriteJdbcUrl;
            ingest.start();
            ingest.registerBin("bin-a", 1000, 0);
            try (TestSensor sensor = new TestSensor(ingest, "sensor-dbdown-" + ingest.clientId, base)) {
                sensor.publish("bin-a", 0, 200);
                IngestHarness.await("200 readings", WAIT, () -> count(ingest) == 200);

                proxy.cut();
                sensor.publish("bin-a", 200, 500);
                IngestHarness.await("a failed commit", WAIT, () -> ingest.counter("clearway.ingest.store.failures") > 0);
                assertThat(health(ingest)).contains("\"database\":\"DOWN\"");
                Thread.sleep(1_000);
                assertThat(count(ingest)).as("nothing stored while the database is away").isEqualTo(200);

                proxy.restore();
                IngestHarness.await("500 readings after the database came back", WAIT, () -> count(ingest) == 500);
                IngestHarness.await("health to recover", WAIT, () -> health(ingest).contains("\"status\":\"UP\""));
            }
        }
    }

    @Test
    void reconnectsAndResubscribesWhenTheBrokerConnectionDropsAndLosesNothing() throws Exception {
        try (IngestHarness ingest = new IngestHarness("brokerdown", Clock.systemUTC(), Map.of())) {
            URI broker = URI.create(ingest.brokerUri);
            try (FaultProxy proxy = new FaultProxy(broker.getHost(), broker.getPort())) {
                ingest.brokerUrl = u -> "tcp://127.0.0.1:" + proxy.port();
                ingest.start();
                ingest.registerBin("bin-d", 1000, 0);
                try (TestSensor sensor = new TestSensor(ingest, "sensor-brokerdown-" + ingest.clientId, base)) {
                    IngestHarness.await("ingest to subscribe", WAIT, () -> health(ingest).contains("\"broker\":\"UP\""));
                    sensor.publish("bin-d", 0, 200);
                    IngestHarness.await("200 readings", WAIT, () -> count(ingest) == 200);

                    proxy.cut();
                    IngestHarness.await("health to see the broker gone", WAIT,
                            () -> health(ingest).contains("\"broker\":\"DOWN\""));
                    sensor.publish("bin-d", 200, 500); // queued by the broker for ingest's persistent session
                    proxy.restore();
                    IngestHarness.await("500 readings after reconnecting", WAIT, () -> count(ingest) == 500);
                    IngestHarness.await("health to recover", WAIT, () -> health(ingest).contains("\"status\":\"UP\""));
                }
            }
        }
    }

    @Test
    void acknowledgesNothingUncommittedSoAKillDuringAnOutageLosesNothing() throws Exception {
        try (IngestHarness ingest = new IngestHarness("dbkill", Clock.systemUTC(), Map.of());
             FaultProxy proxy = FaultProxy.forJdbcUrl(ingest.schema.jdbcUrl())) {
            ingest.databaseUrl = proxy::rewriteJdbcUrl;
            ingest.start();
            ingest.registerBin("bin-b", 1000, 0);
            try (TestSensor sensor = new TestSensor(ingest, "sensor-dbkill-" + ingest.clientId, base)) {
                proxy.cut();
                sensor.publish("bin-b", 0, 300);
                IngestHarness.await("a failed commit", WAIT, () -> ingest.counter("clearway.ingest.store.failures") > 0);
                // Had any of the 300 been acknowledged, the broker would not send it again after this kill.
                ingest.service.kill();
                proxy.restore();
                ingest.start();
                IngestHarness.await("300 readings", WAIT, () -> count(ingest) == 300);
            }
        }
    }

    @Test
    void restartedHardMidRunLosesNothingAndStoresNothingTwice() throws Exception {
        try (IngestHarness ingest = new IngestHarness("crash", Clock.systemUTC(),
                Map.of("CLEARWAY_INGEST_BATCH_SIZE", "50"))) {
            ingest.start();
            ingest.registerBin("bin-c", 1000, 0);
            try (TestSensor sensor = new TestSensor(ingest, "sensor-crash-" + ingest.clientId, base)) {
                Thread publisher = Thread.ofPlatform().start(() -> sensor.publish("bin-c", 0, 3_000));
                IngestHarness.await("ingest to be mid-run", WAIT, () -> count(ingest) > 500);
                ingest.restartHard();
                publisher.join();
                IngestHarness.await("3,000 readings", WAIT, () -> count(ingest) == 3_000);
                Thread.sleep(1_000);
                assertThat(count(ingest)).isEqualTo(3_000);
                assertThat(ingest.count("SELECT count(DISTINCT seq) FROM readings WHERE bin_id = 'bin-c'")).isEqualTo(3_000);
            }
        }
    }

    @Test
    void aGracefulStopCommitsAndAcknowledgesWhatItReceived() throws Exception {
        try (IngestHarness ingest = new IngestHarness("graceful", Clock.systemUTC(),
                Map.of("CLEARWAY_INGEST_BATCH_SIZE", "100", "CLEARWAY_INGEST_BATCH_DELAY", "2s"))) {
            ingest.start();
            ingest.registerBin("bin-e", 1000, 0);
            try (TestSensor sensor = new TestSensor(ingest, "sensor-graceful-" + ingest.clientId, base)) {
                sensor.publish("bin-e", 0, 150);
                IngestHarness.await("150 messages received", WAIT,
                        () -> ingest.counter("clearway.ingest.messages.received") >= 150);
                ingest.service.close(); // 50 of them still wait for their batch to fill
                assertThat(count(ingest)).isEqualTo(150);
                // Everything was acknowledged before the disconnect: the next session gets nothing again.
                ingest.start();
                sensor.publish("bin-e", 150, 151);
                IngestHarness.await("151 readings", WAIT, () -> count(ingest) == 151);
                Thread.sleep(1_000);
                assertThat(ingest.counter("clearway.ingest.readings.duplicate")).isZero();
            }
        }
    }

    private static long count(IngestHarness ingest) {
        try {
            return ingest.count("SELECT count(*) FROM readings");
        } catch (java.sql.SQLException e) {
            return -1;
        }
    }

    private static String health(IngestHarness ingest) {
        try {
            return HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + ingest.service.httpPort() + "/health")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
        } catch (Exception e) {
            return e.toString();
        }
    }
}
