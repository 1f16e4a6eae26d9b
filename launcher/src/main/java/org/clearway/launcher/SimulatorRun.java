package org.clearway.launcher;

import java.sql.SQLException;
import java.time.Duration;
import org.clearway.core.db.Databases;
import org.clearway.core.mqtt.MqttClientSettings;
import org.clearway.core.mqtt.PahoMqttSession;
import org.clearway.ingest.app.IngestConfig;
import org.clearway.simulator.Simulation;
import org.clearway.simulator.city.BinRegistry;
import org.clearway.simulator.publish.PublishOptions;
import org.clearway.simulator.publish.Publisher;

/** The simulator feeding ingest: registers its bins, then publishes in the background until stopped. */
final class SimulatorRun implements AutoCloseable {
    private final Simulation simulation;
    private final PahoMqttSession session;
    private final Publisher publisher;
    private final Thread thread;
    private final double rate;

    private SimulatorRun(Simulation simulation, PahoMqttSession session, Publisher publisher, Thread thread, double rate) {
        this.simulation = simulation;
        this.session = session;
        this.publisher = publisher;
        this.thread = thread;
        this.rate = rate;
    }

    static SimulatorRun start(IngestConfig config, int bins, long seed, double speed, double rate, double badShare)
            throws SQLException {
        Simulation simulation = Simulation.builder().seed(seed).bins(bins).speed(speed)
                .topicPrefix(config.mqtt().topicPrefix()).badShare(badShare).duplicateShare(0.01).build();
        try (var pool = Databases.pool(config.database(), "simulator-registry")) {
            BinRegistry.register(pool, simulation.bins());
        }
        PahoMqttSession session = new PahoMqttSession(MqttClientSettings.publisher(config.mqtt(),
                "clearway-simulator", 100));
        session.start();
        Publisher publisher = new Publisher(session, PublishOptions.defaults().withRate(rate)
                .withProgressInterval(Duration.ofSeconds(30)));
        Thread thread = Thread.ofPlatform().name("simulator").daemon().start(() -> publisher.publish(
                simulation.stream(), null, p -> System.out.println("simulator: " + p.line())));
        return new SimulatorRun(simulation, session, publisher, thread, rate);
    }

    String describe() {
        return simulation.bins().size() + " bins, up to " + (long) rate + " messages/s, seed "
                + simulation.settings().seed();
    }

    @Override
    public void close() throws InterruptedException {
        publisher.stop();
        thread.join(10_000);
        session.close();
    }
}
