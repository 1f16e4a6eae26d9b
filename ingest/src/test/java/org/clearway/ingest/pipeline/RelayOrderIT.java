package org.clearway.ingest.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.clearway.core.contract.DecodedMessage;
import org.clearway.core.contract.Reading;
import org.clearway.core.contract.TelemetryTopic;
import org.clearway.core.db.Migrations;
import org.clearway.core.db.PartitionMaintenance;
import org.clearway.core.mqtt.InboundMessage;
import org.clearway.ingest.store.BinDirectory;
import org.clearway.ingest.store.TelemetryStore;
import org.clearway.testsupport.TestSchema;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.clearway.ingest.message.Envelope;
import org.clearway.ingest.message.Reply;
import org.clearway.ingest.relay.DecodedRelay;

/**
 * The writer's order for a network server's or an HTTP source's readings, on the real database: commit, relay to
 * dispatch on {@code bins/{binId}/decoded}, and only then acknowledge (PUBACK or HTTP reply); while the relay fails
 * nothing is acknowledged; a redelivered message (its readings found stored) is relayed again; the contract's own
 * readings are not relayed (dispatch reads its topic).
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class RelayOrderIT {
    private static TestSchema schema;

    @BeforeAll
    static void start() throws Exception {
        schema = TestSchema.create("relayorder");
        Migrations.apply(schema.dataSource(), schema.name(), Duration.ofDays(400));
        new PartitionMaintenance(schema.dataSource(), Clock.systemUTC(), Duration.ofDays(7), Duration.ofDays(400),
                Duration.ofDays(30)).run();
        try (Connection c = schema.dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute("INSERT INTO zones (id, parent_id, level, name) VALUES ('d1', NULL, 'district', 'D1')");
            s.execute("INSERT INTO bins (id, zone_id, stream, volume_l, depth_mm, sensor_offset_mm, lat, lon) VALUES "
                    + "('lora-1', 'd1', 'residual', 240, 1000, 0, 31.2, 121.4), "
                    + "('plain-1', 'd1', 'residual', 240, 1000, 0, 31.2, 121.4)");
        }
    }

    @AfterAll
    static void stop() {
        if (schema != null) {
            schema.close();
        }
    }

    private static Envelope lora(int id, long seq, Instant at, AtomicReference<Reply.Outcome> replied) {
        InboundMessage m = new InboundMessage("application/1/device/24e1/event/up", "{}".getBytes(StandardCharsets.UTF_8),
                1, id, false, Instant.now(), 0);
        DecodedMessage decoded = new DecodedMessage("lora-1", List.of(new Reading("lora-1", at, null, 250, seq,
                90.0, null, null, null, List.of())), List.of());
        return Envelope.decoded("chirpstack", m, decoded, replied == null ? null : new Reply(replied::set));
    }

    private static Envelope contract(int id, Instant at) {
        InboundMessage m = new InboundMessage("bins/plain-1/telemetry", "{}".getBytes(StandardCharsets.UTF_8), 1, id,
                false, Instant.now(), 0);
        return new Envelope(m, new DecodedMessage("plain-1", List.of(new Reading("plain-1", at, 40.0, null, null, null,
                null, null, null, List.of())), List.of()));
    }

    @Test
    void commitsThenRelaysThenAcknowledgesAndHoldsTheAckWhileTheRelayFails() throws Exception {
        Instant at = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(60);
        ScriptedSession session = new ScriptedSession(3);
        BatchQueue queue = new BatchQueue(10, Duration.ofMillis(20));
        BatchWriter writer = new BatchWriter(queue, schema.dataSource(),
                new TelemetryStore(new BinDirectory(Duration.ofSeconds(60), Duration.ofSeconds(5))), session,
                IngestMetrics.NOOP, Clock.systemUTC(), () -> { }, 1,
                new DecodedRelay(session, new TelemetryTopic(""), Duration.ofSeconds(1), DecodedRelay.Metrics.NOOP));
        AtomicReference<Reply.Outcome> replied = new AtomicReference<>();
        writer.start();
        try {
            queue.offer(lora(1, 1, at, null));
            queue.offer(contract(2, at));
            queue.offer(lora(3, 3, at.plusSeconds(1), replied));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (session.events.size() < 4 && System.nanoTime() < deadline) {
                boolean answered = replied.get() != null;
                List<String> seen = List.copyOf(session.events);
                if (answered || seen.stream().anyMatch(e -> e.startsWith("ack"))) {
                    assertThat(seen).as("acknowledged or answered only after the relay succeeded")
                            .filteredOn(e -> e.startsWith("pub")).hasSize(2);
                }
                Thread.sleep(1);
            }
            String ts = at.toString();
            String ts1 = at.plusSeconds(1).toString();
            String pub1 = "pub bins/lora-1/decoded {\"ts\":\"" + ts + "\",\"distanceMm\":250,\"seq\":1,\"battery\":90.0}";
            String pub3 = "pub bins/lora-1/decoded {\"ts\":\"" + ts1 + "\",\"distanceMm\":250,\"seq\":3,\"battery\":90.0}";
            Thread.sleep(200);
            List<String> events = List.copyOf(session.events);
            // An attempt that failed part way is made again whole: a reading may be published twice (dispatch
            // ignores a repeat); the acknowledgements come last, in arrival order.
            assertThat(events.subList(events.size() - 2, events.size())).containsExactly("ack 1", "ack 2");
            assertThat(events.subList(0, events.size() - 2)).allMatch(e -> e.startsWith("pub"))
                    .contains(pub1, pub3).containsOnly(pub1, pub3);
            assertThat(replied.get()).as("the HTTP caller's answer, after the relay").isNotNull();
            assertThat(count("SELECT count(*) FROM readings")).isEqualTo(3);

            // The source sends message 1 again (no PUBACK reached it): stored once, relayed again, acknowledged.
            session.events.clear();
            queue.offer(lora(4, 1, at, null));
            deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (session.events.size() < 2 && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            assertThat(session.events).containsExactly(pub1, "ack 4");
            assertThat(count("SELECT count(*) FROM readings")).as("a repeat is stored once").isEqualTo(3);
        } finally {
            writer.stop(Duration.ofSeconds(5));
        }
    }

    private static long count(String sql) throws Exception {
        try (Connection c = schema.dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
