package org.clearway.ingest.app;

import com.zaxxer.hikari.HikariDataSource;
import java.time.Duration;
import java.util.concurrent.Callable;
import org.clearway.core.config.Env;
import org.clearway.core.contract.TelemetryTopic;
import org.clearway.core.db.Databases;
import org.clearway.core.mqtt.MqttClientSettings;
import org.clearway.core.mqtt.PahoMqttSession;
import org.clearway.ingest.relay.DecodedRelay;
import org.clearway.ingest.store.ParkedReplay;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Stores the readings that ingest parked beyond a flooding bin's hard ceiling ({@code rate_limited} rows of
 * {@code rejected_messages}), relays them to dispatch on {@code {prefix}bins/{binId}/decoded} and then deletes their
 * rows, batch by batch ({@link ParkedReplay}). Configured by the same environment variables as the ingest service
 * ({@code CLEARWAY_DB_*}, {@code CLEARWAY_MQTT_*}, {@code CLEARWAY_TOPIC_PREFIX}, {@code CLEARWAY_MAX_READING_AGE},
 * {@code CLEARWAY_INGEST_CLIENT_ID}: the relay connects as that id plus {@value #CLIENT_SUFFIX}).
 */
@Command(name = "replay-parked", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Stores the readings ingest parked in rejected_messages (reason rate_limited) beyond a flooding",
                "bin's ceiling, relays them to dispatch on {prefix}bins/{binId}/decoded, then deletes their rows.",
                "Uses ingest's environment variables (CLEARWAY_DB_*, CLEARWAY_MQTT_*, CLEARWAY_TOPIC_PREFIX,",
                "CLEARWAY_MAX_READING_AGE, CLEARWAY_INGEST_CLIENT_ID). Exits 1 if a parked row could not be replayed",
                "or relayed (it stays parked: run again), or if the broker cannot be reached (nothing is replayed)."})
public final class ParkedReplayCommand implements Callable<Integer> {
    /** Appended to ingest's client id for the replay's own MQTT session. */
    static final String CLIENT_SUFFIX = "-replay";
    private static final Duration CONNECT_WAIT = Duration.ofSeconds(15);
    private static final Duration RELAY_TIMEOUT = Duration.ofSeconds(10);
    private static final int PUBLISH_WINDOW = 1_000;

    @Option(names = "--bin", description = "Replay only this bin's parked messages (default: every bin)")
    String binId;
    @Option(names = "--batch", defaultValue = "500", description = "Messages per transaction (default: ${DEFAULT-VALUE})")
    int batch;
    @Option(names = "--relay-patience", defaultValue = "PT2M", description = "How long one batch's relay is tried "
            + "again while the broker does not acknowledge it, ISO-8601 (default: ${DEFAULT-VALUE})")
    Duration relayPatience;

    public static void main(String[] args) {
        System.exit(new CommandLine(new ParkedReplayCommand()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        IngestConfig config = IngestConfig.from(Env.system());
        PahoMqttSession mqtt = new PahoMqttSession(MqttClientSettings.publisher(config.mqtt(),
                config.clientId() + CLIENT_SUFFIX, PUBLISH_WINDOW));
        try (HikariDataSource db = Databases.pool(config.database(), "replay-parked")) {
            mqtt.start();
            if (!mqtt.awaitConnected(CONNECT_WAIT)) {
                System.err.printf("cannot reach the broker at %s within %s: nothing replayed (the readings must be "
                        + "relayed to dispatch)%n", config.mqtt().serverUris(), CONNECT_WAIT);
                return 1;
            }
            DecodedRelay relay = new DecodedRelay(mqtt, new TelemetryTopic(config.mqtt().topicPrefix()), RELAY_TIMEOUT,
                    DecodedRelay.Metrics.NOOP);
            ParkedReplay.Outcome o = ParkedReplay.of(db, config.mqtt().topicPrefix(), config.maxReadingAge(), relay,
                    relayPatience).replay(binId, Math.max(1, batch));
            System.out.printf("replayed %,d parked messages: %,d readings stored, %,d already stored, %,d rejected "
                    + "now (kept in rejected_messages with their reason); %,d rows left parked (no reading decoded: "
                    + "check CLEARWAY_TOPIC_PREFIX); %,d rows left parked because the broker did not acknowledge "
                    + "their readings' relay (stored already: run again)%n", o.messages(), o.stored(), o.duplicates(),
                    o.rejected(), o.skipped(), o.unrelayed());
            return o.skipped() == 0 && o.unrelayed() == 0 ? 0 : 1;
        } finally {
            mqtt.close();
        }
    }
}
