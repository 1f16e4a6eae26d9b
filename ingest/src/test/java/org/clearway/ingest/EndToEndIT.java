package org.clearway.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.EnumMap;
import java.util.Map;
import org.clearway.core.config.MqttConfig;
import org.clearway.core.contract.RejectReason;
import org.clearway.core.mqtt.MqttClientSettings;
import org.clearway.core.mqtt.PahoMqttSession;
import org.clearway.simulator.Ledger;
import org.clearway.simulator.Simulation;
import org.clearway.simulator.city.BinRegistry;
import org.clearway.simulator.publish.PublishOptions;
import org.clearway.simulator.publish.PublishSummary;
import org.clearway.simulator.publish.Publisher;
import org.junit.jupiter.api.Test;

/**
 * The simulator publishes over 20,000 readings from 500 bins at QoS 1, with duplicates and a share
 * of bad payloads of every kind; afterwards the database holds exactly the distinct valid readings,
 * and every bad one is in the rejected table with the reason the simulator labelled it with.
 */
class EndToEndIT {
    private static final int BINS = 500;
    private static final int PUBLICATIONS = 24_000;

    @Test
    void storesExactlyTheDistinctValidReadingsAndKeepsEveryBadOne() throws Exception {
        try (IngestHarness ingest = new IngestHarness("e2e", Clock.systemUTC(), Map.of()).start()) {
            Simulation sim = Simulation.builder().seed(20261128L).bins(BINS).topicPrefix(ingest.prefix).maxSpeed()
                    .start(Instant.now().minus(5, ChronoUnit.DAYS)).badShare(0.05).duplicateShare(0.05).build();
            BinRegistry.register(ingest.db(), sim.bins());

            Ledger ledger = new Ledger();
            PublishSummary summary;
            try (PahoMqttSession session = new PahoMqttSession(MqttClientSettings.publisher(
                    new MqttConfig(ingest.brokerUri, "", "", ""), "sim-" + ingest.clientId, 500))) {
                session.start();
                summary = new Publisher(session, PublishOptions.defaults()).publish(sim.stream(PUBLICATIONS), ledger,
                        p -> System.out.println("e2e: " + p.line()));
            }
            assertThat(summary.errors()).isZero();
            assertThat(ledger.validReadingsSent()).isGreaterThanOrEqualTo(20_000);
            assertThat(ledger.duplicates()).isPositive();

            IngestHarness.await("every valid reading and rejection", Duration.ofSeconds(120),
                    () -> count(ingest, "SELECT count(*) FROM readings") == ledger.distinctValidReadings()
                            && count(ingest, "SELECT count(*) FROM rejected_messages") == ledger.distinctRejections());
            Thread.sleep(1_000); // nothing more arrives
            assertThat(ingest.count("SELECT count(*) FROM readings")).isEqualTo(ledger.distinctValidReadings());
            assertThat(rejectionsByReason(ingest)).isEqualTo(ledger.expectedRejections());
            assertThat(ingest.count("SELECT count(*) FROM bin_state")).isEqualTo(
                    ingest.count("SELECT count(DISTINCT bin_id) FROM readings"));
        }
    }

    private static Map<RejectReason, Long> rejectionsByReason(IngestHarness ingest) throws SQLException {
        Map<RejectReason, Long> byReason = new EnumMap<>(RejectReason.class);
        try (Connection c = ingest.db().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT reason, count(*) FROM rejected_messages GROUP BY reason")) {
            while (rs.next()) {
                String code = rs.getString(1);
                RejectReason reason = java.util.Arrays.stream(RejectReason.values())
                        .filter(r -> r.code().equals(code)).findFirst().orElseThrow();
                byReason.put(reason, rs.getLong(2));
            }
        }
        return byReason;
    }

    private static long count(IngestHarness ingest, String sql) {
        try {
            return ingest.count(sql);
        } catch (SQLException e) {
            return -1;
        }
    }
}
