package org.clearway.simulator;

import org.clearway.simulator.expect.ReadingKey;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.clearway.core.config.MqttConfig;
import org.clearway.core.contract.DecodedMessage;
import org.clearway.core.contract.FillLevel;
import org.clearway.core.contract.Reading;
import org.clearway.core.contract.RejectReason;
import org.clearway.core.contract.Rejection;
import org.clearway.core.contract.TelemetryDecoder;
import org.clearway.core.contract.TelemetryTopic;
import org.clearway.core.db.Migrations;
import org.clearway.core.mqtt.InboundMessage;
import org.clearway.core.mqtt.MqttClientSettings;
import org.clearway.core.mqtt.PahoMqttSession;
import org.clearway.simulator.city.BinRegistry;
import org.clearway.simulator.city.RegistrationResult;
import org.clearway.simulator.city.ZoneLevel;
import org.clearway.simulator.cli.SimulatorCommand;
import org.clearway.simulator.publish.PublishOptions;
import org.clearway.simulator.publish.PublishSummary;
import org.clearway.simulator.publish.Publisher;
import org.clearway.testsupport.TestInfrastructure;
import org.clearway.testsupport.TestSchema;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The simulator against a real database and broker (from test-support): bins are registered in a
 * schema of this class, publications go through the broker to a subscriber, and what arrives,
 * judged as the ingest judges it (its decoder, then the registry for unknown bins), must be
 * exactly what the ledger says.
 */
class SimulatorIT {
    private static TestSchema schema;
    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);

    @BeforeAll
    static void createSchema() {
        schema = TestSchema.create("simulator");
        Migrations.apply(schema.dataSource(), schema.name(), Duration.ofDays(400));
    }

    @AfterAll
    static void dropSchema() {
        if (schema != null) {
            schema.close();
        }
    }

    @Test
    void registersBinsAndZonesOnce() throws SQLException {
        Simulation sim = Simulation.builder().seed(21).bins(250).idPrefix("reg").build();
        RegistrationResult first = BinRegistry.register(schema.dataSource(), sim.bins());
        assertThat(first.binsInserted()).isEqualTo(250);
        assertThat(first.zonesInserted()).isEqualTo(sim.city().zones().size());
        assertThat(first.mismatched()).isEmpty();

        RegistrationResult again = BinRegistry.register(schema.dataSource(), sim.bins());
        assertThat(again).isEqualTo(new RegistrationResult(0, 0, List.of()));

        assertThat(count("SELECT count(*) FROM bins WHERE id LIKE 'reg-%'")).isEqualTo(250);
        for (ZoneLevel level : ZoneLevel.values()) {
            assertThat(count("SELECT count(*) FROM zones WHERE id LIKE 'reg-%' AND level = '" + level.code() + "'"))
                    .isEqualTo(sim.city().zones().stream().filter(z -> z.level() == level).count());
        }
        var bin = sim.bins().get(17);
        assertThat(count("SELECT count(*) FROM bins WHERE id = '" + bin.id() + "' AND zone_id = '" + bin.zone().id()
                + "' AND stream = '" + bin.stream().code() + "' AND depth_mm = " + bin.depthMm()
                + " AND sensor_offset_mm = " + bin.sensorOffsetMm())).isEqualTo(1);

        // Another seed with the same ids: nothing is overwritten, and the differences are reported.
        Simulation other = Simulation.builder().seed(22).bins(250).idPrefix("reg").build();
        RegistrationResult clash = BinRegistry.register(schema.dataSource(), other.bins());
        assertThat(clash.binsInserted()).isZero();
        assertThat(clash.mismatched()).isNotEmpty();
    }

    @Test
    void whatArrivesIsWhatTheLedgerSays() throws Exception {
        String prefix = "sim-it-" + RUN + "/";
        Simulation sim = Simulation.builder().seed(5).bins(60).maxSpeed().topicPrefix(prefix).badShare(0.2)
                .duplicateShare(0.05).outageShare(0.02).distanceShare(0.5).build();
        BinRegistry.register(schema.dataSource(), sim.bins());
        MqttConfig broker = new MqttConfig(TestInfrastructure.broker().serverUri(), "", "", prefix);
        ConcurrentLinkedQueue<InboundMessage> received = new ConcurrentLinkedQueue<>();
        try (PahoMqttSession subscriber = new PahoMqttSession(MqttClientSettings.publisher(broker, "sub-" + RUN, 10));
             PahoMqttSession publisher = new PahoMqttSession(MqttClientSettings.publisher(broker, "pub-" + RUN, 100))) {
            subscriber.subscribe(prefix + "bins/#", 1, received::add);
            subscriber.start();
            publisher.start();
            awaitSubscription(publisher, received, prefix + "bins/probe");

            Ledger ledger = new Ledger();
            PublishSummary summary = new Publisher(publisher, PublishOptions.defaults())
                    .publish(sim.stream(1_500), ledger, p -> System.err.println(p.line()));
            assertThat(summary.errors()).as(summary.lastError()).isZero();
            assertThat(summary.acked()).isEqualTo(1_500);

            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (received.size() < 1_500 && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertThat(received).hasSize(1_500);
            Store store = new Store(prefix, bins());
            received.forEach(store::ingest);
            assertThat(store.keys).isEqualTo(ledger.validReadingKeys());
            store.fills.forEach((key, fill) -> assertThat(ledger.expectedFill(key)).as("%s", key).hasValue(fill));
            assertThat(store.rejectionsByReason()).isEqualTo(ledger.expectedRejections());
            assertThat(store.occurrences).isEqualTo(ledger.rejectionOccurrences());
            assertThat(ledger.expectedRejections()).containsKeys(RejectReason.UNKNOWN_BIN, RejectReason.BAD_TOPIC,
                    RejectReason.NOT_UTF8, RejectReason.TOO_LARGE);
            assertThat(ledger.duplicates()).isPositive();
        }
    }

    @Test
    void theCommandRegistersAndPublishes() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        var db = schema.endpoint();
        int exit = SimulatorCommand.run(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8),
                "--register", "--db-url", db.jdbcUrl(), "--db-user", db.user(), "--db-password", db.password(),
                "--mqtt-url", TestInfrastructure.broker().serverUri(), "--topic-prefix", "cli-" + RUN + "/",
                "--client-id", "cli-" + RUN, "--id-prefix", "cli", "--bins", "30", "--speed", "max",
                "--count", "300", "--rate", "1000", "--bad-share", "0.1", "--progress-every", "200ms");
        assertThat(exit).as(err.toString(StandardCharsets.UTF_8)).isZero();
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("Registered 30 new bins").contains("sent");
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("Published 300 messages").contains("0 errors");
        assertThat(count("SELECT count(*) FROM bins WHERE id LIKE 'cli-%'")).isEqualTo(30);
    }

    /** Publishes probes until the subscription delivers one, so that no publication is missed. */
    private static void awaitSubscription(PahoMqttSession publisher, ConcurrentLinkedQueue<InboundMessage> received,
                                          String probeTopic) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (received.stream().noneMatch(m -> m.topic().equals(probeTopic))) {
            assertThat(System.nanoTime()).as("the subscription never got a probe").isLessThan(deadline);
            if (publisher.isConnected()) {
                publisher.publish(probeTopic, new byte[] {1}, 1, false);
            }
            Thread.sleep(200);
        }
        received.clear();
    }

    private static Map<String, int[]> bins() throws SQLException {
        Map<String, int[]> bins = new HashMap<>();
        try (Connection c = schema.dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT id, depth_mm, sensor_offset_mm FROM bins")) {
            while (rs.next()) {
                bins.put(rs.getString(1), new int[] {rs.getInt(2), rs.getInt(3)});
            }
        }
        return bins;
    }

    private static long count(String sql) {
        try (Connection c = schema.dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    /** What the ingest keeps of the messages: reading keys and fills, and rejections by (topic, payload, index). */
    private static final class Store {
        private record RejectionKey(String topic, String sha256, int itemIndex) {
        }

        final Set<ReadingKey> keys = new HashSet<>();
        final Map<ReadingKey, Double> fills = new HashMap<>();
        final Map<RejectionKey, RejectReason> rejections = new HashMap<>();
        final Map<RejectReason, Long> occurrences = new EnumMap<>(RejectReason.class);
        private final TelemetryDecoder decoder;
        private final Map<String, int[]> registered;

        Store(String prefix, Map<String, int[]> registered) {
            this.decoder = new TelemetryDecoder(new TelemetryTopic(prefix), Clock.systemUTC(), Duration.ofDays(7));
            this.registered = registered;
        }

        void ingest(InboundMessage m) {
            DecodedMessage d = decoder.decode(m.topic(), m.payload());
            List<Rejection> rejected = new ArrayList<>(d.rejections());
            if (d.binId() != null && !registered.containsKey(d.binId())) {
                rejected = List.of(Rejection.ofMessage(RejectReason.UNKNOWN_BIN, "unknown", m.payload()));
            } else {
                for (Reading r : d.readings()) {
                    ReadingKey key = new ReadingKey(r.binId(), r.measuredAt());
                    int[] geometry = registered.get(r.binId());
                    keys.add(key);
                    fills.put(key, FillLevel.of(r, geometry[0], geometry[1]));
                }
            }
            String sha = Ledger.sha256(m.payload());
            for (Rejection r : rejected) {
                rejections.put(new RejectionKey(m.topic(), sha, r.itemIndex()), r.reason());
                occurrences.merge(r.reason(), 1L, Long::sum);
            }
        }

        Map<RejectReason, Long> rejectionsByReason() {
            Map<RejectReason, Long> byReason = new EnumMap<>(RejectReason.class);
            rejections.values().forEach(r -> byReason.merge(r, 1L, Long::sum));
            return byReason;
        }
    }
}
