package org.clearway.simulator.cli;

import com.zaxxer.hikari.HikariDataSource;
import java.io.PrintStream;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;
import org.clearway.core.config.DatabaseConfig;
import org.clearway.core.db.Databases;
import org.clearway.core.db.Migrations;
import org.clearway.simulator.Simulation;
import org.clearway.simulator.city.BinRegistry;
import org.clearway.simulator.city.RegistrationResult;
import org.clearway.simulator.devices.DeviceRegistry;

/** {@code --register}: the schema's migrations, then the simulation's zones, bins and LoRaWAN devices, idempotently. */
final class CityRegistration {
    private CityRegistration() {
    }

    static void register(DatabaseConfig db, Simulation simulation, PrintStream err) throws SQLException {
        try (HikariDataSource dataSource = Databases.pool(db, "simulator")) {
            String schema;
            try (Connection c = dataSource.getConnection()) {
                schema = c.getSchema() == null ? "public" : c.getSchema();
            } catch (SQLException e) {
                throw new SQLException("Cannot reach the database at " + db.url() + " (" + e.getMessage() + "): start"
                        + " PostgreSQL, or point --db-url (or CLEARWAY_DB_URL) at it", e);
            }
            Migrations.apply(dataSource, schema, db.readingsRetention());
            RegistrationResult r = BinRegistry.register(dataSource, simulation.bins());
            err.printf(Locale.ROOT,
                    "Registered %,d new bins and %,d new zones in schema %s (%,d bins were there already).%n",
                    r.binsInserted(), r.zonesInserted(), schema, simulation.bins().size() - r.binsInserted());
            if (!r.mismatched().isEmpty()) {
                err.printf(Locale.ROOT,
                        "Warning: %,d bins (first %s) were registered before with another zone, stream or"
                        + " geometry, so their fill will not convert as simulated: use another --id-prefix or a fresh"
                        + " schema.%n", r.mismatched().size(), r.mismatched().get(0));
            }
            if (!simulation.devices().isEmpty()) {
                int placed = DeviceRegistry.register(dataSource, simulation.devices(), simulation.settings().start());
                err.printf(Locale.ROOT, "Registered %,d LoRaWAN devices on their bins (%,d were there already); ingest"
                        + " reads them with CLEARWAY_INGEST_SOURCES=contract,chirpstack,tts.%n", placed,
                        simulation.devices().size() - placed);
            }
        }
    }
}
