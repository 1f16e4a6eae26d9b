package org.clearway.core.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.clearway.core.config.DatabaseConfig;

/** Connection pools for the telemetry store. */
public final class Databases {
    private Databases() {
    }

    public static HikariDataSource pool(DatabaseConfig config, String poolName) {
        HikariConfig hikari = new HikariConfig();
        hikari.setJdbcUrl(config.url());
        hikari.setUsername(config.user());
        hikari.setPassword(config.password());
        hikari.setMaximumPoolSize(config.poolSize());
        hikari.setMinimumIdle(1);
        hikari.setPoolName(poolName);
        hikari.setConnectionTimeout(5_000);
        hikari.setValidationTimeout(2_000);
        // Start even when the database is down: the service reports it on /health and retries.
        hikari.setInitializationFailTimeout(-1);
        hikari.addDataSourceProperty("reWriteBatchedInserts", "true");
        hikari.addDataSourceProperty("tcpKeepAlive", "true");
        return new HikariDataSource(hikari);
    }
}
