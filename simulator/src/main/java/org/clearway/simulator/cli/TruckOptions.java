package org.clearway.simulator.cli;

import com.zaxxer.hikari.HikariDataSource;
import java.io.PrintStream;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.clearway.core.config.DatabaseConfig;
import org.clearway.core.config.MqttConfig;
import org.clearway.core.db.Databases;
import org.clearway.simulator.Simulation;
import org.clearway.simulator.trucks.BinYard;
import org.clearway.simulator.trucks.DrivingModel;
import org.clearway.simulator.trucks.FleetSource;
import org.clearway.simulator.trucks.TruckFleet;
import org.clearway.simulator.trucks.TruckFleet.FleetSettings;
import org.clearway.simulator.trucks.TruckSpec;
import picocli.CommandLine.Option;

/** The simulated trucks' options (docs/simulator.md): which trucks, and how they drive. */
final class TruckOptions {
    @Option(names = "--trucks", paramLabel = "IDS", split = ",",
            description = "Simulate these trucks (ids of the trucks table), each starting at its first stop.")
    List<String> ids;

    @Option(names = "--trucks-from-db",
            description = "Simulate every active truck of the database's trucks table (dispatch stores its fleet"
                + " file there), each starting at its depot; uses --db-url.")
    boolean fromDatabase;

    @Option(names = "--truck-speed", paramLabel = "KM/H", defaultValue = "25",
            description = "Average road speed of the simulated trucks.")
    double speedKmh;

    @Option(names = "--road-factor", paramLabel = "X", defaultValue = "1.3",
            description = "Road distance per straight-line distance.")
    double roadFactor;

    @Option(names = "--bin-service", paramLabel = "DURATION", defaultValue = "90s",
            converter = Converters.DurationConverter.class, description = "Simulated time at a bin.")
    Duration binService;

    @Option(names = "--unload-service", paramLabel = "DURATION", defaultValue = "15m",
            converter = Converters.DurationConverter.class, description = "Simulated time to unload at a facility.")
    Duration unloadService;

    boolean any() {
        return fromDatabase || (ids != null && !ids.isEmpty());
    }

    /** The trucks asked for: from the database (when asked) and the listed ones not in it. */
    List<TruckSpec> trucks(DataSource db) throws SQLException {
        List<TruckSpec> out = new java.util.ArrayList<>(fromDatabase ? FleetSource.activeTrucks(db) : List.of());
        if (fromDatabase && out.isEmpty() && (ids == null || ids.isEmpty())) {
            throw new IllegalArgumentException("--trucks-from-db found no active truck in the trucks table: start"
                    + " dispatch with a fleet file first (CLEARWAY_DISPATCH_FLEET_FILE), or name trucks with --trucks");
        }
        if (ids != null) {
            ids.stream().filter(id -> out.stream().noneMatch(t -> t.id().equals(id))).map(TruckSpec::ofId)
                    .forEach(out::add);
        }
        return out;
    }

    /** Starts the trucks asked for, on the simulation's clock and bins; null when none were asked for. */
    TruckFleet start(Simulation simulation, MqttConfig mqtt, Supplier<DatabaseConfig> database, long seed,
                     PrintStream err) throws SQLException {
        if (!any()) {
            return null;
        }
        List<TruckSpec> specs;
        if (fromDatabase) {
            try (HikariDataSource dataSource = Databases.pool(database.get(), "simulator-trucks")) {
                specs = trucks(dataSource);
            }
        } else {
            specs = trucks(null);
        }
        err.printf(Locale.ROOT, "Simulating %d trucks (%s) at %.0f km/h x %.2f road factor, following"
                        + " %strucks/{id}/route.%n", specs.size(), String.join(", ", specs.stream().map(TruckSpec::id).toList()),
                speedKmh, roadFactor, mqtt.topicPrefix());
        return TruckFleet.start(specs, settings(seed), mqtt, simulation.time(), BinYard.of(simulation));
    }

    FleetSettings settings(long seed) {
        DrivingModel driving = DrivingModel.DEFAULT.withSpeedKmh(speedKmh).withRoadFactor(roadFactor)
                .withBinService(binService).withUnloadService(unloadService);
        return FleetSettings.defaults().withDriving(driving).withSeed(seed);
    }
}
