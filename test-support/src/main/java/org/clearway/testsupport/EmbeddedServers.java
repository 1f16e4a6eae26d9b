package org.clearway.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.SQLException;
import org.clearway.embedded.BrokerAccounts;
import org.clearway.embedded.EmbeddedBroker;
import org.clearway.embedded.EmbeddedDatabase;

/** Test servers from Maven Central artifacts (module embedded), on free ports, data in temporary directories. */
final class EmbeddedServers {
    static final String DATABASE = "clearway_test";

    private EmbeddedServers() {
    }

    static DatabaseEndpoint startDatabase() {
        try {
            EmbeddedDatabase database = EmbeddedDatabase.start(null, 0);
            ShutdownHooks.closeOnExit("embedded postgres", database);
            database.ensureDatabase(DATABASE);
            return new DatabaseEndpoint(database.jdbcUrl(DATABASE), database.user(), database.password());
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start embedded PostgreSQL", e);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not create database " + DATABASE + " in embedded PostgreSQL", e);
        }
    }

    static BrokerEndpoint startBroker() {
        try {
            // Loopback, this JVM's tests only; with MQTT over WebSockets for the driver app's browser test.
            EmbeddedBroker broker = EmbeddedBroker.start(null, 0, BrokerAccounts.anonymous(), null, 0,
                    new EmbeddedBroker.WebSockets(0, 0));
            ShutdownHooks.closeOnExit("embedded hivemq", broker);
            return new BrokerEndpoint(broker.serverUri(), broker.webSocketUri());
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start embedded HiveMQ", e);
        }
    }
}
