package org.clearway.lab.soak;

import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.EnumSet;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.clearway.core.config.MqttConfig;
import org.clearway.core.mqtt.MqttClientSettings;
import org.clearway.core.mqtt.PahoMqttSession;
import org.clearway.core.time.DbClock;
import org.clearway.simulator.Publication;
import org.clearway.simulator.Simulation;
import org.clearway.simulator.SimulationBuilder;
import org.clearway.simulator.city.BinRegistry;
import org.clearway.simulator.payload.BadKind;
import org.clearway.simulator.publish.Progress;
import org.clearway.simulator.publish.PublishOptions;
import org.clearway.simulator.publish.PublishSummary;
import org.clearway.simulator.publish.Publisher;

/**
 * Simulated bins publishing in the background, counting what ingest must make of what they sent
 * (valid readings, rejections) without a ledger, so that the soak's own memory stays flat.
 */
final class SoakLoad implements AutoCloseable {
    /** Bad input the soak sends: kinds on well-formed topics, each rejected with its reason. */
    static final EnumSet<BadKind> BAD_KINDS = EnumSet.of(BadKind.NOT_JSON, BadKind.OUT_OF_RANGE, BadKind.MISSING_FILL,
            BadKind.UNKNOWN_BIN);

    /**
     * @param speed    simulated seconds per second; infinity to replay the past from {@code start} at full speed
     * @param start    where simulated time starts; null for the next whole second, when the simulation is then
     *                 built (real time with speed 1: a reading's {@code ts} is then exactly when it is taken)
     * @param rateCap  messages per second at most; 0 for no cap
     */
    record Spec(String idPrefix, int bins, Duration interval, double speed, Instant start, double badShare,
                double rateCap, long seed) {
    }

    private final Simulation simulation;
    private final PahoMqttSession session;
    private final Publisher publisher;
    private final Thread thread;
    private final LongAdder expectedValid = new LongAdder();
    private final LongAdder expectedRejected = new LongAdder();
    private final AtomicReference<Progress> progress = new AtomicReference<>();
    private final AtomicReference<PublishSummary> summary = new AtomicReference<>();

    private SoakLoad(Spec spec, DataSource db, MqttConfig mqtt, String clientId) throws SQLException {
        // Before the builder: it takes its own now when it is made, and a start must not be after it.
        Instant start = spec.start() != null ? spec.start() : nextWholeSecond();
        SimulationBuilder b = Simulation.builder().seed(spec.seed()).bins(spec.bins()).idPrefix(spec.idPrefix())
                .topicPrefix(mqtt.topicPrefix()).reportInterval(spec.interval())
                .outageShare(0).duplicateShare(0).badShare(spec.badShare()).badKinds(BAD_KINDS);
        b = Double.isInfinite(spec.speed()) ? b.maxSpeed() : b.speed(spec.speed());
        this.simulation = b.start(start).build();
        BinRegistry.register(db, simulation.bins());
        this.session = new PahoMqttSession(MqttClientSettings.publisher(mqtt, clientId, 200));
        session.start();
        this.publisher = new Publisher(session, PublishOptions.defaults().withRate(spec.rateCap())
                .withProgressInterval(Duration.ofSeconds(1)));
        Stream<Publication> counted = simulation.stream().peek(p -> {
            expectedValid.add(p.expectation().valid().size());
            expectedRejected.add(p.expectation().rejections().size());
        });
        this.thread = Thread.ofPlatform().name("soak-load-" + spec.idPrefix()).daemon().start(() ->
                summary.set(publisher.publish(counted, null, progress::set)));
    }

    /**
     * Waits for the next whole second and returns it. Bins report at whole seconds from the start, and
     * {@code ts} carries whole seconds: from a whole-second start every {@code ts} is exact, where a start
     * at, say, .9 s would make every reading look 0.9 s older than it is.
     */
    private static Instant nextWholeSecond() {
        Instant next = DbClock.wall().instant().truncatedTo(ChronoUnit.SECONDS).plusSeconds(1);
        while (DbClock.wall().instant().isBefore(next)) {
            try {
                Thread.sleep(Math.max(1, Duration.between(DbClock.wall().instant(), next).toMillis()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while starting the load", e);
            }
        }
        return next;
    }

    static SoakLoad start(Spec spec, DataSource db, MqttConfig mqtt, String clientId) throws SQLException {
        return new SoakLoad(spec, db, mqtt, clientId);
    }

    /** The publisher's latest progress (every second); null before the first. */
    Progress progress() {
        return progress.get();
    }

    /** Valid readings in what was taken for publishing so far. */
    long expectedValid() {
        return expectedValid.sum();
    }

    long expectedRejected() {
        return expectedRejected.sum();
    }

    Simulation simulation() {
        return simulation;
    }

    /** Stops taking publications, waits for the last acknowledgements, and returns the publisher's summary. */
    PublishSummary stop() throws InterruptedException {
        publisher.stop();
        thread.join(Duration.ofMinutes(2));
        return summary.get();
    }

    @Override
    public void close() throws InterruptedException {
        if (thread.isAlive()) {
            stop();
        }
        session.close();
    }
}
