package org.clearway.launcher;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import org.clearway.embedded.EmbeddedBroker;
import org.clearway.embedded.EmbeddedDatabase;

/** The database and broker the launcher runs against: external ones when given, embedded otherwise. */
record Infrastructure(String jdbcUrl, String dbUser, String dbPassword, String mqttUrl, boolean embeddedDatabase,
                      boolean embeddedBroker) {
    static final String DATABASE = "clearway";

    static Infrastructure start(Path dataDir, String dbUrl, int dbPort, String mqttUrl, int mqttPort,
                                org.clearway.core.config.Env env, List<AutoCloseable> running)
            throws IOException, SQLException {
        String jdbc = dbUrl;
        String user = env.string("CLEARWAY_DB_USER", "postgres");
        String password = env.string("CLEARWAY_DB_PASSWORD", "");
        if (jdbc == null) {
            System.out.println("Starting the embedded PostgreSQL (data in " + dataDir.resolve("postgres") + ") ...");
            EmbeddedDatabase db = EmbeddedDatabase.start(dataDir.resolve("postgres"), dbPort);
            running.add(db);
            db.ensureDatabase(DATABASE);
            jdbc = db.jdbcUrl(DATABASE);
            user = db.user();
            password = db.password();
        }
        String mqtt = mqttUrl;
        if (mqtt == null) {
            System.out.println("Starting the embedded MQTT broker (data in " + dataDir.resolve("broker") + ") ...");
            EmbeddedBroker broker = EmbeddedBroker.start(dataDir.resolve("broker"), mqttPort);
            running.add(broker);
            mqtt = broker.serverUri();
        }
        return new Infrastructure(jdbc, user, password, mqtt, dbUrl == null, mqttUrl == null);
    }

    /** The database as a libpq URL, for psql. */
    String psqlUrl() {
        String rest = jdbcUrl.substring("jdbc:".length());
        return rest.replaceFirst("^postgresql://", "postgresql://" + dbUser + "@");
    }
}
