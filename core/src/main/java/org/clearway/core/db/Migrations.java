package org.clearway.core.db;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import javax.sql.DataSource;
import org.clearway.core.config.DatabaseConfig;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * Applies the schema migrations in {@code db/migration} (Flyway), as every service does at start
 * and every test does on its own schema.
 */
public final class Migrations {
    /** SQL run before every migration: where the TimescaleDB extension goes. */
    static final String PREPARE = "db/prepare/timescaledb_schema.sql";

    private Migrations() {
    }

    /**
     * @param schema            the schema to migrate (created if missing); the connections' current schema
     * @param readingsRetention how long a TimescaleDB retention policy keeps readings
     */
    public static MigrateResult apply(DataSource dataSource, String schema, Duration readingsRetention) {
        prepare(dataSource);
        MigrateResult result = Flyway.configure()
                .dataSource(dataSource)
                .schemas(schema)
                .defaultSchema(schema)
                .createSchemas(true)
                .locations("classpath:db/migration")
                .placeholders(Map.of(
                        "retentionDays", Long.toString(Math.max(1, readingsRetention.toDays())),
                        "compressAfterDays", Integer.toString(DatabaseConfig.DEFAULT_COMPRESS_AFTER_DAYS)))
                .load()
                .migrate();
        try {
            TimescaleRollups.apply(dataSource);
        } catch (SQLException e) {
            throw new FlywayException("Cannot create the TimescaleDB continuous aggregates: " + e.getMessage(), e);
        }
        return result;
    }

    /**
     * Runs {@value #PREPARE} (TimescaleDB, where the server has it, in a schema of its own before V2 would put it in
     * ours) on one connection of the pool, before Flyway takes its own.
     */
    static void prepare(DataSource dataSource) {
        try (InputStream in = Migrations.class.getResourceAsStream("/" + PREPARE)) {
            if (in == null) {
                throw new IllegalStateException(PREPARE + " is missing from the classpath");
            }
            String sql = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
                s.execute(sql);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + PREPARE, e);
        } catch (SQLException e) {
            throw new FlywayException("Cannot prepare the database (" + PREPARE + "): " + e.getMessage(), e);
        }
    }
}
