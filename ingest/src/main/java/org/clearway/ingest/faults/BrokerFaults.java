package org.clearway.ingest.faults;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Fault 3: the broker restarts during ingest. A Mosquitto of our own with the project's
 * configuration and persistence is stopped halfway through a run, gracefully (SIGTERM: it saves its
 * sessions and queues) or hard (SIGKILL: only the last autosave survives), and started again on the
 * same port and persistence file after {@code down}. The publisher resends what the broker did not
 * acknowledge; lost counts readings the broker acknowledged to the publisher and that never got stored.
 * With {@code publishDuringOutage} false the sensors pause from the stop until ingest has subscribed
 * again (what the broker held at the stop is at stake); with true they go on (the gap between the
 * broker's return and ingest's reconnect is at stake too).
 */
final class BrokerFaults {
    private static final int BINS = 200;

    private BrokerFaults() {
    }

    static Figures restart(FaultSetup setup, boolean hard, boolean shared, boolean publishDuringOutage, Duration autosave,
                          int rate, Duration duration, Duration down)
            throws Exception {
        FaultRun run = new FaultRun("3 broker " + (hard ? "SIGKILL autosave " + autosave.toSeconds() + "s" : "SIGTERM")
                + (shared ? ", $share" : ", plain") + (publishDuringOutage ? ", gap" : ""));
        int total = (int) (rate * duration.toMillis() / 1000);
        try (Mosquitto broker = Mosquitto.start(setup.mosquittoBinary(), setup.mosquittoConfig(), autosave);
             FaultDatabase db = FaultDatabase.create(setup, run.schema(), BINS);
             IngestNode node = new IngestNode(db.schemaUrl(), setup.dbUser(), setup.dbPassword(), broker.serverUri(),
                     run.prefix(), "faults-ingest-" + run.tag, shared ? "faults-" + run.tag : "", Map.of()).start();
             FaultPublisher publisher = new FaultPublisher(broker.serverUri(), "faults-pub-" + run.tag, run.prefix(), BINS,
                     Instant.now().minusSeconds(3_600))) {
            run.progress("own Mosquitto (pid %d) on %s, autosave_interval %d s; publishing %,d readings at %,d/s",
                    broker.pid(), broker.serverUri(), autosave.toSeconds(), total, rate);
            int half = total / 2;
            Thread pub = Thread.ofPlatform().name("fault-publish").start(() -> publisher.publish(0,
                    publishDuringOutage ? total : half, rate));
            if (publishDuringOutage) {
                Thread.sleep(duration.toMillis() / 2);
            } else {
                pub.join();
                publisher.awaitAcknowledged(Duration.ofSeconds(60));
            }
            long storedBefore = db.counts().rows();
            long ackedBefore = publisher.acknowledged();
            if (hard) {
                broker.kill();
            } else {
                broker.stopGracefully();
            }
            run.progress("broker %s with %,d acknowledged to the publisher and %,d stored", hard ? "killed (SIGKILL)"
                    : "stopped (SIGTERM)", ackedBefore, storedBefore);
            Thread.sleep(down.toMillis());
            broker.start();
            run.progress("broker started again (pid %d) on the same port and persistence file", broker.pid());
            if (!publishDuringOutage) {
                FaultRun.await("ingest to subscribe again", Duration.ofSeconds(60), node::subscribed);
                run.progress("ingest subscribed again; publishing the second half");
                publisher.publish(half, total, rate);
            }
            pub.join();
            publisher.awaitAcknowledged(Duration.ofSeconds(120));
            run.awaitStored(db, total, Duration.ofSeconds(15), Duration.ofSeconds(180));
            java.util.BitSet lost = publisher.ackedSeqs();
            lost.andNot(db.storedSeqs());
            return run.figures(publisher, db, List.of(node), String.format(
                    "%,d acknowledged before the stop; %,d resends by the publisher; %,d acknowledged, then lost by the broker",
                    ackedBefore, publisher.resent(), lost.cardinality()), !hard && !publishDuringOutage,
                    Map.of("resent", (double) publisher.resent()));
        }
    }
}
