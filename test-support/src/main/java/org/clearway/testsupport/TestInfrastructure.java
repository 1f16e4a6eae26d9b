package org.clearway.testsupport;

import java.util.Objects;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The test database and MQTT broker of this JVM: started on first use, shared by every test class
 * in the JVM (each class isolates itself with a {@link TestSchema}, its own topics and client ids),
 * stopped when the JVM exits.
 * <p>
 * Each comes from the first of these that applies, decided once and logged with the reason:
 * <ol>
 *   <li>the environment: {@value #DATABASE_URL} (a JDBC URL, with {@value #DATABASE_USER}, default
 *       {@code postgres}, and {@value #DATABASE_PASSWORD}, default empty), and {@value #MQTT_URL}
 *       (e.g. {@code tcp://127.0.0.1:1884}) with, optionally, {@value #MQTT_WS_URL} (its WebSocket listener);</li>
 *   <li>Testcontainers, where Docker works: TimescaleDB, and Mosquitto with
 *       {@code deploy/mosquitto/clearway.conf};</li>
 *   <li>embedded servers: PostgreSQL (zonky) and HiveMQ CE.</li>
 * </ol>
 */
public final class TestInfrastructure {
    public static final String DATABASE_URL = "CLEARWAY_TEST_DATABASE_URL";
    public static final String DATABASE_USER = "CLEARWAY_TEST_DATABASE_USER";
    public static final String DATABASE_PASSWORD = "CLEARWAY_TEST_DATABASE_PASSWORD";
    public static final String MQTT_URL = "CLEARWAY_TEST_MQTT_URL";
    /** The same broker's MQTT-over-WebSockets URL, e.g. {@code ws://127.0.0.1:9884/mqtt}; optional. */
    public static final String MQTT_WS_URL = "CLEARWAY_TEST_MQTT_WS_URL";

    private static final Logger LOG = LoggerFactory.getLogger(TestInfrastructure.class);
    private static final Function<String, String> ENVIRONMENT = System::getenv;
    private static final Lazy<Boolean> DOCKER = new Lazy<>(DockerProbe::available);
    private static final Lazy<DatabaseEndpoint> DATABASE = new Lazy<>(TestInfrastructure::startDatabase);
    private static final Lazy<BrokerEndpoint> BROKER = new Lazy<>(TestInfrastructure::startBroker);

    private TestInfrastructure() {
    }

    /** The test database, started on first use. */
    public static DatabaseEndpoint database() {
        return DATABASE.get();
    }

    /** The test MQTT broker, started on first use. */
    public static BrokerEndpoint broker() {
        return BROKER.get();
    }

    /** The database given by the environment variables (the first choice). */
    static DatabaseEndpoint databaseFromEnvironment(Function<String, String> environment) {
        return new DatabaseEndpoint(environment.apply(DATABASE_URL).strip(),
                Choice.isSet(environment.apply(DATABASE_USER)) ? environment.apply(DATABASE_USER).strip() : "postgres",
                Objects.requireNonNullElse(environment.apply(DATABASE_PASSWORD), ""));
    }

    private static DatabaseEndpoint startDatabase() {
        Choice choice = Choice.of(DATABASE_URL, ENVIRONMENT, DOCKER::get);
        DatabaseEndpoint endpoint = switch (choice.source()) {
            case ENVIRONMENT -> databaseFromEnvironment(ENVIRONMENT);
            case CONTAINER -> ContainerServers.startDatabase();
            case EMBEDDED -> EmbeddedServers.startDatabase();
        };
        LOG.info("Test database from {}: {} as {} ({})", describe(choice.source()), endpoint.jdbcUrl(), endpoint.user(),
                choice.reason());
        return endpoint;
    }

    private static BrokerEndpoint startBroker() {
        Choice choice = Choice.of(MQTT_URL, ENVIRONMENT, DOCKER::get);
        BrokerEndpoint endpoint = switch (choice.source()) {
            case ENVIRONMENT -> new BrokerEndpoint(ENVIRONMENT.apply(MQTT_URL).strip(),
                    Choice.isSet(ENVIRONMENT.apply(MQTT_WS_URL)) ? ENVIRONMENT.apply(MQTT_WS_URL).strip() : null);
            case CONTAINER -> ContainerServers.startBroker();
            case EMBEDDED -> EmbeddedServers.startBroker();
        };
        LOG.info("Test MQTT broker from {}: {} ({})", describe(choice.source()), endpoint.serverUri(), choice.reason());
        return endpoint;
    }

    private static String describe(Source source) {
        return switch (source) {
            case ENVIRONMENT -> "the environment";
            case CONTAINER -> "a Testcontainers container";
            case EMBEDDED -> "an embedded server";
        };
    }
}
