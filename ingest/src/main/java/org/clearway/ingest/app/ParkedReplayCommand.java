package org.clearway.ingest.app;

import com.zaxxer.hikari.HikariDataSource;
import java.util.concurrent.Callable;
import org.clearway.core.config.Env;
import org.clearway.core.db.Databases;
import org.clearway.ingest.store.ParkedReplay;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Stores the readings that ingest parked beyond a flooding bin's hard ceiling ({@code rate_limited} rows of
 * {@code rejected_messages}) and deletes their rows, in one transaction per batch ({@link ParkedReplay}). Configured
 * by the same environment variables as the ingest service ({@code CLEARWAY_DB_*}, {@code CLEARWAY_TOPIC_PREFIX},
 * {@code CLEARWAY_MAX_READING_AGE}).
 */
@Command(name = "replay-parked", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Stores the readings ingest parked in rejected_messages (reason rate_limited) beyond a flooding",
                "bin's ceiling, and deletes their rows in the same transaction. Uses ingest's environment variables",
                "(CLEARWAY_DB_URL, CLEARWAY_DB_USER, CLEARWAY_DB_PASSWORD, CLEARWAY_TOPIC_PREFIX, CLEARWAY_MAX_READING_AGE).",
                "Exits 1 if a parked row could not be replayed (it stays parked)."})
public final class ParkedReplayCommand implements Callable<Integer> {
    @Option(names = "--bin", description = "Replay only this bin's parked messages (default: every bin)")
    String binId;
    @Option(names = "--batch", defaultValue = "500", description = "Messages per transaction (default: ${DEFAULT-VALUE})")
    int batch;

    public static void main(String[] args) {
        System.exit(new CommandLine(new ParkedReplayCommand()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        IngestConfig config = IngestConfig.from(Env.system());
        try (HikariDataSource db = Databases.pool(config.database(), "replay-parked")) {
            ParkedReplay.Outcome o = ParkedReplay.of(db, config.mqtt().topicPrefix(), config.maxReadingAge())
                    .replay(binId, Math.max(1, batch));
            System.out.printf("replayed %,d parked messages: %,d readings stored, %,d already stored, %,d rejected "
                    + "now (kept in rejected_messages with their reason); %,d rows left parked (no reading decoded: "
                    + "check CLEARWAY_TOPIC_PREFIX)%n", o.messages(), o.stored(), o.duplicates(), o.rejected(), o.skipped());
            return o.skipped() == 0 ? 0 : 1;
        }
    }
}
