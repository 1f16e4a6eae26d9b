package org.clearway.lab.faults;

import org.clearway.testsupport.FaultProxy;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.clearway.core.time.DbClock;

/** Faults of the database under steady QoS 1 ingest: the connection cut for a while, and a database that answers slowly. */
final class DatabaseFaults {
    private static final int BINS = 200;
    private static final String BATCH = "100";
    private static final String WRITERS = "2";
    /** Receive Maximum: batch size times (writers + 1). */
    static final int RECEIVE_MAXIMUM = 300;

    private DatabaseFaults() {
    }

    /**
     * Fault 1: the database connection is cut through a proxy for {@code cut}, {@code before} into a
     * run of {@code before + cut + after} at {@code rate} readings/s. While it is down nothing new is
     * stored, and ingest never holds more than Receive Maximum messages unacknowledged.
     */
    static Figures cut(FaultSetup setup, int rate, Duration before, Duration cut, Duration after) throws Exception {
        FaultRun run = new FaultRun("1 database cut " + cut.toSeconds() + " s");
        int total = (int) (rate * (before.plus(cut).plus(after).toMillis() / 1000.0));
        try (FaultDatabase db = FaultDatabase.create(setup, run.schema(), BINS);
             FaultProxy proxy = FaultProxy.forJdbcUrl(db.schemaUrl());
             IngestNode node = node(setup, run, proxy.rewriteJdbcUrl(db.schemaUrl())).start();
             FaultPublisher publisher = new FaultPublisher(setup.mqttUrl(), "faults-pub-" + run.tag, run.prefix(), BINS,
                     DbClock.wall().instant().minusSeconds(3_600))) {
            run.progress("publishing %,d readings at %,d/s; the database goes away after %d s for %d s", total, rate,
                    before.toSeconds(), cut.toSeconds());
            Thread pub = Thread.ofPlatform().name("fault-publish").start(() -> publisher.publish(0, total, rate));
            Thread.sleep(before.toMillis());
            long storedAtCut;
            double inflightMax;
            double backlogMax;
            try (FaultRun.Sampler inflight = new FaultRun.Sampler("inflight", node::uncommitted);
                 FaultRun.Sampler backlog = new FaultRun.Sampler("backlog", () -> node.gauge("clearway.ingest.backlog"))) {
                proxy.cut();
                storedAtCut = db.counts().rows();
                run.progress("database cut with %,d readings stored", storedAtCut);
                long end = System.nanoTime() + cut.toNanos();
                while (System.nanoTime() < end) {
                    Thread.sleep(Math.min(5_000, Math.max(1, (end - System.nanoTime()) / 1_000_000)));
                    run.progress("down: %,d stored, %,.0f received, %,.0f unacknowledged in ingest (max %,.0f, Receive Maximum %d)",
                            db.counts().rows(), node.received(), node.uncommitted(), inflight.max(), RECEIVE_MAXIMUM);
                }
                inflightMax = inflight.max();
                backlogMax = backlog.max();
            }
            long storedWhileDown = db.counts().rows() - storedAtCut;
            double failures = node.storeFailures();
            proxy.restore();
            run.progress("database back after %d s: %,.0f failed commits retried", cut.toSeconds(), failures);
            pub.join();
            publisher.awaitAcknowledged(Duration.ofSeconds(60));
            run.awaitStored(db, total, Duration.ofSeconds(20), Duration.ofSeconds(180));
            return run.figures(publisher, db, List.of(node), String.format(
                    "stored while down %d; unacknowledged in ingest max %.0f <= Receive Maximum %d; backlog max %.0f",
                    storedWhileDown, inflightMax, RECEIVE_MAXIMUM, backlogMax), true,
                    Map.of("storedWhileDown", (double) storedWhileDown, "inflightMax", inflightMax, "backlogMax", backlogMax,
                            "storeFailures", failures));
        }
    }

    /**
     * Fault 5: every answer of the database is held {@code latency} (a commit takes several round
     * trips, so seconds) for a run of {@code duration} at {@code rate} readings/s. The broker
     * connection stays up, ingest's backlog stays within Receive Maximum, the heap stays flat.
     */
    static Figures slow(FaultSetup setup, int rate, Duration duration, Duration latency) throws Exception {
        FaultRun run = new FaultRun("5 slow database " + latency.toMillis() + " ms");
        int total = (int) (rate * duration.toMillis() / 1000);
        try (FaultDatabase db = FaultDatabase.create(setup, run.schema(), BINS);
             FaultProxy proxy = FaultProxy.forJdbcUrl(db.schemaUrl());
             IngestNode node = node(setup, run, proxy.rewriteJdbcUrl(db.schemaUrl())).start();
             FaultPublisher publisher = new FaultPublisher(setup.mqttUrl(), "faults-pub-" + run.tag, run.prefix(), BINS,
                     DbClock.wall().instant().minusSeconds(3_600))) {
            double heapBefore = FaultRun.heapUsedMb();
            proxy.latency(latency.toMillis());
            run.progress("every database answer held %d ms; publishing %,d readings at %,d/s; heap used %.1f MB",
                    latency.toMillis(), total, rate, heapBefore);
            double backlogMax;
            double inflightMax;
            double connectedMin;
            try (FaultRun.Sampler backlog = new FaultRun.Sampler("backlog", () -> node.gauge("clearway.ingest.backlog"));
                 FaultRun.Sampler inflight = new FaultRun.Sampler("inflight", node::uncommitted);
                 FaultRun.Sampler connected = new FaultRun.Sampler("connected",
                         () -> node.gauge("clearway.ingest.broker.connected"))) {
                Thread pub = Thread.ofPlatform().name("fault-publish").start(() -> publisher.publish(0, total, rate));
                while (pub.isAlive()) {
                    pub.join(5_000);
                    run.progress("slow: %,d sent, %,d stored, backlog %.0f (max %.0f), unacknowledged %.0f (max %.0f), broker connected %s",
                            publisher.sent(), db.counts().rows(), node.gauge("clearway.ingest.backlog"), backlog.max(),
                            node.uncommitted(), inflight.max(), connected.min() > 0 ? "throughout" : "NOT throughout");
                }
                backlogMax = backlog.max();
                inflightMax = inflight.max();
                connectedMin = connected.min();
            }
            double commitMax = node.commitMaxSeconds();
            long storedSlow = db.counts().rows();
            proxy.latency(0);
            run.progress("latency removed with %,d of %,d stored", storedSlow, total);
            publisher.awaitAcknowledged(Duration.ofSeconds(60));
            run.awaitStored(db, total, Duration.ofSeconds(20), Duration.ofSeconds(180));
            double heapAfter = FaultRun.heapUsedMb();
            return run.figures(publisher, db, List.of(node), String.format(
                    "commit max %.1f s; broker connection %s; backlog max %.0f, unacknowledged max %.0f (Receive Maximum %d); "
                            + "heap used %.1f MB before, %.1f MB after",
                    commitMax, connectedMin > 0 ? "up throughout" : "DROPPED", backlogMax, inflightMax, RECEIVE_MAXIMUM,
                    heapBefore, heapAfter), true,
                    Map.of("commitMaxSeconds", commitMax, "connectedMin", connectedMin, "backlogMax", backlogMax,
                            "inflightMax", inflightMax, "heapBeforeMb", heapBefore, "heapAfterMb", heapAfter));
        }
    }

    private static IngestNode node(FaultSetup setup, FaultRun run, String dbUrl) {
        return new IngestNode(dbUrl, setup.dbUser(), setup.dbPassword(), setup.mqttUrl(), run.prefix(),
                "faults-ingest-" + run.tag, "faults-" + run.tag,
                Map.of("CLEARWAY_INGEST_BATCH_SIZE", BATCH, "CLEARWAY_INGEST_WRITERS", WRITERS));
    }
}
