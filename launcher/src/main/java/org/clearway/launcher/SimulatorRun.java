package org.clearway.launcher;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.clearway.core.db.Databases;
import org.clearway.core.mqtt.MqttClientSettings;
import org.clearway.core.mqtt.PahoMqttSession;
import org.clearway.ingest.app.IngestConfig;
import org.clearway.simulator.Simulation;
import org.clearway.simulator.SimulationBuilder;
import org.clearway.simulator.city.BinRegistry;
import org.clearway.simulator.devices.DeviceKind;
import org.clearway.simulator.devices.DeviceRegistry;
import org.clearway.simulator.devices.DownlinkReceiver;
import org.clearway.simulator.devices.Fleet;
import org.clearway.simulator.devices.NetworkServerJson;
import org.clearway.simulator.publish.PublishOptions;
import org.clearway.simulator.publish.Publisher;
import org.clearway.simulator.trucks.BinYard;
import org.clearway.simulator.trucks.DrivingModel;
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
     * The bins, starting at the city clock's now (no history to replay), at fills from 0 to 95 % so that some are past
     * their threshold at once, on that clock: the simulation's time is the city's. With {@code lab}, the lab's city
     * instead ({@link LabCity#sensors}: its sensors, fills from 0 to 70 %, no stand-in collections).
     */
    static Simulation simulation(IngestConfig config, int bins, long seed, Clock cityClock, double badShare,
                                 Fleet sensors, LabCity lab) {
        SimulationBuilder builder = Simulation.builder().seed(seed).bins(bins).clock(cityClock).speed(1)
                .initialFill(LIVE_INITIAL_FILL).maxAge(config.maxReadingAge()).fleet(sensors)
                .topicPrefix(config.mqtt().topicPrefix()).badShare(badShare).duplicateShare(0.01);
        return (lab == null ? builder : lab.sensors(builder)).build();
    }

    /**
     * Registers the simulation's bins and starts publishing; with {@code trucks}, the active trucks of the
     * {@code trucks} table drive as {@code driving} says.
     */
    static SimulatorRun start(IngestConfig config, Simulation simulation, long seed, double rate, boolean trucks,
                              DrivingModel driving) throws SQLException {
        Fleet sensors = simulation.settings().fleet();
        List<TruckSpec> fleetSpecs;
        try (var pool = Databases.pool(config.database(), "simulator-registry")) {
            BinRegistry.register(pool, simulation.bins());
            DeviceRegistry.register(pool, simulation.devices(), simulation.settings().start());
            fleetSpecs = trucks ? FleetSource.activeTrucks(pool) : List.of();
        }
        PahoMqttSession session = new PahoMqttSession(MqttClientSettings.publisher(config.mqtt(),
                "clearway-simulator", 100));
        session.start();
        if (sensors != Fleet.CONTRACT) {
            // the simulated network servers' downlink side: the devices take the intervals dispatch asks for
            new DownlinkReceiver(config.mqtt().topicPrefix(), simulation::device).subscribe(session);
        }
        TruckFleet fleet = fleetSpecs.isEmpty() ? null : TruckFleet.start(fleetSpecs, FleetSettings.defaults()
                        .withDriving(driving).withSeed(seed).withClientIdPrefix(clientIdPrefix(config.mqtt().topicPrefix())), config.mqtt(),
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

    /**
     * With LoRaWAN devices among the bins, ingest reads ChirpStack's and The Things Stack's topics too (under the run's
     * topic prefix), and dispatch's adaptive reporting asks the simulated devices for their reporting intervals through
     * the simulated network servers' downlink topics (docs/devices.md, "Adaptive reporting"), unless the environment
     * says otherwise.
     */
    static void sources(Map<String, String> vars, Fleet sensors) {
        if (sensors == Fleet.CONTRACT) {
            return;
        }
        String prefix = vars.getOrDefault("CLEARWAY_TOPIC_PREFIX", "");
        vars.putIfAbsent("CLEARWAY_INGEST_SOURCES", "contract,chirpstack,tts");
        vars.putIfAbsent("CLEARWAY_INGEST_CHIRPSTACK_TOPIC", prefix + "application/+/device/+/event/up");
        vars.putIfAbsent("CLEARWAY_INGEST_CHIRPSTACK_STATUS_TOPIC", prefix + "application/+/device/+/event/status");
        vars.putIfAbsent("CLEARWAY_INGEST_TTS_TOPIC", prefix + "v3/+/devices/+/up");
        vars.putIfAbsent("CLEARWAY_DISPATCH_REPORTING", "adaptive");
        vars.putIfAbsent("CLEARWAY_DISPATCH_CHIRPSTACK_APPLICATION", NetworkServerJson.CHIRPSTACK_APPLICATION);
        vars.putIfAbsent("CLEARWAY_DISPATCH_TTS_APPLICATION", NetworkServerJson.TTS_APPLICATION_ID);
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
        Map<DeviceKind.NetworkServer, Long> devices = simulation.devices().stream().collect(Collectors.groupingBy(
                d -> d.kind().server(), () -> new EnumMap<>(DeviceKind.NetworkServer.class), Collectors.counting()));
        return simulation.bins().size() + " bins (" + simulation.settings().fleet().code() + " fleet: "
                + (simulation.bins().size() - simulation.devices().size()) + " contract sensors, "
                + devices.getOrDefault(DeviceKind.NetworkServer.CHIRPSTACK, 0L) + " LoRaWAN devices through ChirpStack, "
                + devices.getOrDefault(DeviceKind.NetworkServer.TTS, 0L) + " through The Things Stack), up to " + (long) rate + " messages/s, seed "
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
