package org.clearway.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.eclipse.paho.mqttv5.client.IMqttMessageListener;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.junit.jupiter.api.Test;

/**
 * Runs against whatever {@link TestInfrastructure} picks: the environment's servers when
 * CLEARWAY_TEST_DATABASE_URL / CLEARWAY_TEST_MQTT_URL are set, else containers or embedded servers.
 */
class InfrastructureIT {

    @Test
    void theSameServersServeTheWholeJvm() {
        assertThat(TestInfrastructure.database()).isSameAs(TestInfrastructure.database());
        assertThat(TestInfrastructure.broker()).isSameAs(TestInfrastructure.broker());
    }

    @Test
    void eachSchemaIsolatesItsTablesAndIsDroppedOnClose() throws SQLException {
        String first;
        try (TestSchema one = TestSchema.create("it_one"); TestSchema two = TestSchema.create("it_one")) {
            first = one.name();
            assertThat(one.name()).startsWith("it_one_").isNotEqualTo(two.name());
            assertThat(schemaExists(one.name())).isTrue();

            createBinsWith(one.dataSource(), "in-one");
            createBinsWith(two.dataSource(), "in-two");

            assertThat(singleValue(one.dataSource(), "SELECT id FROM bins")).isEqualTo("in-one");
            assertThat(singleValue(two.dataSource(), "SELECT id FROM bins")).isEqualTo("in-two");
            assertThat(singleValue(one.dataSource(), "SELECT current_schema()")).isEqualTo(one.name());
            try (Connection connection = DriverManager.getConnection(one.jdbcUrl(), one.endpoint().user(), one.endpoint().password())) {
                assertThat(singleValue(connection, "SELECT id FROM bins")).isEqualTo("in-one");
            }
        }
        assertThat(schemaExists(first)).isFalse();
    }

    @Test
    void thePoolIsSmall() throws SQLException {
        try (TestSchema schema = TestSchema.create("it_pool")) {
            assertThat(schema.dataSource()).isInstanceOfSatisfying(HikariDataSource.class,
                    pool -> assertThat(pool.getMaximumPoolSize()).isEqualTo(TestSchema.MAX_POOL_SIZE));
            assertThat(singleValue(schema.dataSource(), "SELECT 'ok'")).isEqualTo("ok");
        }
    }

    @Test
    void theBrokerCarriesAMessage() throws Exception {
        String serverUri = TestInfrastructure.broker().serverUri();
        String topic = "it/" + System.nanoTime() + "/bins/b-1/telemetry";
        CompletableFuture<String> received = new CompletableFuture<>();
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setCleanStart(true);
        MqttClient subscriber = new MqttClient(serverUri, "it-sub-" + System.nanoTime(), new MemoryPersistence());
        MqttClient publisher = new MqttClient(serverUri, "it-pub-" + System.nanoTime(), new MemoryPersistence());
        try {
            subscriber.connect(options);
            IMqttToken subscription = subscriber.subscribe(new MqttSubscription[] {new MqttSubscription(topic, 1)},
                    new IMqttMessageListener[] {
                        (t, message) -> received.complete(new String(message.getPayload(), StandardCharsets.UTF_8))
                    });
            assertThat(subscription.getGrantedQos()).containsExactly(1);
            publisher.connect(options);
            MqttMessage message = new MqttMessage("{\"fill\":42}".getBytes(StandardCharsets.UTF_8));
            message.setQos(1);
            publisher.publish(topic, message);

            assertThat(received.get(10, TimeUnit.SECONDS)).isEqualTo("{\"fill\":42}");
        } finally {
            disconnect(publisher);
            disconnect(subscriber);
        }
    }

    private static void createBinsWith(DataSource dataSource, String id) throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE bins (id text PRIMARY KEY)");
            statement.execute("INSERT INTO bins VALUES ('" + id + "')");
        }
    }

    private static boolean schemaExists(String name) throws SQLException {
        DatabaseEndpoint database = TestInfrastructure.database();
        try (Connection connection = DriverManager.getConnection(database.jdbcUrl(), database.user(), database.password());
             PreparedStatement query = connection.prepareStatement("SELECT 1 FROM information_schema.schemata WHERE schema_name = ?")) {
            query.setString(1, name);
            try (ResultSet rows = query.executeQuery()) {
                return rows.next();
            }
        }
    }

    private static String singleValue(DataSource dataSource, String sql) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            return singleValue(connection, sql);
        }
    }

    private static String singleValue(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            assertThat(rows.next()).isTrue();
            return rows.getString(1);
        }
    }

    private static void disconnect(MqttClient client) throws Exception {
        if (client.isConnected()) {
            client.disconnect();
        }
        client.close();
    }
}
