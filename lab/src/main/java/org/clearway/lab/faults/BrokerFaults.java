package org.clearway.lab.faults;

import org.clearway.testsupport.FaultProxy;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.clearway.core.time.DbClock;
import org.clearway.ingest.app.IngestConfig;

/**
 * Fault 3: the broker restarts during ingest. A Mosquitto of our own with the project's
 * configuration and persistence is stopped halfway through a run, gracefully (SIGTERM: it saves its
 * sessions and queues) or hard (SIGKILL: only the last autosave survives), and started again on the
 * same port and persistence file after {@code down}. The publisher resends what the broker did not
 * acknowledge; lost counts readings the broker acknowledged to the publisher and that never got stored.
 * Ingest reaches the broker through a TCP proxy, so that it can be held off after the restart.
 * With {@link Restart#sensorsGoOn()} false the sensors pause from the stop until ingest has subscribed
 * again (what the broker held at the stop is at stake); with true they go on, and ingest is held off
 * until the restarted broker has acknowledged a second of readings: the sensors are back before ingest,
 * as thousands of devices reconnecting at random would be, and what the broker does with the readings
 * of that gap is at stake too.
 */
final class BrokerFaults {
    private static final int BINS = 200;

    /**
     * One way of restarting the broker.
     *
     * @param hard        SIGKILL instead of SIGTERM
     * @param shared      ingest subscribes through a share group instead of a plain subscription
     * @param sensorsGoOn the sensors publish through the outage and are back before ingest
     * @param autosave    Mosquitto's {@code autosave_interval}
     */
    record Restart(boolean hard, boolean shared, boolean sensorsGoOn, Duration autosave) {
        String name() {
            return "3 broker " + (hard ? "SIGKILL autosave " + autosave.toSeconds() + "s" : "SIGTERM")
                    + (shared ? ", $share" : ", plain") + (sensorsGoOn ? ", gap" : "");
        }

        /**
         * Graceful with sensors pausing, or graceful with a plain subscription: Mosquitto 2.0 saves a
         * plain subscription with the session but not a shared one (deploy/mosquitto/repro/README.md).
         */
        boolean promisesNothingLost() {
            return !hard && (!sensorsGoOn || !shared);
        }
    }

    private BrokerFaults() {
    }

    static Figures restart(FaultSetup setup, Restart how, int rate, Duration duration, Duration down) throws Exception {
        FaultRun run = new FaultRun(how.name());
        int total = (int) (rate * duration.toMillis() / 1000);
        try (Mosquitto broker = Mosquitto.start(setup.mosquittoBinary(), setup.mosquittoConfig(), how.autosave());
             FaultProxy toBroker = new FaultProxy("127.0.0.1", broker.port());
             FaultDatabase db = FaultDatabase.create(setup, run.schema(), BINS);
             IngestNode node = new IngestNode(db.schemaUrl(), setup.dbUser(), setup.dbPassword(),
                     "tcp://127.0.0.1:" + toBroker.port(), run.prefix(), "faults-ingest-" + run.tag,
                     how.shared() ? "faults-" + run.tag : IngestConfig.PLAIN_SUBSCRIPTION, Map.of()).start();
             FaultPublisher publisher = new FaultPublisher(broker.serverUri(), "faults-pub-" + run.tag, run.prefix(), BINS,
                     DbClock.wall().instant().minusSeconds(3_600))) {
            run.progress("own Mosquitto (pid %d) on %s, autosave_interval %d s, ingest %s; publishing %,d readings at %,d/s",
                    broker.pid(), broker.serverUri(), how.autosave().toSeconds(),
                    how.shared() ? "in a share group" : "on a plain subscription", total, rate);
            int half = total / 2;
            Thread pub = Thread.ofPlatform().name("fault-publish").start(() -> publisher.publish(0,
                    how.sensorsGoOn() ? total : half, rate));
            if (how.sensorsGoOn()) {
                Thread.sleep(duration.toMillis() / 2);
            } else {
                pub.join();
                publisher.awaitAcknowledged(Duration.ofSeconds(60));
            }
            long storedBefore = db.counts().rows();
            long ackedBefore = publisher.acknowledged();
            toBroker.cut();
            if (how.hard()) {
                broker.kill();
            } else {
                broker.stopGracefully();
            }
            run.progress("broker %s with %,d acknowledged to the publisher and %,d stored", how.hard() ? "killed (SIGKILL)"
                    : "stopped (SIGTERM)", ackedBefore, storedBefore);
            Thread.sleep(down.toMillis());
            broker.start();
            long restartedAt = System.nanoTime();
            long ackedAtRestart = publisher.acknowledged();
            run.progress("broker started again (pid %d) on the same port and persistence file", broker.pid());
            if (how.sensorsGoOn()) {
                FaultRun.await("the restarted broker to acknowledge a second of readings", Duration.ofSeconds(60),
                        () -> publisher.acknowledged() >= ackedAtRestart + rate);
            }
            toBroker.restore();
            FaultRun.await("ingest to subscribe again", Duration.ofSeconds(60), node::subscribed);
            long gap = publisher.acknowledged() - ackedAtRestart;
            double away = (System.nanoTime() - restartedAt) / 1e9;
            run.progress("ingest subscribed again %.1f s after the restart; the restarted broker had acknowledged %,d readings"
                    + " by then", away, gap);
            if (!how.sensorsGoOn()) {
                publisher.publish(half, total, rate);
            }
            pub.join();
            publisher.awaitAcknowledged(Duration.ofSeconds(120));
            run.awaitStored(db, total, Duration.ofSeconds(15), Duration.ofSeconds(180));
            java.util.BitSet lost = publisher.ackedSeqs();
            lost.andNot(db.storedSeqs());
            return run.figures(publisher, db, List.of(node), String.format(
                    "%,d acknowledged before the stop; %,d acknowledged by the restarted broker before ingest was back"
                            + " (%.1f s); %,d resends by the publisher; %,d acknowledged, then lost by the broker",
                    ackedBefore, gap, away, publisher.resent(), lost.cardinality()), how.promisesNothingLost(),
                    Map.of("resent", (double) publisher.resent(), "gap", (double) gap));
        }
    }
}
