package org.clearway.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.clearway.core.config.MqttConfig;
import org.clearway.core.mqtt.MqttClientSettings;
import org.clearway.core.mqtt.PahoMqttSession;
import org.clearway.testsupport.FakeClock;
import org.clearway.testsupport.ContractFiles;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The contract files through the real broker into the real database: every example is
 * stored (once, even when sent twice), every reject is kept with its reason, and a batch with bad
 * readings keeps the good ones.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ContractIT {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private IngestHarness ingest;
    private PahoMqttSession sensor;

    @BeforeAll
    void start() throws Exception {
        ingest = new IngestHarness("contract", FakeClock.at(ContractCases.CONTRACT_NOW), Map.of()).start();
        ingest.registerBin("bin-1", 1000, 50);
        sensor = new PahoMqttSession(MqttClientSettings.publisher(new MqttConfig(ingest.brokerUri, "", "", ""),
                "sensor-" + ingest.clientId, 100));
        sensor.start();
        IngestHarness.await("the sensor to connect", WAIT, sensor::isConnected);
    }

    @AfterAll
    void stop() {
        if (sensor != null) {
            sensor.close();
        }
        if (ingest != null) {
            ingest.close();
        }
    }

    private void publish(String binId, byte[] payload) {
        sensor.publish(ingest.topic(binId), payload, 1, false).join();
    }

    @Test
    void storesEveryExampleOnceEvenWhenSentTwice() throws Exception {
        List<Path> examples = ContractFiles.contractExamples();
        for (int round = 0; round < 2; round++) {
            for (Path file : examples) {
                publish("bin-1", Files.readAllBytes(file));
            }
        }
        // boundaries 2, buffered-batch 2, extra-fields 1, raw-distance 1, single-reading 1, tilt-and-alarms 1
        IngestHarness.await("8 readings", WAIT, () -> count("SELECT count(*) FROM readings WHERE bin_id = 'bin-1'") == 8
                && ingest.registry.get("clearway.ingest.messages.received").counters().stream()
                        .mapToDouble(c -> c.count()).sum() >= 2 * examples.size());
        Thread.sleep(500);
        assertThat(ingest.count("SELECT count(*) FROM readings WHERE bin_id = 'bin-1'")).isEqualTo(8);
        assertThat(ingest.count("SELECT count(*) FROM rejected_messages WHERE bin_id = 'bin-1'")).isZero();
        // raw-distance.json: 412 mm with depth 1000 and offset 50 is (1000 - (412 - 50)) / 1000 = 63.8 %
        assertThat(ingest.count("SELECT round(fill_pct * 10) FROM readings WHERE bin_id = 'bin-1' "
                + "AND measured_at = '2026-11-28T08:16:00Z'")).isEqualTo(638);
        assertThat(ingest.count("SELECT count(*) FROM readings WHERE alarms = ARRAY['tilt','lid_open']")).isEqualTo(1);
        assertThat(ingest.count("SELECT count(*) FROM bin_state WHERE bin_id = 'bin-1' "
                + "AND measured_at = '2026-11-28T08:25:00Z' AND fill_pct = 55 AND tilt")).isEqualTo(1);
    }

    @Test
    void keepsEveryRejectWithItsReason() throws Exception {
        ingest.registerBin("bin-2", 1000, 0);
        List<Path> rejects = ContractFiles.contractRejects();
        for (Path file : rejects) {
            publish("bin-2", Files.readAllBytes(file));
        }
        IngestHarness.await(rejects.size() + " rejections", WAIT,
                () -> count("SELECT count(*) FROM rejected_messages WHERE bin_id = 'bin-2'") == rejects.size());
        for (Path file : rejects) {
            byte[] payload = Files.readAllBytes(file);
            assertThat(ingest.count("SELECT count(*) FROM rejected_messages WHERE bin_id = 'bin-2' AND reason = ? "
                    + "AND payload = ? AND item_index = -1", ContractCases.expectedReason(file).code(), payload))
                    .as(file.getFileName().toString()).isEqualTo(1);
        }
        assertThat(ingest.count("SELECT count(*) FROM readings WHERE bin_id = 'bin-2'")).isZero();
    }

    @Test
    void storesTheGoodReadingsOfABatchAndRejectsTheBadOnesEachOnItsOwn() throws Exception {
        ingest.registerBin("bin-3", 1000, 0);
        String batch = "[{\"ts\":\"2026-11-28T07:00:00Z\",\"fill\":10},{\"ts\":\"2026-11-28T07:10:00Z\",\"fill\":\"x\"},"
                + "{\"ts\":\"2026-11-28T07:20:00Z\",\"fill\":20},{\"ts\":\"2026-11-28T07:30:00Z\",\"fill\":30,\"alarms\":[\"smoke\"]}]";
        publish("bin-3", batch.getBytes(StandardCharsets.UTF_8));
        IngestHarness.await("2 readings and 2 rejections", WAIT,
                () -> count("SELECT count(*) FROM readings WHERE bin_id = 'bin-3'") == 2
                        && count("SELECT count(*) FROM rejected_messages WHERE bin_id = 'bin-3'") == 2);
        assertThat(ingest.count("SELECT count(*) FROM rejected_messages WHERE bin_id = 'bin-3' AND item_index = 1 "
                + "AND reason = 'wrong_type'")).isEqualTo(1);
        assertThat(ingest.count("SELECT count(*) FROM rejected_messages WHERE bin_id = 'bin-3' AND item_index = 3 "
                + "AND reason = 'unknown_alarm'")).isEqualTo(1);
    }

    @Test
    void rejectsUnknownBinsAndForeignTopicsUnderBins() throws Exception {
        byte[] ok = "{\"ts\":\"2026-11-28T08:00:00Z\",\"fill\":5}".getBytes(StandardCharsets.UTF_8);
        publish("never-registered", ok);
        sensor.publish(ingest.prefix + "bins/bin-1/status", ok, 1, false).join();
        IngestHarness.await("2 rejections", WAIT,
                () -> count("SELECT count(*) FROM rejected_messages WHERE reason IN ('unknown_bin', 'bad_topic')") == 2);
        assertThat(ingest.count("SELECT count(*) FROM rejected_messages WHERE reason = 'unknown_bin' "
                + "AND bin_id = 'never-registered'")).isEqualTo(1);
        assertThat(ingest.count("SELECT count(*) FROM rejected_messages WHERE reason = 'bad_topic' "
                + "AND topic = ?", ingest.prefix + "bins/bin-1/status")).isEqualTo(1);
    }

    private long count(String sql) {
        try {
            return ingest.count(sql);
        } catch (java.sql.SQLException e) {
            return -1;
        }
    }
}
