package org.clearway.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.clearway.core.contract.TelemetryTopic;
import org.clearway.core.mqtt.InboundMessage;
import org.clearway.core.mqtt.PahoMqttSession;
import org.clearway.ingest.store.ParkedReplay;
import org.clearway.testsupport.FaultProxy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The replay of parked messages hands their readings to dispatch, on the real database and broker: a device-token
 * HTTP message parked beyond its bin's ceiling (its row reads as the contract's, as {@code UplinkHttpServer} parks
 * it) was never on the contract's topic that dispatch reads, so the replay relays every reading it stores on
 * {@code {prefix}bins/{binId}/decoded}, after the commit, and deletes the parked row only once the broker
 * acknowledged. With the broker away the readings are stored, the rows stay parked and the replay says so; run
 * again with the broker back, it finds the readings stored, relays them and deletes the rows.
 */
@Timeout(120)
class ParkedReplayRelayIT {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String PARKED = "SELECT count(*) FROM rejected_messages WHERE reason = 'rate_limited'";

    @Test
    void replayedReadingsAreRelayedAfterTheirCommitAndTheirRowsKeptWhileTheBrokerIsAway() throws Exception {
        Instant base = Instant.now().minus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
        try (IngestHarness ingest = new IngestHarness("replayrelay", Clock.systemUTC(), Map.of()).start();
             PahoMqttSession dispatch = ingest.publisher(ingest.brokerUri, "dispatch-" + ingest.clientId);
             FaultProxy broker = new FaultProxy(URI.create(ingest.brokerUri).getHost(),
                     URI.create(ingest.brokerUri).getPort());
             PahoMqttSession replaySession = ingest.publisher("tcp://127.0.0.1:" + broker.port(),
                     ingest.clientId + "-replay")) {
            ingest.registerBin("nb-bin", 1000, 0);
            List<String> seen = new CopyOnWriteArrayList<>();
            dispatch.subscribe(new TelemetryTopic(ingest.prefix).filterAllDecoded(), 1, m -> seen.add(
                    m.topic() + " " + new String(m.payload(), StandardCharsets.UTF_8) + " stored=" + stored(ingest, m)));
            IngestHarness.await("the dispatch stand-in to subscribe", WAIT, dispatch::isSubscribed);
            ParkedReplay replay = ingest.parkedReplay(replaySession, Duration.ofSeconds(3));
            park(ingest, "nb-bin", base, 1);
            park(ingest, "nb-bin", base.plusSeconds(1), 2);

            broker.cut();
            IngestHarness.await("the replay's session to lose the broker", WAIT, () -> !replaySession.isConnected());
            ParkedReplay.Outcome away = replay.replay("nb-bin", 100);
            assertThat(away.stored()).as("stored before the relay is tried").isEqualTo(2);
            assertThat(away.unrelayed()).as("rows kept parked: not relayed").isEqualTo(2);
            assertThat(away.messages()).isZero();
            assertThat(ingest.count(PARKED)).isEqualTo(2);
            assertThat(ingest.count("SELECT count(*) FROM readings WHERE bin_id = 'nb-bin'")).isEqualTo(2);
            assertThat(seen).isEmpty();

            broker.restore();
            IngestHarness.await("the replay's session to reconnect", WAIT, replaySession::isConnected);
            ParkedReplay.Outcome back = replay.replay("nb-bin", 100);
            assertThat(back.messages()).isEqualTo(2);
            assertThat(back.duplicates()).as("found stored by the first run").isEqualTo(2);
            assertThat(back.unrelayed()).isZero();
            assertThat(ingest.count(PARKED)).isZero();
            assertThat(ingest.count("SELECT count(*) FROM readings WHERE bin_id = 'nb-bin'")).isEqualTo(2);
            IngestHarness.await("dispatch to see both replayed readings", WAIT, () -> seen.size() >= 2);
            String topic = ingest.prefix + "bins/nb-bin/decoded ";
            assertThat(seen).containsExactlyInAnyOrder(
                    topic + "{\"ts\":\"" + base + "\",\"fill\":41.0,\"seq\":1} stored=true",
                    topic + "{\"ts\":\"" + base.plusSeconds(1) + "\",\"fill\":42.0,\"seq\":2} stored=true");
        }
    }

    /** Whether the relayed reading's row is in the table when the message arrives (the relay follows the commit). */
    private static boolean stored(IngestHarness ingest, InboundMessage m) {
        String json = new String(m.payload(), StandardCharsets.UTF_8);
        String ts = json.substring(json.indexOf("\"ts\":\"") + 6, json.indexOf('"', json.indexOf("\"ts\":\"") + 6));
        try {
            return ingest.count("SELECT count(*) FROM readings WHERE bin_id = 'nb-bin' AND measured_at = ?::timestamptz", ts) == 1;
        } catch (java.sql.SQLException e) {
            return false;
        }
    }

    /** A parked row as ingest writes it for a device-token HTTP message beyond its bin's ceiling. */
    private static void park(IngestHarness ingest, String binId, Instant ts, int seq) throws Exception {
        byte[] payload = ("{\"ts\":\"" + ts + "\",\"fill\":" + (40 + seq) + ",\"seq\":" + seq + "}")
                .getBytes(StandardCharsets.UTF_8);
        try (Connection c = ingest.db().getConnection(); PreparedStatement ps = c.prepareStatement(
                "INSERT INTO rejected_messages (received_at, last_received_at, topic, bin_id, item_index, reason, "
                        + "detail, message_sha256, payload) VALUES (?, ?, ?, ?, -1, 'rate_limited', 'parked', ?, ?)")) {
            Timestamp at = Timestamp.from(ts.plusSeconds(2));
            ps.setTimestamp(1, at);
            ps.setTimestamp(2, at);
            ps.setString(3, ingest.topic(binId));
            ps.setString(4, binId);
            ps.setBytes(5, MessageDigest.getInstance("SHA-256").digest(payload));
            ps.setBytes(6, payload);
            ps.executeUpdate();
        }
    }
}
