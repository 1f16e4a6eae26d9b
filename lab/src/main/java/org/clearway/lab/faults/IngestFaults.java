package org.clearway.lab.faults;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.clearway.core.time.DbClock;

/** Faults of ingest itself: a hard kill mid-batch with a restart, and every message delivered three times. */
final class IngestFaults {
    private static final int BINS = 200;

    private IngestFaults() {
    }

    /**
     * Fault 2: ingest is killed as a crash would (no flush, no PUBACK, no DISCONNECT) while a batch
     * is open, halfway through a run of {@code duration} at {@code rate}, and started again with the
     * same client id; the broker redelivers what was not acknowledged.
     */
    static Figures kill(FaultSetup setup, int rate, Duration duration, int kills) throws Exception {
        FaultRun run = new FaultRun("2 ingest killed x" + kills);
        int total = (int) (rate * duration.toMillis() / 1000);
        try (FaultDatabase db = FaultDatabase.create(setup, run.schema(), BINS);
             IngestNode node = new IngestNode(db.schemaUrl(), setup.dbUser(), setup.dbPassword(), setup.mqttUrl(),
                     run.prefix(), "faults-ingest-" + run.tag, "faults-" + run.tag,
                     Map.of("CLEARWAY_INGEST_BATCH_SIZE", "50", "CLEARWAY_INGEST_BATCH_DELAY", "200ms")).start();
             FaultPublisher publisher = new FaultPublisher(setup.mqttUrl(), "faults-pub-" + run.tag, run.prefix(), BINS,
                     DbClock.wall().instant().minusSeconds(3_600))) {
            run.progress("publishing %,d readings at %,d/s; ingest is killed %d times", total, rate, kills);
            Thread pub = Thread.ofPlatform().name("fault-publish").start(() -> publisher.publish(0, total, rate));
            long uncommittedAtKills = 0;
            for (int k = 1; k <= kills; k++) {
                Thread.sleep(duration.toMillis() / (kills + 1));
                FaultRun.await("an open batch", Duration.ofSeconds(30), () -> node.uncommitted() > 0);
                long open = Math.round(node.uncommitted());
                uncommittedAtKills += open;
                long stored = db.counts().rows();
                node.kill();
                run.progress("kill %d: %,d readings stored, %,d messages received and not committed", k, stored, open);
                node.start();
                run.progress("restarted with the same client id");
            }
            pub.join();
            publisher.awaitAcknowledged(Duration.ofSeconds(60));
            run.awaitStored(db, total, Duration.ofSeconds(20), Duration.ofSeconds(180));
            long redelivered = Math.round(node.duplicates());
            return run.figures(publisher, db, List.of(node), String.format(
                    "%d kills with %d messages uncommitted in all; %d readings redelivered after commit, ignored as duplicates",
                    kills, uncommittedAtKills, redelivered), true,
                    Map.of("uncommittedAtKills", (double) uncommittedAtKills));
        }
    }

    /** Fault 6: {@code readings} distinct readings, each published three times; rows equal distinct readings. */
    static Figures thrice(FaultSetup setup, int readings, int rate) throws Exception {
        FaultRun run = new FaultRun("6 delivered three times");
        try (FaultDatabase db = FaultDatabase.create(setup, run.schema(), BINS);
             IngestNode node = new IngestNode(db.schemaUrl(), setup.dbUser(), setup.dbPassword(), setup.mqttUrl(),
                     run.prefix(), "faults-ingest-" + run.tag, "faults-" + run.tag, Map.of()).start();
             FaultPublisher publisher = new FaultPublisher(setup.mqttUrl(), "faults-pub-" + run.tag, run.prefix(), BINS,
                     DbClock.wall().instant().minusSeconds(3_600))) {
            for (int copy = 1; copy <= 3; copy++) {
                run.progress("copy %d of %,d readings at %,d/s", copy, readings, rate);
                publisher.publish(0, readings, rate);
            }
            publisher.awaitAcknowledged(Duration.ofSeconds(60));
            FaultRun.await("every copy through ingest", Duration.ofSeconds(180),
                    () -> node.stored() + node.duplicates() >= 3L * readings);
            long distinct = db.counts().distinct();
            return run.figures(publisher, db, List.of(node), String.format(
                    "%,d distinct readings, %,d rows", readings, distinct), true, Map.of("distinct", (double) distinct));
        }
    }
}
