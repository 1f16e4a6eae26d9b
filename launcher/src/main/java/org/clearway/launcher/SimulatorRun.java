package org.clearway.launcher;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.clearway.core.db.Databases;
import org.clearway.core.mqtt.MqttClientSettings;
import org.clearway.core.mqtt.PahoMqttSession;
import org.clearway.ingest.app.IngestConfig;
import org.clearway.simulator.Simulation;
import org.clearway.simulator.city.BinRegistry;
import org.clearway.simulator.publish.PublishOptions;
import org.clearway.simulator.publish.Publisher;
import org.clearway.simulator.trucks.BinYard;
import org.clearway.simulator.trucks.FleetSource;
import org.clearway.simulator.trucks.TruckFleet;
import org.clearway.simulator.trucks.TruckFleet.FleetSettings;
import org.clearway.simulator.trucks.TruckSpec;

/**
 * The simulator feeding ingest: registers its bins, then publishes in the background until stopped;
 * with trucks on, the active trucks of the {@code trucks} table (the fleet dispatch stored) follow
 * the routes dispatch publishes, on the sensors' simulated clock (the launcher's city clock, which every service
 * shares), and empty the simulated bins.
 */
final class SimulatorRun implements AutoCloseable {
    /** The bins' initial fills are drawn from 0 to this: at the default threshold of 80 %, about one bin in six is due. */
    static final double LIVE_INITIAL_FILL = 95;
    private final Simulation simulation;
    private final PahoMqttSession session;
    private final Publisher publisher;
    private final Thread thread;
    private final double rate;
    private final TruckFleet fleet;

    private SimulatorRun(Simulation simulation, PahoMqttSession session, Publisher publisher, Thread thread, double rate,
                         TruckFleet fleet) {
        this.simulation = simulation;
        this.session = session;
        this.publisher = publisher;
        this.thread = thread;
        this.rate = rate;
        this.fleet = fleet;
    }

    /**
     * Starts the bins at the city clock's now (no history to replay), at fills from 0 to 95 % so that some are past
     * their threshold at once, on that clock: the simulation's time is the city's.
     */
    static SimulatorRun start(IngestConfig config, int bins, long seed, Clock cityClock, double rate, double badShare,
                              boolean trucks) throws SQLException {
        Simulation simulation = Simulation.builder().seed(seed).bins(bins).clock(cityClock).speed(1)
                .initialFill(LIVE_INITIAL_FILL).maxAge(config.maxReadingAge())
                .topicPrefix(config.mqtt().topicPrefix()).badShare(badShare).duplicateShare(0.01).build();
        List<TruckSpec> fleetSpecs;
        try (var pool = Databases.pool(config.database(), "simulator-registry")) {
            BinRegistry.register(pool, simulation.bins());
            fleetSpecs = trucks ? FleetSource.activeTrucks(pool) : List.of();
        }
        PahoMqttSession session = new PahoMqttSession(MqttClientSettings.publisher(config.mqtt(),
                "clearway-simulator", 100));
        session.start();
        TruckFleet fleet = fleetSpecs.isEmpty() ? null : TruckFleet.start(fleetSpecs, FleetSettings.defaults()
                        .withSeed(seed).withClientIdPrefix(clientIdPrefix(config.mqtt().topicPrefix())), config.mqtt(),
                simulation.time(), BinYard.of(simulation));
        Publisher publisher = new Publisher(session, PublishOptions.defaults().withRate(rate)
                .withProgressInterval(Duration.ofSeconds(30)));
        Thread thread = Thread.ofPlatform().name("simulator").daemon().start(() -> publisher.publish(
                simulation.stream(), null, p -> {
                    System.out.println("simulator: " + p.line());
                    if (fleet != null) {
                        System.out.println("simulator: " + fleet.stats().line());
                    }
                }));
        return new SimulatorRun(simulation, session, publisher, thread, rate, fleet);
    }

    /** Trucks of two runs under different topic prefixes on one broker must not share client ids. */
    static String clientIdPrefix(String topicPrefix) {
        String tag = topicPrefix.replaceAll("[^A-Za-z0-9_-]", "-");
        return "clearway-truck-" + (tag.isEmpty() ? "" : tag + (tag.endsWith("-") ? "" : "-"));
    }

    Simulation simulation() {
        return simulation;
    }

    /** The simulated trucks, or null when there are none. */
    TruckFleet fleet() {
        return fleet;
    }

    String describe() {
        return simulation.bins().size() + " bins, up to " + (long) rate + " messages/s, seed "
                + simulation.settings().seed() + (fleet == null ? "; no trucks"
                : "; trucks " + String.join(", ", fleet.truckIds()) + " follow {prefix}trucks/{id}/route");
    }

    @Override
    public void close() throws InterruptedException {
        publisher.stop();
        thread.join(10_000);
        if (fleet != null) {
            fleet.close();
        }
        session.close();
    }
}
