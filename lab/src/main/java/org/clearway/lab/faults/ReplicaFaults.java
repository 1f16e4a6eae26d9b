package org.clearway.lab.faults;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import org.clearway.core.time.DbClock;

/**
 * Fault 4: three ingest replicas share one subscription (same share group, their own client ids,
 * persistent sessions) on a Mosquitto of our own; one is killed for good a third into the run. The
 * survivors carry the load; what the broker does with the dead member's share is measured: the
 * readings not stored once the survivors are idle are stranded with the dead session. With
 * {@code revive} the dead replica comes back with its client id at the end (its session still
 * lives) and the stranded readings are stored; otherwise they go when its session expires.
 */
final class ReplicaFaults {
    private static final int BINS = 200;

    private ReplicaFaults() {
    }

    static Figures killOne(FaultSetup setup, Duration deadSessionExpiry, boolean revive, int rate, Duration duration)
            throws Exception {
        FaultRun run = new FaultRun("4 replica killed, expiry " + deadSessionExpiry.toSeconds() + "s");
        int total = (int) (rate * duration.toMillis() / 1000);
        List<IngestNode> nodes = new ArrayList<>();
        try (Mosquitto broker = Mosquitto.start(setup.mosquittoBinary(), setup.mosquittoConfig(), Duration.ofSeconds(60));
             FaultDatabase db = FaultDatabase.create(setup, run.schema(), BINS)) {
            for (int i = 1; i <= 3; i++) {
                nodes.add(new IngestNode(db.schemaUrl(), setup.dbUser(), setup.dbPassword(), broker.serverUri(), run.prefix(),
                        "faults-ingest-" + run.tag + "-" + i, "faults-" + run.tag,
                        Map.of("CLEARWAY_INGEST_SESSION_EXPIRY", (i == 3 ? deadSessionExpiry.toSeconds() : 600) + "s",
                                "CLEARWAY_INGEST_BATCH_SIZE", "100")).start());
            }
            IngestNode dead = nodes.get(2);
            try (FaultPublisher publisher = new FaultPublisher(broker.serverUri(), "faults-pub-" + run.tag, run.prefix(),
                    BINS, DbClock.wall().instant().minusSeconds(3_600))) {
                run.progress("3 replicas in one share group; publishing %,d readings at %,d/s; replica 3 (session expiry %d s) dies after %d s",
                        total, rate, deadSessionExpiry.toSeconds(), duration.toSeconds() / 3);
                Thread pub = Thread.ofPlatform().name("fault-publish").start(() -> publisher.publish(0, total, rate));
                Thread.sleep(duration.toMillis() / 3);
                long received = Math.round(dead.received());
                long uncommitted = Math.round(dead.uncommitted());
                dead.kill();
                int killedAt = (int) publisher.sent();
                long killNanos = System.nanoTime();
                run.progress("replica 3 killed after receiving %,d messages, %,d of them uncommitted; reading %,d was being published",
                        received, uncommitted, killedAt);
                pub.join();
                publisher.awaitAcknowledged(Duration.ofSeconds(60));
                run.awaitStored(db, total, Duration.ofSeconds(10), Duration.ofSeconds(120));
                double idleAfter = (System.nanoTime() - killNanos) / 1e9;
                BitSet missing = publisher.ackedSeqs();
                missing.andNot(db.storedSeqs());
                int stranded = missing.cardinality();
                String span = stranded == 0 ? "none" : String.format("readings %,d..%,d (%.1f..%.1f s after the kill)",
                        missing.nextSetBit(0), missing.length() - 1, (missing.nextSetBit(0) - killedAt) / (double) rate,
                        (missing.length() - 1 - killedAt) / (double) rate);
                run.progress("survivors idle %.0f s after the kill: %,d readings stranded with the dead member: %s",
                        idleAfter, stranded, span);
                String measurement = String.format("stranded with the dead member after %.0f s: %,d, %s", idleAfter,
                        stranded, span);
                if (revive) {
                    dead.start();
                    run.progress("replica 3 back with its client id");
                    run.awaitStored(db, total, Duration.ofSeconds(10), Duration.ofSeconds(120));
                    measurement += "; delivered when it came back";
                } else {
                    measurement += "; dropped with its session";
                }
                return run.figures(publisher, db, nodes, measurement, revive, Map.of("stranded", (double) stranded,
                        "strandedLastSecondsAfterKill", stranded == 0 ? 0 : (missing.length() - 1 - killedAt) / (double) rate));
            }
        } finally {
            nodes.forEach(IngestNode::close);
        }
    }
}
