package org.clearway.testsupport;

import org.testcontainers.containers.GenericContainer;
import org.testcontainers.images.builder.Transferable;
import org.testcontainers.postgresql.PostgreSQLContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * Test servers in Docker containers: TimescaleDB (PostgreSQL 16 with the extension preloaded, as
 * deployed) and Mosquitto with the project's own configuration. Stopped at JVM exit (and reaped by
 * Testcontainers' Ryuk if the JVM dies).
 */
final class ContainerServers {
    static final DockerImageName TIMESCALEDB = DockerImageName.parse("timescale/timescaledb:2.17.2-pg16")
            .asCompatibleSubstituteFor("postgres");
    static final DockerImageName MOSQUITTO = DockerImageName.parse("eclipse-mosquitto:2.0.20");

    private ContainerServers() {
    }

    static DatabaseEndpoint startDatabase() {
        // The image's own switch (timescaledb-docker README): no telemetry or version checks from tests.
        PostgreSQLContainer container = new PostgreSQLContainer(TIMESCALEDB).withEnv("TIMESCALEDB_TELEMETRY", "off");
        container.start();
        ShutdownHooks.closeOnExit("timescaledb container", container::stop);
        return new DatabaseEndpoint(container.getJdbcUrl(), container.getUsername(), container.getPassword());
    }

    static BrokerEndpoint startBroker() {
        String config = MosquittoConfig.forContainer(MosquittoConfig.projectFile());
        GenericContainer<?> container = new GenericContainer<>(MOSQUITTO)
                .withExposedPorts(MosquittoConfig.CONTAINER_PORT, MosquittoConfig.WEBSOCKET_PORT)
                .withCopyToContainer(Transferable.of(config), MosquittoConfig.CONTAINER_PATH);
        container.start();
        ShutdownHooks.closeOnExit("mosquitto container", container::stop);
        return new BrokerEndpoint("tcp://" + container.getHost() + ":" + container.getMappedPort(MosquittoConfig.CONTAINER_PORT),
                "ws://" + container.getHost() + ":" + container.getMappedPort(MosquittoConfig.WEBSOCKET_PORT) + "/mqtt");
    }
}
