package org.clearway.core.db;

import java.time.Duration;
import java.util.Map;
import javax.sql.DataSource;
import org.clearway.core.config.DatabaseConfig;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * Applies the schema migrations in {@code db/migration} (Flyway), as every service does at start
 * and every test does on its own schema.
 */
public final class Migrations {
    private Migrations() {
    }

    /**
     * @param schema            the schema to migrate (created if missing); the connections' current schema
     * @param readingsRetention how long a TimescaleDB retention policy keeps readings
     */
    public static MigrateResult apply(DataSource dataSource, String schema, Duration readingsRetention) {
        return Flyway.configure()
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
    }
}
